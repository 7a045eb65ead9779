// The account facts both clients apply to every request: a key that cannot work stops the request before it is sent,
// and the chosen Project is named in a header. The header is added inside the header allowlist (transportFetch.ts),
// so the allowlist still drops any OpenAI-Project an ambient OPENAI_CUSTOM_HEADERS would add, and before signing, so
// a SigV4 signature covers it.
import { keyErrorBeforeRequest } from '../common/account/apiKeys';
import type { ConnectionConfig } from './connection';
import type { FetchFn } from './sigv4Fetch';

/** Throws the phrased MantleError for an expired key or one made for another Region; nothing is sent. */
export function checkKeyBeforeRequest(config: ConnectionConfig, now = Date.now()): void {
  if (config.auth.mode !== 'apiKey') return;
  const err = keyErrorBeforeRequest(config.auth.apiKey, config.region, config.customEndpoint, now);
  if (err) throw err;
}

/** Sets `name: project` on every request (or leaves requests alone when no Project is chosen). */
export function withProjectHeader(next: FetchFn, name: string, project: string | undefined): FetchFn {
  if (!project) return next;
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set(name, project);
    return next(input, { ...init, headers });
  };
}
