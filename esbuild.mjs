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

/**
 * The SDKs live in bundles of their own, required on first use only, so activation neither parses nor evaluates them:
 * each package may be required only from its one loader file, where the require becomes one of the separate file.
 * (esbuild cannot split a CommonJS bundle, hence separate bundles; each SDK is only ever in one of them.)
 */
const APART = [
  { filter: /^@anthropic-ai\/sdk(\/|$)/, packages: ['@anthropic-ai/sdk'], importer: /src[\\/]node[\\/]anthropicSdk\.ts$/, file: './anthropic-sdk.js', loader: 'loadAnthropicSdk() in src/node/anthropicSdk.ts' },
  { filter: /^openai(\/|$)/, packages: ['openai'], importer: /src[\\/]node[\\/]openaiSdk\.ts$/, file: './openai-sdk.js', loader: 'loadOpenAiSdk() in src/node/openaiSdk.ts' },
  // Only an AWS profile uses these (credentials and SigV4); with an API key they are never loaded.
  { filter: /^@aws-sdk\/credential-providers$|^@smithy\/(signature-v4|hash-node)$/, packages: ['@aws-sdk/credential-providers', '@smithy/signature-v4', '@smithy/hash-node'], importer: /src[\\/]node[\\/](awsCredentials|sigv4Fetch)\.ts$/, file: './aws-sdk.js', loader: 'the lazy require in src/node/awsCredentials.ts or sigv4Fetch.ts' },
];

const sdksApart = {
  name: 'sdks-apart',
  setup(b) {
    for (const a of APART) {
      b.onResolve({ filter: a.filter }, (args) => {
        // Anywhere else, a value import would load the SDK at activation (or copy part of it into extension.js).
        if (!a.packages.includes(args.path) || !a.importer.test(args.importer)) {
          return { errors: [{ text: `${args.path}: load it through ${a.loader} (type imports are fine)` }] };
        }
        return { path: a.file, external: true };
      });
    }
  },
};

/** src/container.ts requires './features' inside its lazy builders: in the activation bundle, dist/features.js. */
const featuresApart = {
  name: 'features-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/features$/ }, (args) => {
      if (!/src[\\/]container\.ts$/.test(args.importer)) return undefined;
      return { path: './features.js', external: true };
    });
    b.onResolve({ filter: /[\\/]features$/ }, (args) => (/src[\\/]container\.ts$/.test(args.importer) ? undefined
      : { errors: [{ text: `${args.path}: only src/container.ts loads the lazy features (inside a LazyFeature builder)` }] }));
  },
};

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
      // 'vscode' is provided by the editor. The optional peers of openai that we never use stay out of the bundle.
      external: ['vscode', 'ws', 'zod', 'google-auth-library', 'undici', '@aws-sdk/credential-provider-node'],
      mainFields: ['module', 'main'],
      plugins: [sdksApart, featuresApart],
    },
  },
  {
    name: 'features',
    // The features built on first use (src/features.ts); modules both bundles use are in both, so nothing may rely
    // on one copy of a module (isMantleError checks a brand as well as the class).
    options: {
      ...nodeBundle,
      entryPoints: { features: 'src/features.ts' },
      external: ['vscode'],
      mainFields: ['module', 'main'],
      plugins: [sdksApart],
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
    name: 'openai-sdk',
    // The same optional peers as above stay out.
    options: { ...nodeBundle, entryPoints: { 'openai-sdk': 'openai' }, mainFields: ['module', 'main'], external: ['ws', 'zod', 'google-auth-library', 'undici'] },
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
}
