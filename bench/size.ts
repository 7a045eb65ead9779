// 2. Size: the .vsix from `npm run package` (test/tools/package.ts: production build + vsce) and the bundles inside
// it, with the five largest inputs of each bundle from the esbuild metafiles (dist/meta/*.json, written by
// `node esbuild.mjs --production`). Inputs are also summed per npm package, which is what a size question is
// usually about. The .vsix is kept at BENCH_VSIX_OUT for the steps that measure the shipped build.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageExtension } from '../test/tools/package';
import { repoRoot } from '../test/tools/paths';
import { runMain } from './lib';

interface Metafile {
  inputs: Record<string, { bytes: number }>;
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

/** Sizes of the files in the .vsix (a zip), from `unzip -l`. */
function vsixEntries(vsix: string): Record<string, number> {
  const r = spawnSync('unzip', ['-l', vsix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`unzip -l failed: ${r.stderr}`);
  const out: Record<string, number> = {};
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*(\d+)\s+\S+\s+\S+\s+(\S.*)$/.exec(line);
    if (m && !m[2].endsWith('/')) out[m[2]] = Number(m[1]);
  }
  return out;
}

/** node_modules/@scope/name/… → @scope/name; src/… stays a path (the project's own code). */
function packageOf(input: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return m ? m[1] : input.startsWith('src/') ? `src/${input.split('/')[1]}` : input;
}

function top(entries: [string, number][], n = 5) {
  return entries.sort((a, b) => b[1] - a[1]).slice(0, n).map(([input, bytes]) => ({ input, bytes }));
}

function bundleReport(meta: Metafile, output: string) {
  const out = meta.outputs[output];
  if (!out) throw new Error(`${output} is not in the metafile`);
  const inputs = Object.entries(out.inputs).map(([k, v]) => [k, v.bytesInOutput] as [string, number]);
  const byPackage = new Map<string, number>();
  for (const [k, v] of inputs) byPackage.set(packageOf(k), (byPackage.get(packageOf(k)) ?? 0) + v);
  // The AWS credential and signing packages are evaluated only with a profile, but they are in the bundle either way.
  const aws = [...byPackage].filter(([p]) => /^(@aws-sdk|@smithy|@aws-crypto|@aws)\/|^bowser$|^fast-xml-parser$|^strnum$/.test(p)).reduce((a, [, v]) => a + v, 0);
  return { bytes: out.bytes, inputs: inputs.length, topInputs: top(inputs), topPackages: top([...byPackage]), awsPackagesBytes: aws };
}

runMain(async () => {
  const vsix = process.env.BENCH_VSIX_OUT || join(tmpdir(), `mantle-bench-${process.pid}.vsix`);
  for (let attempt = 1; ; attempt++) {
    await packageExtension(vsix);
    const meta = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'dist/meta', `${name}.json`), 'utf8')) as Metafile;
    const ext = meta('extension');
    const web = meta('webview');
    const files = vsixEntries(vsix);
    const shipped = { extensionJs: files['extension/dist/extension.js'], webviewJs: files['extension/dist/webview.js'], webviewCss: files['extension/dist/webview.css'], codiconTtf: files['extension/dist/codicon.ttf'] };
    // dist/ is shared with anyone building in this checkout: the metafile must describe the bundle that was packaged.
    const consistent = ext.outputs['dist/extension.js']?.bytes === shipped.extensionJs && web.outputs['dist/webview.js']?.bytes === shipped.webviewJs;
    if (!consistent && attempt < 3) continue;
    return {
      vsix: { bytes: statSync(vsix).size, files: Object.keys(files).length, unpackedBytes: Object.values(files).reduce((a, b) => a + b, 0) },
      files: shipped,
      metafileMatchesVsix: consistent,
      extension: bundleReport(ext, 'dist/extension.js'),
      webview: bundleReport(web, 'dist/webview.js'),
      webviewCss: bundleReport(web, 'dist/webview.css'),
    };
  }
});
