// The part of `openai` the extension uses, and all that dist/openai-sdk.js carries: esbuild.mjs bundles this file as
// that bundle's entry, so the package's other exports (helpers, beta runners, auth adapters) stay out of the .vsix.
// OpenAiSdk (openaiSdk.ts) is typed from this file, so code that needs another name fails to typecheck until it is
// added here.
export { OpenAI, APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from 'openai';
