// `npm run package`: the production build and `vsce package` into a .vsix. The e2e tier and `npm start` call
// packageExtension() with their own output path so concurrent runs never overwrite each other's package.
// .vscodeignore is an allowlist: only what the installed extension needs goes in.
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { repoRoot } from './paths';

export async function packageExtension(out = join(repoRoot, 'bedrock-mantle.vsix')): Promise<string> {
  // Only vsce, on whatever Node runs this (20, 22 or 24): packaging needs no editor tooling. vsce runs the
  // manifest's `vscode:prepublish` (the production build) first; `--no-dependencies` because the bundles already
  // contain every runtime dependency.
  const vsce = join(repoRoot, 'node_modules/@vscode/vsce/vsce');
  const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '-o', out], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`vsce package failed:\n${(r.stderr + r.stdout).trim()}`);
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
