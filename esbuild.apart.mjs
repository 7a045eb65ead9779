// What the extension bundle loads from bundles of its own, on first use (see esbuild.mjs); shared with the bench's
// marked build (bench/moduleMarkers.ts) so both split the code the same way.

/**
 * The SDKs live in bundles of their own, required on first use only, so activation neither parses nor evaluates them:
 * each package may be required only from its one loader file, where the require becomes one of the separate file.
 * (esbuild cannot split a CommonJS bundle, hence separate bundles; each SDK is only ever in one of them.)
 */
export const APART = [
  { filter: /^@anthropic-ai\/sdk(\/|$)/, packages: ['@anthropic-ai/sdk'], importer: /src[\\/]node[\\/]anthropicSdk\.ts$/, file: './anthropic-sdk.js', loader: 'loadAnthropicSdk() in src/node/anthropicSdk.ts' },
  { filter: /^openai(\/|$)/, packages: ['openai'], importer: /src[\\/]node[\\/]openaiSdk\.ts$/, file: './openai-sdk.js', loader: 'loadOpenAiSdk() in src/node/openaiSdk.ts' },
  // Only an AWS profile uses these (credentials and SigV4); with an API key they are never loaded.
  { filter: /^@aws-sdk\/credential-providers$|^@smithy\/(signature-v4|hash-node)$/, packages: ['@aws-sdk/credential-providers', '@smithy/signature-v4', '@smithy/hash-node'], importer: /src[\\/]node[\\/](awsCredentials|sigv4Fetch)\.ts$/, file: './aws-sdk.js', loader: 'the lazy require in src/node/awsCredentials.ts or sigv4Fetch.ts' },
];

export const sdksApart = {
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
export const featuresApart = {
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

/**
 * src/extension.ts requires './container' only when the services are first needed: in the activation bundle, the
 * separate dist/container.js, so activation parses and evaluates only the stand-ins (nothing else may load it).
 */
export const containerApart = {
  name: 'container-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/(\.\.\/)*container$/ }, (args) => (/src[\\/]extension\.ts$/.test(args.importer)
      ? { path: './container.js', external: true }
      : { errors: [{ text: `${args.path}: only src/extension.ts loads the container (through its LazyFeature)` }] }));
  },
};

/**
 * The editor's API, required as it is. An ES import (`import * as vscode from 'vscode'`) of an external CommonJS
 * module makes esbuild wrap each importing module's require in __toESM, which copies all ~350 names of the API object
 * onto a new object, one getter each: 0.3–6 ms a copy in a code-server extension host (with other work running), and
 * container.js had 23 of them. TypeScript's `import vscode = require('vscode')` is a plain require, so it is the only
 * value import of 'vscode' the build accepts (type imports are erased before this runs).
 */
export const vscodeAsIs = {
  name: 'vscode-as-is',
  setup(b) {
    b.onResolve({ filter: /^vscode$/ }, (args) => (args.kind === 'require-call'
      ? { path: 'vscode', external: true }
      : { errors: [{ text: "import the editor's API with `import vscode = require('vscode')`: an ES import copies the whole API object in every module that has one (see vscodeAsIs in esbuild.apart.mjs)" }] }));
  },
};
