// Where the measured build comes from: the .vsix that the size step packaged (BENCH_VSIX, set by run.mjs), unpacked
// into a private folder, so every measurement looks at exactly what ships — and not at a dist/ folder that a
// parallel `node esbuild.mjs` (development build) may be rewriting. Run alone, a script packages its own.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageExtension } from '../test/tools/package';

export interface Shipped {
  vsix: string;
  /** The unpacked extension folder (package.json, dist/, media/ …) as the editor installs it. */
  extensionDir: string;
  cleanup(): void;
}

export async function shippedExtension(): Promise<Shipped> {
  const root = mkdtempSync(join(tmpdir(), 'mantle-bench-vsix-'));
  const vsix = process.env.BENCH_VSIX || (await packageExtension(join(root, 'bedrock-mantle.vsix')));
  const r = spawnSync('unzip', ['-q', '-o', vsix, 'extension/*', '-d', root], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`unzip ${vsix} failed: ${r.stderr || r.error}`);
  return { vsix, extensionDir: join(root, 'extension'), cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
