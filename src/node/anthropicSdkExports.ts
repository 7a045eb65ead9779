// The part of `@anthropic-ai/sdk` the extension uses, and all that dist/anthropic-sdk.js carries: esbuild.mjs bundles
// this file as that bundle's entry, so the package's other exports (tool runners, agent toolsets) stay out of the
// .vsix. AnthropicSdk (anthropicSdk.ts) is typed from this file, so code that needs another name fails to typecheck
// until it is added here.
export { Anthropic, APIError, APIConnectionError, APIConnectionTimeoutError, APIUserAbortError } from '@anthropic-ai/sdk';
