// Compiles the extension-host suite (test/integration/suite/*.test.ts plus its index) with esbuild into a private
// folder under .test-artifacts/, one CommonJS bundle per test file. 'vscode' is provided by the editor and mocha is
// required from the repo's node_modules at run time (the output lives inside the repo, so Node finds it).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { artifactPath, repoRoot } from '../tools/paths';

export async function compileSuite(outDir: string = artifactPath('integration', 'suite')): Promise<string> {
  const suiteDir = join(repoRoot, 'test/integration/suite');
  const entries = readdirSync(suiteDir).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(suiteDir, f));
  await build({
    entryPoints: entries,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return join(outDir, 'index.js');
}
