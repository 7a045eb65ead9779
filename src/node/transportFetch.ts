// The fetch every openai client here uses, wrapped twice: (1) only the headers this extension means to send leave
// the machine — OPENAI_CUSTOM_HEADERS, OPENAI_ORG_ID and OPENAI_PROJECT_ID in the environment of VS Code are read by
// the SDK and would otherwise add headers; (2) each attempt is logged with method, path, status, latency and request
// id (bodies only at trace), never with its headers, so no key or signature is ever written; (3) guardResponses
// refuses redirects and turns an answer that is not Mantle's (a 200 that is no event stream, an HTML error page)
// into a short JSON error the SDK reports as it is.
import { describeBody, NOT_EVENT_STREAM, notEventStreamMessage, REDIRECT_REFUSED, redirectRefusedMessage } from '../common/mantle/transportChecks';
import type { ClientLogger } from './connection';
import type { FetchFn } from './sigv4Fetch';

const ALLOWED_HEADER = /^(accept|content-type|content-length|user-agent|authorization|idempotency-key|x-stainless-[a-z0-9-]+)$/;

/** `allowed` widens the list for another SDK (the Anthropic client adds its version header). */
export function allowOnlyKnownHeaders(next: FetchFn, allowed: RegExp = ALLOWED_HEADER): FetchFn {
  return (input, init = {}) => {
    const headers = new Headers();
    new Headers(init.headers).forEach((value, name) => {
      if (allowed.test(name)) headers.set(name, value);
    });
    return next(input, { ...init, headers });
  };
}

export function requestIdOf(headers: Headers): string | undefined {
  return headers.get('x-request-id') ?? headers.get('x-amzn-requestid') ?? headers.get('x-amz-request-id') ?? undefined;
}

export function logRequests(next: FetchFn, logger: ClientLogger, redact: (s: string) => string): FetchFn {
  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const method = (init.method ?? 'GET').toUpperCase();
    const attempt = Number(new Headers(init.headers).get('x-stainless-retry-count') ?? '0');
    const what = `${method} ${url.pathname}${attempt ? ` (retry ${attempt})` : ''}`;
    if (typeof init.body === 'string') logger.trace(redact(`${what} request body: ${init.body}`));
    const started = Date.now();
    let response: Response;
    try {
      response = await next(input, init);
    } catch (err) {
      const reason = err instanceof Error ? `${err.message}${err.cause instanceof Error ? ` (${err.cause.message})` : ''}` : String(err);
      logger.warn(redact(`${what} → failed after ${Date.now() - started} ms: ${reason}`));
      throw err;
    }
    const id = requestIdOf(response.headers);
    const line = `${what} → ${response.status} in ${Date.now() - started} ms${id ? ` (request id ${id})` : ''}`;
    if (response.ok) {
      logger.info(line);
    } else {
      logger.warn(redact(line));
      // Error bodies are short JSON; reading a clone leaves the original for the SDK.
      response.clone().text().then((t) => logger.trace(redact(`${what} response body: ${t}`)), () => undefined);
    }
    return response;
  };
}

/** At most this much of an unexpected body is read, to describe it. */
const MAX_BODY_BYTES = 64 * 1024;

async function readBounded(response: Response): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
    if (size >= MAX_BODY_BYTES) { truncated = true; break; }
  }
  if (truncated) void reader.cancel().catch(() => undefined);
  return { text: new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES)), truncated };
}

/** A JSON error in the shape the SDK reads (`error.message`, `error.code`), keeping the original headers. */
function jsonError(from: Response, status: number, error: { message: string; code?: string }, noRetry: boolean): Response {
  const headers = new Headers(from.headers);
  headers.set('content-type', 'application/json');
  headers.delete('content-length');
  headers.delete('content-encoding');
  if (noRetry) headers.set('x-should-retry', 'false');
  return new Response(JSON.stringify({ error }), { status, statusText: from.statusText, headers });
}

/**
 * Never follows a redirect: a cross-origin 307/308 would resend the prompt and the session token elsewhere. A 3xx,
 * a 200 to a streamed request that is not `text/event-stream`, and an error page that is not JSON each become a
 * JSON error saying what arrived (status, content type, a bounded gist); the first two are not retried.
 */
export function guardResponses(next: FetchFn): FetchFn {
  return async (input, init = {}) => {
    const response = await next(input, { ...init, redirect: 'manual' });
    const type = response.headers.get('content-type');
    if (response.status >= 300 && response.status < 400) {
      void response.body?.cancel().catch(() => undefined);
      return jsonError(response, 502, { code: REDIRECT_REFUSED, message: redirectRefusedMessage(response.status, response.headers.get('location')) }, true);
    }
    const streamed = typeof init.body === 'string' && /"stream"\s*:\s*true/.test(init.body);
    if (response.ok && streamed && !/^text\/event-stream/i.test(type ?? '')) {
      const { text } = await readBounded(response);
      return jsonError(response, 502, { code: NOT_EVENT_STREAM, message: notEventStreamMessage(response.status, type, text) }, true);
    }
    if (!response.ok && !/json/i.test(type ?? '')) {
      const { text, truncated } = await readBounded(response);
      const what = describeBody(type, text, truncated);
      return jsonError(response, response.status, { message: `The server answered ${response.status} with ${what}.` }, false);
    }
    return response;
  };
}
