// Bundles from one shared base: the extension host's activation bundle (Node, CommonJS), the chat webview (browser,
// IIFE), and each SDK on its own (Node, CommonJS), which the extension host requires on first use only.
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

import { APART, containerApart, featuresApart, sdksApart, vscodeAsIs } from './esbuild.apart.mjs';
import { codiconSubset } from './esbuild.codicons.mjs';

const nodeBundle = { ...base, outdir: 'dist', platform: 'node', format: 'cjs', target: 'node20' };

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
      // 'vscode' is provided by the editor (vscodeAsIs). The optional peers of openai that we never use stay out.
      external: ['ws', 'zod', 'google-auth-library', 'undici', '@aws-sdk/credential-provider-node'],
      mainFields: ['module', 'main'],
      plugins: [vscodeAsIs, sdksApart, featuresApart, containerApart],
    },
  },
  {
    name: 'container',
    // The services (src/container.ts) that activation's stand-ins build on first use; the features and SDKs they
    // load later stay in their own bundles.
    options: {
      ...nodeBundle,
      entryPoints: { container: 'src/container.ts' },
      external: ['ws', 'zod', 'google-auth-library', 'undici', '@aws-sdk/credential-provider-node'],
      mainFields: ['module', 'main'],
      plugins: [vscodeAsIs, sdksApart, featuresApart],
    },
  },
  {
    name: 'features',
    // The features built on first use (src/features.ts); modules both bundles use are in both, so nothing may rely
    // on one copy of a module (isMantleError checks a brand as well as the class).
    options: {
      ...nodeBundle,
      entryPoints: { features: 'src/features.ts' },
      mainFields: ['module', 'main'],
      plugins: [vscodeAsIs, sdksApart],
    },
  },
  {
    name: 'anthropic-sdk',
    options: {
      ...base,
      // Only the names the extension uses (src/node/anthropicSdkExports.ts), not the whole package.
      entryPoints: { 'anthropic-sdk': 'src/node/anthropicSdkExports.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // Its optional peer (zod, for schema helpers we never call) stays out, as in the extension bundle.
      external: ['zod'],
    },
  },
  {
    name: 'openai-sdk',
    // The same optional peers as above stay out.
    // Only the names the extension uses (src/node/openaiSdkExports.ts), not the whole package.
    options: { ...nodeBundle, entryPoints: { 'openai-sdk': 'src/node/openaiSdkExports.ts' }, mainFields: ['module', 'main'], external: ['ws', 'zod', 'google-auth-library', 'undici'] },
  },
  {
    name: 'aws-sdk',
    // One file for the three AWS packages the two loader files require (each takes the names it needs).
    options: {
      ...nodeBundle,
      stdin: {
        contents: "export { fromIni } from '@aws-sdk/credential-providers';\nexport { SignatureV4 } from '@smithy/signature-v4';\nexport { Hash } from '@smithy/hash-node';\n",
        resolveDir: '.', sourcefile: 'aws-sdk.js', loader: 'js',
      },
      outfile: 'dist/aws-sdk.js', outdir: undefined,
      mainFields: ['module', 'main'],
      external: ['@aws-sdk/credential-provider-node'],
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
      // Only the codicons the source names, in the style sheet and the font (esbuild.codicons.mjs).
      plugins: [codiconSubset()],
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
  const leaked = Object.keys(extension.metafile.inputs).filter((input) => APART.some((a) => a.packages.some((p) => input.includes(`node_modules/${p}/`))));
  if (leaked.length) {
    console.error(`dist/extension.js must not contain the SDKs (they load from their own bundles lazily); found ${leaked[0]} and ${leaked.length - 1} more`);
    process.exit(1);
  }
  // Activation evaluates only the stand-ins: the services and features must stay in their own bundles.
  const services = Object.keys(extension.metafile.inputs).filter((input) => /^src\/(container|features)\.ts$/.test(input));
  if (services.length) {
    console.error(`dist/extension.js must not contain ${services.join(' or ')} (they load from dist/container.js and dist/features.js on first use)`);
    process.exit(1);
  }
}
