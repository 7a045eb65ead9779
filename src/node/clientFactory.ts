// The one place an `openai` client is constructed. Everything the SDK would otherwise take from the environment
// (OPENAI_BASE_URL, OPENAI_API_KEY, OPENAI_ORG_ID, OPENAI_PROJECT_ID, OPENAI_ADMIN_KEY, OPENAI_LOG) is passed
// explicitly, and transportFetch drops headers from OPENAI_CUSTOM_HEADERS, so ambient variables cannot redirect or
// alter a request.
import type OpenAI from 'openai';
import { loadOpenAiSdk } from './openaiSdk';
import { signingServiceOf } from '../common/mantle/regions';
import { firstByteTimeoutOf, type ClientLogger, type ConnectionConfig } from './connection';
import { createSigV4Fetch, type FetchFn } from './sigv4Fetch';
import { allowOnlyKnownHeaders, guardResponses, logRequests } from './transportFetch';
import { withProjectHeader } from './accountTransport';
import { OPENAI_PROJECT_HEADER } from '../common/account/projects';

export interface ClientFactoryDeps {
  logger: ClientLogger;
  redact: (s: string) => string;
  /**
   * The HTTP fetch. Defaults to the global fetch, which inside VS Code's extension host is patched to honour the
   * editor's proxy settings (http.proxy, http.proxySupport), so requests go through the configured proxy.
   */
  fetch?: FetchFn;
}

export function createOpenAIClient(config: ConnectionConfig, deps: ClientFactoryDeps): OpenAI {
  const base: FetchFn = deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const signed = config.auth.mode === 'awsProfile'
    ? createSigV4Fetch({ region: config.region, credentials: config.auth.credentials, fetch: base, service: signingServiceOf(config.endpoint ?? 'mantle') })
    : base;
  // The guard sits outside the log, so the log shows the status that really arrived (a 307, an HTML 502).
  // The Project header goes inside the allowlist (which drops any other OpenAI-Project) and outside the signer.
  const fetch = allowOnlyKnownHeaders(withProjectHeader(guardResponses(logRequests(signed, deps.logger, deps.redact)), OPENAI_PROJECT_HEADER, config.project));
  return new (loadOpenAiSdk().OpenAI)({
    baseURL: config.baseURL,
    // SigV4 mode: the SDK insists on some apiKey and sends it as a Bearer header, which the signer then replaces.
    apiKey: config.auth.mode === 'apiKey' ? config.auth.apiKey : 'sigv4-signed',
    adminAPIKey: null,
    organization: null,
    project: null,
    webhookSecret: null,
    maxRetries: config.maxRetries,
    // Per attempt, until the response headers arrive (Mantle starts slowly); after that mantleClient's timers apply.
    timeout: firstByteTimeoutOf(config),
    fetch,
    logLevel: 'warn',
    logger: {
      error: (m: string) => deps.logger.error(deps.redact(`openai: ${m}`)),
      warn: (m: string) => deps.logger.warn(deps.redact(`openai: ${m}`)),
      info: (m: string) => deps.logger.debug(deps.redact(`openai: ${m}`)),
      debug: (m: string) => deps.logger.trace(deps.redact(`openai: ${m}`)),
    },
  });
}
