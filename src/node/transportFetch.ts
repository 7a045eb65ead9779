// The fetch every openai client here uses, wrapped twice: (1) only the headers this extension means to send leave
// the machine — OPENAI_CUSTOM_HEADERS, OPENAI_ORG_ID and OPENAI_PROJECT_ID in the environment of VS Code are read by
// the SDK and would otherwise add headers; (2) each attempt is logged with method, path, status, latency and request
// id (bodies only at trace), never with its headers, so no key or signature is ever written.
import type { ClientLogger } from './connection';
import type { FetchFn } from './sigv4Fetch';

const ALLOWED_HEADER = /^(accept|content-type|content-length|user-agent|authorization|idempotency-key|x-stainless-[a-z0-9-]+)$/;

export function allowOnlyKnownHeaders(next: FetchFn): FetchFn {
  return (input, init = {}) => {
    const headers = new Headers();
    new Headers(init.headers).forEach((value, name) => {
      if (ALLOWED_HEADER.test(name)) headers.set(name, value);
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
