// What the transport refuses or reports as something other than a Mantle answer: a redirect, a 200 that is not an
// event stream (a captive portal's login page, a proxy's JSON), an HTML error page, a signature refused because the
// clock is off; and which failures a background poll may simply try again. Pure so the rules are unit-tested; the
// node transport (src/node/transportFetch.ts) and the error mapping apply them.

/** Codes the transport puts on the error bodies it writes itself (never sent by Mantle). */
export const REDIRECT_REFUSED = 'mantle_redirect_refused';
export const NOT_EVENT_STREAM = 'mantle_not_event_stream';

/** An error text longer than this is cut: a 200 KB HTML page is not a message. */
export const MAX_SERVER_TEXT_CHARS = 500;

export function boundText(text: string, max = MAX_SERVER_TEXT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function sizeOf(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * A short description of a body that is not what Mantle sends: its content type, size and, for HTML, the page title
 * or its first words (tags removed), bounded.
 */
export function describeBody(contentType: string | null, body: string, truncated = false): string {
  const type = (contentType ?? '').split(';')[0]?.trim() || 'no content type';
  const html = /html/i.test(type) || /^\s*<(?:!doctype|html|head|body)/i.test(body);
  let gist: string;
  if (html) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(body)?.[1];
    gist = (title ?? body.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
  } else {
    gist = body.replace(/\s+/g, ' ').trim();
  }
  const kind = html ? 'an HTML page' : type === 'no content type' ? 'a body' : `${/^[aeiou]/i.test(type) ? 'an' : 'a'} ${type} body`;
  return `${kind} (${type}, ${truncated ? 'more than ' : ''}${sizeOf(body.length)})${gist ? `: "${boundText(gist, 160)}"` : ''}`;
}

export function redirectRefusedMessage(status: number, location: string | null): string {
  let where = 'another address';
  if (location) {
    try { where = new URL(location).host || where; } catch { where = 'a relative address'; }
  }
  return `The server answered ${status} with a redirect to ${where}. Redirects are not followed, so your prompt and credentials are only ever sent to the configured endpoint.`;
}

export function notEventStreamMessage(status: number, contentType: string | null, body: string): string {
  return `The server answered ${status} with ${describeBody(contentType, body)} instead of an event stream. A captive portal, a proxy or a wrong endpoint may be in the way.`;
}

// SigV4: "Signature expired: 20260101T000000Z is now earlier than …", "Signature not yet current: …",
// S3-style RequestTimeTooSkewed, and the "difference between the request time and the current time is too large".
const CLOCK_SKEW = /Signature expired|Signature not yet current|RequestTimeTooSkewed|request time (?:and|is)[^.]*(?:too large|too skewed)|clock skew|x-amz-date[^.]*(?:mismatch|expired|too)/i;

export function isClockSkewMessage(text: string | null | undefined): boolean {
  return !!text && CLOCK_SKEW.test(text);
}

/** Failures a background poll retries: the network, a time-out, a throttle, a server error. */
const TRANSIENT = new Set(['network', 'timeout', 'rateLimited', 'server', 'streamCut']);
export const MAX_POLL_RETRIES = 5;

export function isTransientKind(kind: string): boolean {
  return TRANSIENT.has(kind);
}

/** Backoff before poll retry `n` (1-based): the poll interval doubled each time (1, 2, 4, 8, 16 s), at most 15 s. */
export function pollRetryDelayMs(n: number, intervalMs: number): number {
  return Math.max(intervalMs, Math.min(15_000, intervalMs * 2 ** (n - 1)));
}
