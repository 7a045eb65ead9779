// Readies the code of a streamed turn before the person's first request, without sending anything: one turn per API
// the Mantle client speaks (Responses, Chat Completions), streamed from a canned answer through a MantleClient built
// like the real one — the SDK building the request, the fetch stack (header allowlist, response guard, request log),
// the SDK's event-stream reader and the fold — over a fetch that answers inside this process. V8 compiles a function
// the first time it runs, so without this the first real request pays for compiling all of that; a second client
// instance runs the same functions, so it warms them for the real one. Nothing reaches the network or the log, and
// no model is asked anything.
import { fixedRoutes, routedEngine, type TurnEngine } from '../common/mantle/turnEngine';
import type { ApiKind, TurnRequest, TurnResult } from '../common/mantle/types';
import type { ConnectionConfig } from './connection';
import { MantleClient } from './mantleClient';
import type { FetchFn } from './sigv4Fetch';

const SILENT = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Server-sent events, one per object, as Mantle frames them (`event:` only where the API names its events). */
function sse(events: object[], named: boolean): string {
  return events.map((e) => `${named ? `event: ${(e as { type: string }).type}\n` : ''}data: ${JSON.stringify(e)}\n\n`).join('');
}

const RESPONSES_STREAM = sse([
  { type: 'response.created', sequence_number: 0, response: { id: 'resp_warmup', object: 'response', status: 'in_progress', output: [] } },
  { type: 'response.output_text.delta', sequence_number: 1, item_id: 'msg_warmup', output_index: 0, content_index: 0, delta: 'ok' },
  {
    type: 'response.completed', sequence_number: 2,
    response: { id: 'resp_warmup', object: 'response', status: 'completed', output: [], usage: { input_tokens: 1, output_tokens: 1, total_tokens: 2 } },
  },
], true);

const CHAT_STREAM = `${sse([
  { id: 'chatcmpl-warmup', object: 'chat.completion.chunk', created: 0, model: 'warmup', choices: [{ index: 0, delta: { role: 'assistant', content: 'ok' }, finish_reason: null }] },
  { id: 'chatcmpl-warmup', object: 'chat.completion.chunk', created: 0, model: 'warmup', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  { id: 'chatcmpl-warmup', object: 'chat.completion.chunk', created: 0, model: 'warmup', choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } },
], false)}data: [DONE]\n\n`;

/** Answers every request in this process with the canned stream of its API; nothing is sent. */
export const cannedFetch: FetchFn = (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const body = /\/chat\/completions$/.test(new URL(url).pathname) ? CHAT_STREAM : RESPONSES_STREAM;
  return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
};

/** A MantleClient like the real one whose requests cannedFetch answers; it logs nothing. */
function cannedClient(connection: () => Promise<ConnectionConfig>): MantleClient {
  return new MantleClient({ connection, logger: SILENT, redact: (s) => s, fetch: cannedFetch });
}

/**
 * A turn engine over the canned client (Responses and Chat Completions, each model's API from `apiFor`), for running
 * the chat's send path once (ChatCore.warmUp). Its routes are fixed, so nothing is learned from the canned answers.
 */
export function cannedEngine(connection: () => Promise<ConnectionConfig>, apiFor: (model: string) => ApiKind): TurnEngine {
  const client = cannedClient(connection);
  return routedEngine(fixedRoutes(apiFor), { responses: client, chat: client });
}

/**
 * Streams one canned turn per API through a client on `connection` (for its base URL, key checks and route
 * families) whose fetch is cannedFetch. Resolves with the results (each 'ok'); rejects as the real client would when
 * the connection cannot be built (no credentials: then there is no request to get ready for).
 */
export async function warmStreamPath(connection: () => Promise<ConnectionConfig>, model: string): Promise<TurnResult[]> {
  const client = cannedClient(connection);
  const results: TurnResult[] = [];
  for (const api of ['responses', 'chat'] as ApiKind[]) {
    const req: TurnRequest = { api, model, messages: [{ role: 'user', content: 'warm-up' }], ...(api === 'responses' ? { store: false } : {}) };
    results.push(await client.streamTurn(req, () => undefined));
  }
  return results;
}
