// Small HTTP helpers shared by the routes: reading bodies, writing JSON, and the OpenAI-style error envelope that
// the openai SDK turns into typed errors (status → class, body.error → message/code/param/type).
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface ErrorBody {
  message: string;
  type: string;
  code: string | null;
  param?: string | null;
}

/** Thrown anywhere in a route; the server turns it into the HTTP error response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
    /** Mantle answers an unknown path with a bare 404 and no body (§1.5 G). */
    readonly emptyBody = false,
  ) {
    super(body.message);
  }
}

/** §1.5 G: an unknown path (including /v1/messages) is a 404 with an empty body. */
export function unknownPath(method: string, path: string): HttpError {
  return new HttpError(404, { code: null, type: 'not_found', message: `Unknown route: ${method} ${path}` }, {}, true);
}

export function badRequest(message: string, param: string | null = null, code = 'validation_error'): HttpError {
  return new HttpError(400, { code, type: 'invalid_request_error', message, param });
}

export function modelNotFound(model: string): HttpError {
  return new HttpError(404, { code: 'not_found_error', type: 'invalid_request_error', message: `The model '${model}' does not exist` });
}

/** The request body; with `maxBytes`, a larger body is refused with 413 as soon as it passes the limit. */
export function readBody(req: IncomingMessage, maxBytes = Infinity): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes) {
        req.pause();
        reject(new HttpError(413, { code: 'body_too_large', type: 'invalid_request_error', message: `The body is larger than ${maxBytes} bytes.` }));
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The OpenAI envelope on /v1 and /openai/v1; on /anthropic/v1 the Anthropic one, {type:'error', request_id, error:{type,
 * message}} (§1.5 E, §3.6).
 */
export function sendError(res: ServerResponse, err: HttpError, envelope: 'openai' | 'anthropic' = 'openai'): void {
  if (err.emptyBody) {
    if (res.destroyed || res.headersSent) return;
    res.writeHead(err.status, { ...err.headers, 'content-length': 0 });
    res.end();
    return;
  }
  if (envelope === 'anthropic') {
    const requestId = String(res.getHeader('x-request-id') ?? '');
    sendJson(res, err.status, { type: 'error', request_id: requestId, error: { type: err.body.type, message: err.body.message } }, err.headers);
    return;
  }
  sendJson(res, err.status, { error: { param: null, ...err.body } }, err.headers);
}

export function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}
