// Two bundles from one shared base: the extension host (Node, CommonJS) and the chat webview (browser, IIFE).
// --production minifies and writes metafiles (read by `npm run bench`); --watch rebuilds on change.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const base = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  metafile: true,
  logLevel: 'warning',
  legalComments: 'none',
  target: 'es2022',
};

const targets = [
  {
    name: 'extension',
    options: {
      ...base,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // 'vscode' is provided by the editor. The optional peers of openai that we never use stay out of the bundle.
      external: ['vscode', 'ws', 'zod', 'google-auth-library', 'undici', '@aws-sdk/credential-provider-node'],
      mainFields: ['module', 'main'],
    },
  },
  {
    name: 'webview',
    options: {
      ...base,
      entryPoints: { webview: 'src/webview/main.ts' },
      outdir: 'dist',
      platform: 'browser',
      format: 'iife',
      // The chat imports its CSS (→ dist/webview.css); codicon.css pulls in the icon font, copied as dist/codicon.ttf.
      loader: { '.css': 'css', '.ttf': 'file' },
      assetNames: '[name]',
    },
  },
];

function writeMeta(name, result) {
  if (!result.metafile) return;
  mkdirSync('dist/meta', { recursive: true });
  writeFileSync(`dist/meta/${name}.json`, JSON.stringify(result.metafile));
}

if (watch) {
  for (const t of targets) {
    const ctx = await esbuild.context({
      ...t.options,
      plugins: [{ name: 'report', setup(b) { b.onEnd((r) => { writeMeta(t.name, r); console.log(`[watch] ${t.name}: ${r.errors.length} error(s)`); }); } }],
    });
    await ctx.watch();
  }
  console.log('[watch] watching src/ for changes');
} else {
  await Promise.all(targets.map(async (t) => writeMeta(t.name, await esbuild.build(t.options))));
}
