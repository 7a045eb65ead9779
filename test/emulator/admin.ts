// The unauthenticated control surface for out-of-process tests (the real editor, E2E, benchmarks), served only to
// loopback clients under /__emulator/.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorState } from './context';
import { FaultQueue, validateFaultSpec } from './faults';
import { HttpError, readBody, sendError, sendJson } from './http';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Host names a loopback client may use. Anything else is a DNS-rebinding page reaching 127.0.0.1 by another name. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Fault lists are small; a larger body is refused before it is buffered. */
const MAX_ADMIN_BODY = 64 * 1024;

/**
 * Why a loopback request still may not use the admin API: a Host header that is not a loopback name (DNS
 * rebinding), or an Origin header (a web page in a browser on this machine; the test tools never send one).
 */
function adminRefusal(req: IncomingMessage): string | undefined {
  const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '');
  if (!LOOPBACK_HOSTS.has(host)) return `The emulator admin API only answers requests addressed to 127.0.0.1, localhost or [::1], not "${host.slice(0, 80)}".`;
  if (req.headers.origin !== undefined) return 'The emulator admin API does not answer requests from web pages (an Origin header was sent).';
  return undefined;
}

export async function handleAdmin(
  req: IncomingMessage, res: ServerResponse, url: URL, state: EmulatorState, faults: FaultQueue, startedAt: number,
): Promise<void> {
  try {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) {
      throw new HttpError(403, { code: 'forbidden', type: 'permission_error', message: 'The emulator admin API only answers loopback clients.' });
    }
    const refusal = adminRefusal(req);
    if (refusal) throw new HttpError(403, { code: 'forbidden', type: 'permission_error', message: refusal });
    const route = `${req.method} ${url.pathname}`;
    const storedId = /^\/__emulator\/responses\/([^/]+)$/.exec(url.pathname)?.[1];
    if (route === 'GET /__emulator/health') {
      sendJson(res, 200, { ok: true, models: state.models.size, storedResponses: state.store.ids().length, uptimeMs: Date.now() - startedAt });
    } else if (route === 'GET /__emulator/log') {
      const since = Number(url.searchParams.get('since') ?? 0);
      sendJson(res, 200, state.log.entries.filter((e) => e.seq > since));
    } else if (route === 'POST /__emulator/log/clear') {
      state.log.clear();
      sendJson(res, 200, { ok: true });
    } else if (route === 'GET /__emulator/faults') {
      sendJson(res, 200, faults.pending());
    } else if (route === 'POST /__emulator/faults') {
      const raw = await readBody(req, MAX_ADMIN_BODY);
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString('utf8') || '[]');
        const list = (Array.isArray(parsed) ? parsed : [parsed]).map(validateFaultSpec);
        faults.set(list);
        sendJson(res, 200, { ok: true, queued: list.length });
      } catch (e) {
        throw new HttpError(400, { code: 'invalid_fault', type: 'invalid_request_error', message: (e as Error).message });
      }
    } else if (route === 'GET /__emulator/responses') {
      sendJson(res, 200, state.store.ids());
    } else if (req.method === 'DELETE' && storedId) {
      sendJson(res, 200, { ok: true, deleted: state.store.delete(decodeURIComponent(storedId)) });
    } else {
      throw new HttpError(404, { code: 'not_found', type: 'invalid_request_error', message: `No admin route ${route}.` });
    }
  } catch (e) {
    sendError(res, e instanceof HttpError ? e : new HttpError(500, { code: 'internal_error', type: 'server_error', message: String(e) }));
  }
}
