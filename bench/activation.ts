// 1 without an editor: plain-Node require() of the activation bundle (dist/extension.js of the packaged .vsix) and
// the synchronous activate() call, each sample in a fresh Node process (bench/host/plainActivation.cjs, where
// `vscode` is a stand-in that accepts any call). The machine's load is reported next to the figures by run.mjs.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/tools/paths';
import { reps, runMain, summarize } from './lib';
import { shippedExtension } from './shipped';

interface Sample { requireMs: number; activateMs: number; sdksLoadedAtActivation: string[] }

runMain(async () => {
  const shipped = await shippedExtension();
  try {
    const samples: Sample[] = [];
    for (let i = 0; i < reps(21); i++) {
      const r = spawnSync(process.execPath, [join(repoRoot, 'bench/host/plainActivation.cjs'), shipped.extensionDir], { cwd: repoRoot, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`plainActivation.cjs failed: ${r.stderr.slice(-2000)}`);
      samples.push(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '') as Sample);
    }
    return {
      bundleBytes: statSync(join(shipped.extensionDir, 'dist/extension.js')).size,
      requireMs: summarize(samples.map((s) => s.requireMs), 1),
      activateMs: summarize(samples.map((s) => s.activateMs), 2),
      totalMs: summarize(samples.map((s) => s.requireMs + s.activateMs), 1),
      sdksLoadedAtActivation: [...new Set(samples.flatMap((s) => s.sdksLoadedAtActivation))],
    };
  } finally {
    shipped.cleanup();
  }
});
