// The local Mantle emulator: an HTTP server speaking Mantle's three route families (/v1, /openai/v1, /anthropic/v1)
// as PROTOCOL-2026-12 §9 decides them (models, chat completions, responses, the Messages route errors), with Bearer,
// x-api-key and SigV4 auth, a request log and fault injection. It serves its own model table (models.ts), not the
// product's catalogue. Everything else in the project is tested against it; see README.md in this folder.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { authenticate, type AuthConfig } from './auth/authenticate';
import type { EmulatorState, RequestContext } from './context';
import { FaultQueue, activate, parseFaultHeader, statusFaultError, type FaultSpec } from './faults';
import { HttpError, readBody, sendError, unknownPath } from './http';
import { newRequestId } from './ids';
import { MARCH_2026_MODELS, POPULATIONS, runtimeModels, type EmulatorModel, type EmulatorPrefix, type Population, type RetentionMode } from './models';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { chatCompletions } from './routes/chat';
import { anthropicMessages } from './routes/anthropicMessages';
import { getModel, listModels } from './routes/models';
import { cancelResponse, deleteResponse, getResponse, listInputItems } from './routes/responseLifecycle';
import { createResponse } from './routes/responses';
import { DEFAULT_PROJECT, getProject, listProjects, resolveProject, type EmulatorProject } from './routes/projects';
import { prefixOf } from './routing';
import { ResponseStore } from './store';

export type { FaultSpec } from './faults';
export type { RequestLogEntry } from './requestLog';
export type { EmulatorModel, Population, RetentionMode } from './models';
export type { EmulatorProject } from './routes/projects';
export { DECEMBER_2026_MODELS, MARCH_2026_MODELS } from './models';

export interface EmulatorOptions {
  /** Default 0 (a random free port); the CLI defaults to 4010. */
  port?: number;
  /** Default '127.0.0.1'. */
  host?: string;
  /** Accepted Bearer keys; default ['mantle-emulator-key']. */
  apiKeys?: string[];
  /** Accepted SigV4 signing credentials; default one pair AKIDEMULATOR / emulator-secret-key. */
  awsCredentials?: { accessKeyId: string; secretAccessKey: string }[];
  /** SigV4 services accepted in the credential scope; default ['bedrock-mantle', 'bedrock'] (both seen live, §3.1). */
  acceptSigV4Services?: string[];
  /** Region expected in the SigV4 credential scope; default 'us-east-1'. */
  region?: string;
  /** Delay between streamed tokens in ms (default 0). */
  tokenDelayMs?: number;
  /**
   * Stream tokens at this fixed rate instead (tokenDelayMs is then ignored): token i leaves 1000·i/rate ms after the
   * first, and the tokens due at one timer tick leave together, so rates above 1,000 tokens/s work despite the
   * timers' 1 ms granularity. Non-streaming and background replies take as long as streaming at this rate would.
   */
  tokensPerSecond?: number;
  /** Delay before the first token in ms (default 0). */
  firstTokenDelayMs?: number;
  /** The model table; default the population below. */
  models?: readonly EmulatorModel[];
  /** Which copied catalogue to serve when `models` is not given: 'march-2026' (default, 38 models on /v1) or 'december-2026' (61). */
  population?: Population;
  /** Answer /openai/v1-family models on /v1 with 401 "Berm is not enabled for this account" (§1.5 C′); default false. */
  bermOnV1?: boolean;
  /** GET /openai/v1/models: 'not-found' (default, a bare 404) or 'mirror' (the /v1/models list). */
  openaiModels?: 'not-found' | 'mirror';
  /** Effective data-retention mode; default 'default', under which the Claude Fable models are unavailable. */
  retentionMode?: RetentionMode;
  /**
   * 'runtime' plays bedrock-runtime's OpenAI endpoint (§2) instead of Mantle: only /openai/v1 (and /anthropic/v1), the
   * runtime model ids, SigV4 service `bedrock` only, no background mode, `model` required, OpenAI-Project only
   * `default`. Default 'mantle'.
   */
  endpoint?: 'mantle' | 'runtime';
  /** Claude model ids the account is not granted: Messages answers 403 `permission_error` (§1.5 H). */
  claudeNotEnabled?: string[];
  /** The account's Projects besides `default` (which always exists; give it here to set its retention mode). */
  projects?: EmulatorProject[];
}

export interface RunningEmulator {
  /** Base URL including /v1, e.g. http://127.0.0.1:4567/v1 (http://127.0.0.1:4567/openai/v1 in runtime mode). */
  url: string;
  /** The origin without a route family, e.g. http://127.0.0.1:4567; add /openai/v1 or /anthropic for the others. */
  origin: string;
  port: number;
  log: RequestLogEntry[];
  /** Replaces the queue of faults applied to the next matching requests. */
  setFaults(f: FaultSpec[]): void;
  waitFor(pred: (e: RequestLogEntry) => boolean, timeoutMs?: number): Promise<RequestLogEntry>;
  storedResponseIds(): string[];
  /** Forget a stored response as if it had expired server-side. */
  deleteStored(id: string): void;
  close(): Promise<void>;
}

export const DEFAULT_API_KEY = 'mantle-emulator-key';
export const DEFAULT_AWS_CREDENTIALS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret-key' };

function parseJsonBody(raw: Buffer): { json: Record<string, unknown>; error?: HttpError } {
  if (raw.length === 0) return { json: {} };
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { json: value as Record<string, unknown> };
    return { json: {}, error: new HttpError(400, { code: 'invalid_request_body', type: 'invalid_request_error', message: 'The request body must be a JSON object.' }) };
  } catch {
    return { json: {}, error: new HttpError(400, { code: 'invalid_json', type: 'invalid_request_error', message: 'We could not parse the JSON body of your request.' }) };
  }
}

/** The route table of §1.2. Anything else, /v1/messages included, is a bare 404 (§1.5 G). */
async function route(ctx: RequestContext): Promise<void> {
  const method = ctx.req.method ?? 'GET';
  const prefix = ctx.prefix;
  const path = ctx.url.pathname.replace(/\/+$/, '').slice(prefix.length);
  const seg = (re: RegExp): string | undefined => {
    const m = re.exec(path);
    return m ? decodeURIComponent(m[1]) : undefined;
  };
  let id: string | undefined;
  if (ctx.state.endpoint === 'runtime') {
    if (prefix === '/v1') throw unknownPath(method, ctx.url.pathname);
    const project = ctx.req.headers['openai-project'];
    // Only the default project exists on runtime: "any other value is rejected" (status/text UNCERTAIN, see README).
    if (typeof project === 'string' && project !== 'default' && !/:project\/default$/.test(project)) {
      throw new HttpError(400, { code: 'invalid_project', type: 'invalid_request_error', message: `Only the default project is supported on this endpoint; got '${project}'.`, param: null });
    }
  }
  if (ctx.state.endpoint === 'mantle') ctx.project = resolveProject(ctx);
  if (prefix === '/anthropic/v1') {
    if (method === 'POST' && path === '/messages') return anthropicMessages(ctx, 'messages');
    if (method === 'POST' && path === '/messages/count_tokens') return anthropicMessages(ctx, 'count_tokens');
    throw unknownPath(method, ctx.url.pathname);
  }
  const modelsServed = prefix === '/v1' || ctx.state.openaiModels === 'mirror';
  if (method === 'GET' && path === '/models' && modelsServed) return listModels(ctx);
  if (method === 'GET' && (id = seg(/^\/models\/(.+)$/)) && modelsServed) return getModel(ctx, id);
  if (method === 'GET' && path === '/organization/projects' && prefix === '/v1') return listProjects(ctx);
  if (method === 'GET' && (id = seg(/^\/organization\/projects\/([^/]+)$/)) && prefix === '/v1') return getProject(ctx, id);
  if (method === 'POST' && path === '/chat/completions') return chatCompletions(ctx);
  if (method === 'POST' && path === '/responses') return createResponse(ctx);
  if (method === 'POST' && (id = seg(/^\/responses\/([^/]+)\/cancel$/))) return cancelResponse(ctx, id);
  if (method === 'GET' && (id = seg(/^\/responses\/([^/]+)\/input_items$/))) return listInputItems(ctx, id);
  if (method === 'GET' && (id = seg(/^\/responses\/([^/]+)$/))) return getResponse(ctx, id);
  if (method === 'DELETE' && (id = seg(/^\/responses\/([^/]+)$/))) return deleteResponse(ctx, id);
  throw unknownPath(method, ctx.url.pathname);
}

/** §1.5: on every Mantle response. */
const EXPOSE_HEADERS = 'x-amzn-requestid,x-request-id,date,x-amzn-usage-reservation-quota,x-amzn-usage-reservation-remaining-quota,x-amzn-usage-reservation-spillover';

function servedModels(opts: EmulatorOptions): readonly EmulatorModel[] {
  const table = opts.models ?? POPULATIONS[opts.population ?? 'march-2026'] ?? MARCH_2026_MODELS;
  return opts.endpoint === 'runtime' ? runtimeModels(table) : table;
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  if (opts.tokensPerSecond !== undefined && !(opts.tokensPerSecond > 0 && Number.isFinite(opts.tokensPerSecond))) {
    throw new Error(`emulator: tokensPerSecond must be a positive number, not ${opts.tokensPerSecond}`);
  }
  const log = new RequestLog();
  const state: EmulatorState = {
    endpoint: opts.endpoint ?? 'mantle',
    models: new Map(servedModels(opts).map((m) => [m.id, m])),
    bermOnV1: opts.bermOnV1 ?? false,
    openaiModels: opts.openaiModels ?? 'not-found',
    retentionMode: opts.retentionMode ?? 'default',
    claudeNotEnabled: new Set(opts.claudeNotEnabled ?? []),
    store: new ResponseStore(),
    projects: new Map([DEFAULT_PROJECT, ...(opts.projects ?? [])].map((p) => [p.id, p])),
    region: opts.region ?? 'us-east-1',
    log,
    tokenDelayMs: opts.tokenDelayMs ?? 0,
    tokensPerSecond: opts.tokensPerSecond,
    firstTokenDelayMs: opts.firstTokenDelayMs ?? 0,
    timers: new Set(),
  };
  const auth: AuthConfig = {
    apiKeys: opts.apiKeys ?? [DEFAULT_API_KEY],
    credentials: opts.awsCredentials ?? [DEFAULT_AWS_CREDENTIALS],
    services: opts.acceptSigV4Services ?? (opts.endpoint === 'runtime' ? ['bedrock'] : ['bedrock-mantle', 'bedrock']),
    region: opts.region ?? 'us-east-1',
  };
  const faults = new FaultQueue();
  const startedAt = Date.now();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator');
    if (url.pathname.startsWith('/__emulator/')) return handleAdmin(req, res, url, state, faults, startedAt);

    const requestId = newRequestId();
    res.setHeader('x-request-id', requestId);
    res.setHeader('x-amzn-requestid', requestId);
    res.setHeader('access-control-expose-headers', EXPOSE_HEADERS);
    const prefix: EmulatorPrefix | undefined = prefixOf(url.pathname);
    const entry = log.start(req.method ?? 'GET', req.url ?? '/');
    let serverClosed = false;
    res.on('close', () => {
      entry.status = res.headersSent ? res.statusCode : 0;
      entry.clientClosedEarly = !res.writableFinished && !serverClosed;
      entry.endedAt = Date.now();
      log.notify();
    });

    try {
      const raw = await readBody(req);
      entry.requestBytes = raw.length;
      const parsed = parseJsonBody(raw);
      if (raw.length && !parsed.error) entry.body = parsed.json;
      if (typeof parsed.json.model === 'string') entry.model = parsed.json.model;
      entry.stream = parsed.json.stream === true;

      entry.auth = await authenticate(req, raw, auth);
      if (parsed.error) throw parsed.error;

      const header = req.headers['x-emulator-fault'];
      let specs: FaultSpec[];
      try {
        specs = typeof header === 'string' ? parseFaultHeader(header) : [];
      } catch (e) {
        throw new HttpError(400, { code: 'invalid_fault', type: 'invalid_request_error', message: `x-emulator-fault: ${(e as Error).message}` });
      }
      specs.push(...faults.take({ method: req.method ?? 'GET', path: url.pathname, model: entry.model }));
      const active = activate(specs);
      entry.fault = active.description;
      if (active.status) throw statusFaultError(active.status);

      if (!prefix) throw unknownPath(req.method ?? 'GET', url.pathname);
      await route({ req, res, url, prefix, body: parsed.json, entry, faults: active, state, serverClosed: () => { serverClosed = true; } });
    } catch (e) {
      const envelope = prefix === '/anthropic/v1' ? 'anthropic' : 'openai';
      if (e instanceof HttpError) sendError(res, e, envelope);
      else {
        console.error('emulator: unexpected error', e);
        sendError(res, new HttpError(500, { code: 'internal_error', type: 'server_error', message: 'The emulator hit an unexpected error.' }), envelope);
      }
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}${state.endpoint === 'runtime' ? '/openai/v1' : '/v1'}`,
    origin: `http://${host}:${address.port}`,
    port: address.port,
    log: log.entries,
    setFaults: (f) => faults.set(f),
    waitFor: (pred, timeoutMs) => log.waitFor(pred, timeoutMs),
    storedResponseIds: () => state.store.ids(),
    deleteStored: (id) => { state.store.delete(id); },
    close: async () => {
      state.timers.forEach(clearTimeout);
      state.timers.clear();
      state.store.clear();
      // Stalled streams and keep-alive sockets would otherwise hold close() open forever.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
