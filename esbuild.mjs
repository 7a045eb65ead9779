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
    b.onResolve({ filter: /^@anthropic-ai\/sdk(\/|$)/ }, (args) => {
      // Anywhere else, a value import would load the SDK at activation (or copy part of it into extension.js).
      if (args.path !== '@anthropic-ai/sdk' || !/src[\\/]node[\\/]anthropicSdk\.ts$/.test(args.importer)) {
        return { errors: [{ text: `${args.path}: load the SDK through loadAnthropicSdk() in src/node/anthropicSdk.ts (type imports are fine)` }] };
      }
      return { path: './anthropic-sdk.js', external: true };
    });
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
  const results = await Promise.all(targets.map(async (t) => [t.name, await esbuild.build(t.options)]));
  for (const [name, result] of results) writeMeta(name, result);
  // A value import of the SDK anywhere but src/node/anthropicSdk.ts would pull it back into extension.js.
  const extension = results.find(([name]) => name === 'extension')[1];
  const leaked = Object.keys(extension.metafile.inputs).filter((input) => input.includes('node_modules/@anthropic-ai/'));
  if (leaked.length) {
    console.error(`dist/extension.js must not contain @anthropic-ai/sdk (it loads dist/anthropic-sdk.js lazily); found ${leaked[0]} and ${leaked.length - 1} more`);
    process.exit(1);
  }
}
