// Loads the `openai` SDK on first use, as anthropicSdk.ts does for Claude's. In the packaged extension esbuild turns
// this require into one of the separate file dist/openai-sdk.js (esbuild.mjs), so the SDK (the largest part of the
// old extension.js) is not parsed at activation; in tests it is the package itself. Type imports elsewhere are erased.
// Only the names openaiSdkExports.ts lists: dist/openai-sdk.js carries no others.
export type OpenAiSdk = typeof import('./openaiSdkExports');

let loaded: OpenAiSdk | undefined;

export function loadOpenAiSdk(): OpenAiSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('openai') as OpenAiSdk;
  return loaded;
}

/** The SDK if something already loaded it: an error can only be one of its classes once a client was built. */
export function openAiSdkIfLoaded(): OpenAiSdk | undefined {
  return loaded;
}
