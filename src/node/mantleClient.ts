// The one Mantle client every feature uses (container.mantle). It keeps one openai client for the current
// connection settings (rebuilt after invalidate()), streams turns over either API from the SDK's raw event
// iterators on the route family each request names (/v1, /openai/v1: one SDK client per family over the same
// transport), stops streams that go silent, and turns every failure into a MantleError (route and API refusals tagged
// as routing facts for the model router).
import { checkKeyBeforeRequest } from './accountTransport';
import { parseProjectList, type ProjectSummary } from '../common/account/projects';
import type OpenAI from 'openai';
import type { ChatCompletionMessageParam, ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import type { ResponseCreateParamsBase } from 'openai/resources/responses/responses';
import { isUnsupportedApiMessage, mapHttpFailure, type ErrorContext } from '../common/mantle/errorMapping';
import { MantleError, isMantleError } from '../common/mantle/errors';
import { routeBaseUrl } from '../common/mantle/regions';
import { MODEL_CATALOG } from '../common/models/catalog';
import { runtimeCatalogModelIds, runtimeModelId } from '../common/models/runtimeIds';
import { foldChatChunk, foldResponsesEvent, newFoldState, usageFromResponses, type FoldState } from '../common/mantle/streamFolding';
import type { LiveModel, MantleApi, RoutePrefix, TurnEvent, TurnRequest, TurnResult } from '../common/mantle/types';
import { chatMessages, chatToolChoice, chatTools, responsesInput, responsesToolChoice, responsesTools } from '../common/tools/toolWire';
import { createOpenAIClient } from './clientFactory';
import { errorContextOf, firstByteTimeoutOf, type ClientLogger, type ConnectionConfig } from './connection';
import { toMantleError } from './sdkErrors';
import type { FetchFn } from './sigv4Fetch';

export interface MantleClientDeps {
  /** Builds the connection from settings and secrets; rejects with a MantleError ('noCredentials', 'config'). */
  connection: () => Promise<ConnectionConfig>;
  logger: ClientLogger;
  redact: (s: string) => string;
  fetch?: FetchFn;
}

interface Session {
  config: ConnectionConfig;
  /** The client on the configured base URL (the /v1 family): model list, and requests without a route. */
  client: OpenAI;
  /** One client per route family, sharing the transport (signing, guards, logging) of `client`. */
  byPrefix: Map<RoutePrefix, OpenAI>;
}

/**
 * The client of one route family; undefined = the configured base URL. The family the configured base URL already
 * names (/v1 unless it is an override on another) is that client itself: a copy would only cost the first request of
 * the window its construction.
 */
function clientAt(session: Session, prefix: RoutePrefix | undefined): OpenAI {
  if (!prefix) return session.client;
  let c = session.byPrefix.get(prefix);
  if (!c) {
    const baseURL = routeBaseUrl(session.config.baseURL, prefix);
    c = baseURL === session.config.baseURL.replace(/\/+$/, '') ? session.client : session.client.withOptions({ baseURL });
    session.byPrefix.set(prefix, c);
  }
  return c;
}

/** Errors that say nothing about the connection (the model, the quota, the person) leave it healthy. */
const CONNECTION_KINDS = new Set(['noCredentials', 'auth', 'forbidden', 'network', 'config', 'ssoExpired', 'timeout']);

export const RUNTIME_NO_BACKGROUND = 'Background responses are not available on the bedrock-runtime endpoint (setting bedrockMantle.endpointType). Turn Background off, or switch the endpoint to Mantle.';

export type ConnectionHealth = { ok: true } | { ok: false; error: MantleError };

export class MantleClient implements MantleApi {
  private session?: Promise<Session>;
  private readonly healthListeners = new Set<(h: ConnectionHealth) => void>();

  constructor(private readonly deps: MantleClientDeps) {}

  /** Settings or secrets changed: the next request builds a fresh client from the new connection. */
  invalidate(): void {
    this.session = undefined;
  }

  /** The connection the next request will use (for the status bar and Test Connection). */
  async currentConnection(): Promise<ConnectionConfig> {
    return (await this.ensure()).config;
  }

  /** Fires after each request: whether the connection itself (credentials, endpoint, network) worked. */
  onHealth(listener: (h: ConnectionHealth) => void): { dispose(): void } {
    this.healthListeners.add(listener);
    return { dispose: () => this.healthListeners.delete(listener) };
  }

  private report(h: ConnectionHealth): void {
    for (const l of [...this.healthListeners]) {
      try { l(h); } catch (e) { this.deps.logger.error('health listener failed', e); }
    }
  }

  private ensure(): Promise<Session> {
    if (!this.session) {
      const pending = this.deps.connection().then((config) => ({
        config,
        client: createOpenAIClient(config, { logger: this.deps.logger, redact: this.deps.redact, fetch: this.deps.fetch }),
        byPrefix: new Map<RoutePrefix, OpenAI>(),
      }));
      // A failed build is not kept: the next call tries again (the person may have just fixed the setting).
      pending.catch(() => { if (this.session === pending) this.session = undefined; });
      this.session = pending;
    }
    return this.session;
  }

  /**
   * Resolves credentials before the SDK sees the request. A credential failure thrown inside fetch would look like a
   * connection error to the SDK and be retried; an expired SSO session must produce one message, not a retry loop.
   */
  private async prepare(): Promise<Session> {
    const s = await this.ensure();
    checkKeyBeforeRequest(s.config);
    if (s.config.auth.mode === 'awsProfile') await s.config.auth.credentials();
    return s;
  }

  /** GET /v1/organization/projects: the account's Projects (when the identity may list them). */
  async listProjects(signal?: AbortSignal): Promise<ProjectSummary[]> {
    let session: Session | undefined;
    try {
      session = await this.prepare();
      const body = await session.client.get<unknown>('/organization/projects', { signal });
      this.report({ ok: true });
      return parseProjectList(body);
    } catch (e) {
      throw this.fail(e, session, { api: 'models' }, { cancelled: !!signal?.aborted, stalled: false, streaming: false });
    }
  }

  async listModels(signal?: AbortSignal): Promise<LiveModel[]> {
    let session: Session | undefined;
    try {
      session = await this.prepare();
      const page = await session.client.models.list({ signal });
      this.report({ ok: true });
      return page.data.map((m) => {
        // Mantle adds `status` and `status_reason` to the OpenAI model object (PROTOCOL-2026-12 §1.4).
        const extra = m as { status?: unknown; status_reason?: unknown };
        const unavailable = extra.status === 'unavailable'
          ? this.deps.redact(typeof extra.status_reason === 'string' && extra.status_reason ? extra.status_reason.slice(0, 300) : 'Mantle lists this model as unavailable.')
          : undefined;
        return { id: m.id, ownedBy: m.owned_by || undefined, created: m.created || undefined, ...(unavailable ? { unavailable } : {}) };
      });
    } catch (e) {
      if (session?.config.endpoint === 'runtime' && (e as { status?: unknown }).status === 404) {
        // bedrock-runtime documents no model list (PROTOCOL-2026-12 §2): the catalogue's models documented there.
        this.deps.logger.info('bedrock-runtime has no model list (404); showing the catalogued models documented on that endpoint.');
        this.report({ ok: true });
        return runtimeCatalogModelIds(MODEL_CATALOG).map((id) => ({ id }));
      }
      throw this.fail(e, session, { api: 'models' }, { cancelled: !!signal?.aborted, stalled: false, streaming: false });
    }
  }

  async streamTurn(asked: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
    const started = Date.now();
    let req = asked;
    let session: Session | undefined;
    const state = newFoldState();
    let firstTokenAt: number | undefined;
    const deliver = (events: TurnEvent[]) => {
      for (const e of events) {
        if (firstTokenAt === undefined && e.kind !== 'started') firstTokenAt = Date.now();
        onEvent(e);
      }
    };

    // One controller aborts the HTTP request: the caller's signal, or the stall timer when nothing arrives.
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    let stalled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let streaming = false;

    try {
      session = await this.prepare();
      if (session.config.endpoint === 'runtime') {
        // bedrock-runtime is synchronous only and knows GPT-5.x/6.x by their cross-Region profile ids (PROTOCOL-2026-12 §2).
        if (req.background) throw new MantleError({ kind: 'badRequest', message: RUNTIME_NO_BACKGROUND, actions: ['openSettings', 'showLogs'] });
        req = { ...req, model: runtimeModelId(req.model, session.config.region).id };
      }
      const client = clientAt(session, req.route?.prefix);
      const stallMs = session.config.stallTimeoutMs;
      const firstByteMs = firstByteTimeoutOf(session.config);
      // Until the first answer text the first-byte timeout applies (slow starts); after it, the idle watchdog.
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => { stalled = true; controller.abort(new Error('stalled')); }, firstTokenAt === undefined ? firstByteMs : stallMs);
      };
      if (req.api === 'responses' && req.background) return await this.startBackground(client, req, deliver, controller.signal, started);

      // Until the headers arrive the SDK's own per-attempt timeout applies (and its retries, which may wait for a
      // long retry-after); the stall timer starts with the stream.
      if (req.api === 'responses') {
        const stream = await client.responses.create({ ...responsesBody(req), stream: true }, { signal: controller.signal });
        streaming = true;
        arm();
        for await (const event of stream) {
          arm();
          deliver(foldResponsesEvent(state, event));
          if (state.failure) break;
        }
      } else {
        const stream = await client.chat.completions.create({
          model: req.model,
          messages: chatMessages(req.messages, req.instructions) as unknown as ChatCompletionMessageParam[],
          ...(req.tools?.length ? {
            tools: chatTools(req.tools) as unknown as ChatCompletionTool[],
            ...(req.toolChoice ? { tool_choice: chatToolChoice(req.toolChoice) as ChatCompletionToolChoiceOption } : {}),
          } : {}),
          reasoning_effort: req.reasoningEffort,
          max_tokens: req.maxOutputTokens,
          stream: true,
          stream_options: { include_usage: true },
        }, { signal: controller.signal });
        streaming = true;
        arm();
        for await (const chunk of stream) {
          arm();
          deliver(foldChatChunk(state, chunk));
        }
      }
      clearTimeout(timer);
      // The SDK's stream iterator ends quietly (no throw) when its signal aborts; the catch below phrases it.
      if (controller.signal.aborted) throw new Error(stalled ? 'stream stalled' : 'stream aborted');
      this.report({ ok: true });
      return this.finish(session, req, state, started, firstTokenAt);
    } catch (e) {
      throw this.fail(
        e, session, { model: req.model, api: req.api, ...(req.route ? { path: req.route.prefix } : {}) },
        { cancelled: !!signal?.aborted, stalled, streaming, answering: firstTokenAt !== undefined },
      );
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private finish(session: Session, req: TurnRequest, state: FoldState, started: number, firstTokenAt: number | undefined): TurnResult {
    const ctx = errorContextOf(session.config, { model: req.model, api: req.api });
    if (state.failure) {
      const f = state.failure;
      // A failure reported inside the stream gets the same phrasing as the equivalent HTTP error.
      if (f.code === 'previous_response_not_found' || isUnsupportedApiMessage(f.message)) {
        throw mapHttpFailure({ status: 400, code: f.code, message: f.message }, ctx, this.deps.redact);
      }
      throw new MantleError({ kind: 'server', code: f.code, message: `Mantle could not finish the answer: ${this.deps.redact(f.message)}`, actions: ['retry', 'showLogs'] });
    }
    if (!state.finished) {
      throw new MantleError({
        kind: 'streamCut',
        message: `The answer from ${ctx.host} ended before it was complete; the part received so far is kept.`,
        actions: ['retry', 'showLogs'],
      });
    }
    return {
      id: state.id,
      api: req.api,
      text: state.text,
      reasoning: state.reasoning,
      usage: state.usage,
      finishReason: state.finishReason,
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started,
      totalMs: Date.now() - started,
      ...(state.toolCalls.length ? { toolCalls: state.toolCalls } : {}),
    };
  }

  async getResponse(id: string, signal?: AbortSignal, prefix?: RoutePrefix): Promise<TurnResult> {
    const started = Date.now();
    let session: Session | undefined;
    try {
      session = await this.prepare();
      const r = await clientAt(session, prefix).responses.retrieve(id, {}, { signal });
      this.report({ ok: true });
      return storedResponseResult(r, Date.now() - started);
    } catch (e) {
      throw this.fail(e, session, { api: 'responses' }, { cancelled: !!signal?.aborted, stalled: false, streaming: false });
    }
  }

  async cancelResponse(id: string, signal?: AbortSignal, prefix?: RoutePrefix): Promise<void> {
    let session: Session | undefined;
    try {
      session = await this.prepare();
      await clientAt(session, prefix).responses.cancel(id, { signal });
      this.report({ ok: true });
    } catch (e) {
      throw this.fail(e, session, { api: 'responses' }, { cancelled: !!signal?.aborted, stalled: false, streaming: false });
    }
  }

  /** background=true: the response is created and queued; its id and status come back at once, to be polled. */
  private async startBackground(
    client: OpenAI, req: TurnRequest, deliver: (e: TurnEvent[]) => void, signal: AbortSignal, started: number,
  ): Promise<TurnResult> {
    const r = await client.responses.create({ ...responsesBody(req), background: true }, { signal });
    this.report({ ok: true });
    deliver([{ kind: 'started', responseId: r.id }]);
    return { id: r.id, api: 'responses', text: r.output_text ?? '', reasoning: '', status: r.status, totalMs: Date.now() - started };
  }

  private fail(
    e: unknown, session: Session | undefined, extra: Partial<ErrorContext>,
    how: { cancelled: boolean; stalled: boolean; streaming: boolean; answering?: boolean },
  ): MantleError {
    if (isMantleError(e) && !session) {
      // The connection could not be built (no key, bad setting, expired SSO): already phrased.
      if (CONNECTION_KINDS.has(e.kind)) this.report({ ok: false, error: e });
      return e;
    }
    const config = session?.config;
    // Before any answer text the first-byte timeout was the one running.
    const waited = config ? (how.streaming && how.answering ? config.stallTimeoutMs : firstByteTimeoutOf(config)) : 0;
    const stallSeconds = Math.round(waited / 1000);
    const err = config
      ? toMantleError(e, errorContextOf(config, extra), { ...how, stallSeconds }, this.deps.redact)
      : toMantleError(e, { authMode: 'apiKey', region: '', host: 'Mantle', customEndpoint: false, ...extra }, { ...how, stallSeconds }, this.deps.redact);
    if (CONNECTION_KINDS.has(err.kind)) this.report({ ok: false, error: err });
    else if (err.kind !== 'cancelled') this.report({ ok: true });
    // The request id lets a person quote the failure to AWS support (x-request-id / x-amzn-requestid).
    const where = `${extra.path ?? ''} ${extra.api ?? ''} ${extra.model ?? ''}`.trim();
    if (err.kind !== 'cancelled') this.deps.logger.warn(this.deps.redact(`${where}: ${err.kind}: ${err.message}${err.requestId ? ` [request id ${err.requestId}]` : ''}`));
    return err;
  }
}

/** The /v1/responses request body a turn sends, streamed or in the background (the caller adds which). */
function responsesBody(req: TurnRequest): Omit<ResponseCreateParamsBase, 'stream'> {
  return {
    model: req.model,
    input: responsesInput(req.messages) as unknown as ResponseCreateParamsBase['input'],
    ...(req.tools?.length ? { tools: responsesTools(req.tools) as unknown as ResponseCreateParamsBase['tools'], ...(req.toolChoice ? { tool_choice: responsesToolChoice(req.toolChoice) as ResponseCreateParamsBase['tool_choice'] } : {}) } : {}),
    instructions: req.instructions,
    previous_response_id: req.previousResponseId,
    store: req.store,
    reasoning: req.reasoningEffort ? { effort: req.reasoningEffort } : undefined,
    max_output_tokens: req.maxOutputTokens,
  };
}

/** A stored (polled) Responses object as a TurnResult: answer text, reasoning text or summary, usage, status. */
function storedResponseResult(r: OpenAI.Responses.Response, totalMs: number): TurnResult {
  let reasoning = '';
  for (const item of r.output ?? []) {
    if (item.type !== 'reasoning') continue;
    const parts = item.content?.length ? item.content : item.summary;
    for (const p of parts ?? []) reasoning += p.text;
  }
  return { id: r.id, api: 'responses', text: r.output_text ?? '', reasoning, usage: usageFromResponses(r.usage), status: r.status, totalMs };
}
