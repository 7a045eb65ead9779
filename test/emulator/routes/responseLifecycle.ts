// GET / DELETE /v1/responses/{id}, POST /v1/responses/{id}/cancel, GET /v1/responses/{id}/input_items.
// Responses created with store:false were never stored, so they are "not found" here, as on Mantle.
import type { RequestContext } from '../context';
import { HttpError, badRequest, sendJson } from '../http';
import type { StoredResponse } from '../store';

function notFound(id: string): HttpError {
  return new HttpError(404, { message: `Response with id '${id}' not found.`, type: 'invalid_request_error', param: null, code: 'not_found' });
}

function lookup(ctx: RequestContext, id: string): StoredResponse {
  const stored = ctx.state.store.get(id);
  if (!stored) throw notFound(id);
  return stored;
}

export function getResponse(ctx: RequestContext, id: string): void {
  if (ctx.url.searchParams.get('stream') === 'true') throw badRequest('The emulator does not replay stored responses as a stream.', 'stream');
  sendJson(ctx.res, 200, lookup(ctx, id).response);
}

export function deleteResponse(ctx: RequestContext, id: string): void {
  lookup(ctx, id);
  ctx.state.store.delete(id);
  sendJson(ctx.res, 200, { id, object: 'response', deleted: true });
}

export function cancelResponse(ctx: RequestContext, id: string): void {
  const stored = lookup(ctx, id);
  if (stored.response.background !== true) throw badRequest('Only responses created with background=true can be cancelled.', null);
  if (stored.response.status === 'queued' || stored.response.status === 'in_progress') {
    stored.timers.forEach((t) => { clearTimeout(t); ctx.state.timers.delete(t); });
    stored.timers = [];
    stored.response = { ...stored.response, status: 'cancelled' };
    // The answer was never produced, so a turn chained onto this one must not "remember" it.
    if (stored.conversation.at(-1)?.role === 'assistant') stored.conversation = stored.conversation.slice(0, -1);
  } else if (stored.response.status !== 'cancelled') {
    throw badRequest(`Cannot cancel a response with status '${stored.response.status}'.`, null);
  }
  sendJson(ctx.res, 200, stored.response);
}

export function listInputItems(ctx: RequestContext, id: string): void {
  const stored = lookup(ctx, id);
  const order = ctx.url.searchParams.get('order') === 'asc' ? 'asc' : 'desc';
  const limit = Math.min(100, Math.max(1, Number(ctx.url.searchParams.get('limit') ?? 20) || 20));
  let items = order === 'asc' ? [...stored.inputItems] : [...stored.inputItems].reverse();
  const after = ctx.url.searchParams.get('after');
  if (after) items = items.slice(items.findIndex((i) => i.id === after) + 1);
  const page = items.slice(0, limit);
  sendJson(ctx.res, 200, {
    object: 'list', data: page, first_id: page[0]?.id ?? null, last_id: page[page.length - 1]?.id ?? null, has_more: items.length > limit,
  });
}
