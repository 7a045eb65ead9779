// Three bundles from one shared base: the extension host (Node, CommonJS), the chat webview (browser, IIFE) and
// @anthropic-ai/sdk on its own (Node, CommonJS), which the extension host requires on the first Claude turn only.
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

/** src/node/anthropicSdk.ts requires the SDK lazily; in the extension bundle that require loads dist/anthropic-sdk.js. */
const anthropicSdkApart = {
  name: 'anthropic-sdk-apart',
  setup(b) {
    b.onResolve({ filter: /^@anthropic-ai\/sdk$/ }, () => ({ path: './anthropic-sdk.js', external: true }));
  },
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
      plugins: [anthropicSdkApart],
    },
  },
  {
    name: 'anthropic-sdk',
    options: {
      ...base,
      entryPoints: { 'anthropic-sdk': '@anthropic-ai/sdk' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Its optional peer (zod, for schema helpers we never call) stays out, as in the extension bundle.
      external: ['zod'],
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
      plugins: [...(t.options.plugins ?? []), { name: 'report', setup(b) { b.onEnd((r) => { writeMeta(t.name, r); console.log(`[watch] ${t.name}: ${r.errors.length} error(s)`); }); } }],
    });
    await ctx.watch();
  }
  console.log('[watch] watching src/ for changes');
} else {
  await Promise.all(targets.map(async (t) => writeMeta(t.name, await esbuild.build(t.options))));
}
