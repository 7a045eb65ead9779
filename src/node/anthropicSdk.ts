// Loads @anthropic-ai/sdk on first use. In the packaged extension esbuild turns this require into one of the
// separate file dist/anthropic-sdk.js (esbuild.mjs), so the SDK is neither parsed at activation nor part of
// extension.js; in tests it is the package itself. Type imports elsewhere are erased and load nothing.
// Only the names anthropicSdkExports.ts lists: dist/anthropic-sdk.js carries no others.
export type AnthropicSdk = typeof import('./anthropicSdkExports');

let loaded: AnthropicSdk | undefined;

export function loadAnthropicSdk(): AnthropicSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('@anthropic-ai/sdk') as AnthropicSdk;
  return loaded;
}
