// Readies the code of a streamed turn before the person's first request: one turn per API the Mantle client speaks
// (Responses, Chat Completions; Anthropic Messages too when the chat's model is Claude), streamed from a canned
// answer through clients built like the real ones — the SDK building the request, the fetch stack (header allowlist,
// response guard, request log), the global fetch the editor patches for its proxy settings, its HTTP client sending
// a POST and reading an event stream, the SDK's event-stream reader and the fold. V8 compiles a function the first
// time it runs, and the HTTP client sets up its POST and streamed-body paths on first use, so without this the first
// real request pays for all of that; a second client instance runs the same functions, so it warms them for the
// real one.
// The canned answers come from a server of this process on the loopback interface (127.0.0.1, a port the system
// picks, closed as soon as the turns are done): the requests never leave the machine (the editor's fetch sends
// loopback hosts direct, past any proxy), carry no key, credentials, Project or prompt of the person's (a placeholder
// key, a fixed text), and nothing is logged, stored or kept. Where a loopback server cannot be opened (or Node's own
// proxy support would route loopback through a proxy) an in-process fetch answers instead, which still readies
// everything but the HTTP client.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiKind, TurnRequest, TurnResult } from '../common/mantle/types';
import type { ConnectionConfig } from './connection';
import { AnthropicMessagesClient } from './anthropicMessagesClient';
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

const MESSAGES_STREAM = sse([
  {
    type: 'message_start',
    message: { id: 'msg_warmup', type: 'message', role: 'assistant', model: 'warmup', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } },
  },
  { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
  { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'ok' } },
  { type: 'content_block_stop', index: 0 },
  { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 1 } },
  { type: 'message_stop' },
], true);

/** The stream paths served, each API's by the end of its path. */
const STREAM_PATH = /\/(responses|chat\/completions|messages)$/;

/** The canned stream of the API a request path names. */
function cannedStream(pathname: string): string {
  if (/\/chat\/completions$/.test(pathname)) return CHAT_STREAM;
  return /\/messages$/.test(pathname) ? MESSAGES_STREAM : RESPONSES_STREAM;
}

/** Answers every request in this process with the canned stream of its API; nothing is sent. */
export const cannedFetch: FetchFn = (input) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return Promise.resolve(new Response(cannedStream(new URL(url).pathname), { status: 200, headers: { 'content-type': 'text/event-stream' } }));
};

export interface LoopbackStreams {
  /** e.g. http://127.0.0.1:PORT/v1 */
  baseURL: string;
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 (a port the system picks) that answers POST …/responses, …/chat/completions and …/messages
 * with the canned streams and anything else with 404. It reads each request body to its end and drops it.
 */
export async function openLoopbackStreams(): Promise<LoopbackStreams> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume(); // the request body is read and dropped
    req.on('end', () => {
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (req.method !== 'POST' || !STREAM_PATH.test(pathname)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(cannedStream(pathname));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => { server.off('error', reject); resolve(); });
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections(); // the fetch keeps its connection alive; the server is done with it
    }),
  };
}

/** Node's own proxy support (NODE_USE_ENV_PROXY) sends loopback through HTTP_PROXY unless NO_PROXY exempts it. */
function loopbackMayBeProxied(env: NodeJS.ProcessEnv = process.env): boolean {
  if (!env.NODE_USE_ENV_PROXY || env.NODE_USE_ENV_PROXY === '0') return false;
  if (!(env.HTTP_PROXY ?? env.http_proxy)) return false;
  const noProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((h) => h.trim());
  return !noProxy.includes('127.0.0.1') && !noProxy.includes('*');
}

/** The person's connection with its secrets and Project replaced: the warm-up's requests carry none of them. */
function placeholderConnection(real: ConnectionConfig, baseURL: string): ConnectionConfig {
  return {
    ...real, baseURL, customEndpoint: true, project: undefined, maxRetries: 0,
    auth: real.auth.mode === 'awsProfile'
      ? { mode: 'awsProfile', profile: 'warm-up', credentials: () => Promise.resolve({ accessKeyId: 'AKIDWARMUP', secretAccessKey: 'warm-up' }) }
      : { mode: 'apiKey', apiKey: 'warm-up', source: 'environment' },
  };
}

/** The warm-up's clients: built like the real ones on the placeholder connection, answered by the loopback server. */
export interface WarmUpClients {
  mantle: MantleClient;
  anthropic: AnthropicMessagesClient;
}

/**
 * Streams one canned turn per API in `apis` through a client like the one on `connection` (its API key or SigV4 mode,
 * with placeholders for the secrets; the Anthropic client for 'messages', which loads its SDK) whose requests go to
 * openLoopbackStreams() over the global fetch, or to cannedFetch when no loopback server can be used; then `then`
 * with those clients (the container runs the chat's send path over them). Resolves with the results (each 'ok') once
 * the server is closed; rejects as the real client would when the connection cannot be built (no credentials: then
 * there is no request to get ready for, and no server is opened).
 */
export async function warmStreamPath(
  connection: () => Promise<ConnectionConfig>, model: string, apis: readonly ApiKind[] = ['responses', 'chat'],
  then?: (clients: WarmUpClients) => Promise<void>,
): Promise<TurnResult[]> {
  const real = await connection();
  const loopback = loopbackMayBeProxied() ? undefined : await openLoopbackStreams().catch(() => undefined);
  const config = () => Promise.resolve(placeholderConnection(real, loopback?.baseURL ?? real.baseURL));
  const deps = { connection: config, logger: SILENT, redact: (s: string) => s, ...(loopback ? {} : { fetch: cannedFetch }) };
  const clients: WarmUpClients = { mantle: new MantleClient(deps), anthropic: new AnthropicMessagesClient(deps) };
  try {
    const results: TurnResult[] = [];
    for (const api of apis) {
      const req: TurnRequest = { api, model, messages: [{ role: 'user', content: 'warm-up' }], ...(api === 'responses' ? { store: false } : {}) };
      const client = api === 'messages' ? clients.anthropic : clients.mantle;
      results.push(await client.streamTurn(req, () => undefined));
    }
    await then?.(clients);
    return results;
  } finally {
    await loopback?.close();
  }
}
