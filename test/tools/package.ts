// `npm run package`: the production build and `vsce package` into a .vsix. The e2e tier and `npm start` call
// packageExtension() with their own output path so concurrent runs never overwrite each other's package.
// .vscodeignore is an allowlist: only what the installed extension needs goes in.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { repoRoot } from './paths';
import { provision } from './provision';

export async function packageExtension(out = join(repoRoot, 'bedrock-mantle.vsix')): Promise<string> {
  const tools = await provision(); // vsce needs a newer Node than some machines have on PATH
  // vsce rewrites the README's relative links against the repository URL and refuses to package without one.
  // Until package.json names its repository, the links are left as they are (they work on the repository's page).
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { repository?: unknown };
  const links = manifest.repository ? [] : ['--no-rewrite-relative-links'];
  const steps: [string, string[]][] = [
    ['production build', ['esbuild.mjs', '--production']],
    ['vsce package', [join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', ...links, '-o', out]],
  ];
  for (const [name, args] of steps) {
    const r = spawnSync(tools.node24, args, { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${name} failed:\n${(r.stderr + r.stdout).trim()}`);
  }
  return out;
}

if (require.main === module) {
  const i = process.argv.indexOf('--out');
  const out = i > 0 ? resolve(process.argv[i + 1]) : undefined;
  packageExtension(out).then(
    (file) => console.log(`packaged ${file}`),
    (e: Error) => { console.error(e.message); process.exit(1); },
  );
}
