// The Anthropic Messages client for Claude on Mantle (addendum §3): a TurnStreamer the turn engine uses for the
// 'messages' API. It is @anthropic-ai/sdk pointed at `{origin}/anthropic`, with the same credentials and fetch stack
// as the OpenAI client (clientFactory.ts): an API key as `Authorization: Bearer` (what this SDK sends for `apiKey`,
// accepted by Mantle beside x-api-key), or each attempt signed with SigV4 `bedrock-mantle` for an AWS profile.
// The SDK loads on the first Claude turn. Requests come from the pure builder (messagesRequest.ts), the stream is
// folded by messagesStream.ts, and a model that refuses a thinking form is asked again in the other form once and
// never sent the refused one again.
import type Anthropic from '@anthropic-ai/sdk';
import type { ErrorContext } from '../common/mantle/errorMapping';
import { isMantleError, type MantleError } from '../common/mantle/errors';
import { anthropicBaseURL, buildMessagesRequest, refusedThinkingForm, ThinkingForms, type ThinkingForm } from '../common/mantle/messagesRequest';
import { foldMessagesEvent, messagesUsage, newMessagesFoldState, signedThinking, type MessagesFoldState } from '../common/mantle/messagesStream';
import { signingServiceOf } from '../common/mantle/regions';
import type { TurnStreamer } from '../common/mantle/turnEngine';
import type { TurnEvent, TurnRequest, TurnResult } from '../common/mantle/types';
import { apiMessageOf, toMantleErrorFromAnthropic } from './anthropicErrors';
import { loadAnthropicSdk, type AnthropicSdk } from './anthropicSdk';
import { errorContextOf, type ClientLogger, type ConnectionConfig } from './connection';
import { createSigV4Fetch, type FetchFn } from './sigv4Fetch';
import { allowOnlyKnownHeaders, guardResponses, logRequests } from './transportFetch';
import { checkKeyBeforeRequest, withProjectHeader } from './accountTransport';
import { ANTHROPIC_WORKSPACE_HEADER } from '../common/account/projects';

/** Mantle documents `anthropic-version: 2023-06-01`; the SDK would send its own newer date (addendum §3.5). */
export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Only the headers this extension means to send: ANTHROPIC_CUSTOM_HEADERS in VS Code's environment is read by the SDK
 * and would otherwise add headers (as OPENAI_CUSTOM_HEADERS would on the OpenAI path).
 */
const ALLOWED_HEADER = /^(accept|content-type|content-length|user-agent|authorization|idempotency-key|x-stainless-[a-z0-9-]+|anthropic-version)$/;

export interface AnthropicMessagesClientDeps {
  /** The same connection the OpenAI client uses; rejects with a MantleError ('noCredentials', 'config'). */
  connection: () => Promise<ConnectionConfig>;
  logger: ClientLogger;
  redact: (s: string) => string;
  fetch?: FetchFn;
  /** For tests; the default loads the SDK on first use. */
  loadSdk?: () => AnthropicSdk;
}

interface Session {
  config: ConnectionConfig;
  sdk: AnthropicSdk;
  client: Anthropic;
}

/** A 400 that refused the thinking form sent: the turn is asked again without it. */
class ThinkingRefused extends Error {
  constructor(readonly form: ThinkingForm, readonly serverSaid: string, readonly mapped: MantleError) {
    super(serverSaid);
  }
}

export class AnthropicMessagesClient implements TurnStreamer {
  private session?: Promise<Session>;
  private forms = new ThinkingForms();

  constructor(private readonly deps: AnthropicMessagesClientDeps) {}

  /** Settings or secrets changed: the next turn builds a fresh client (and relearns thinking forms). */
  invalidate(): void {
    this.session = undefined;
    this.forms = new ThinkingForms();
  }

  private ensure(): Promise<Session> {
    if (!this.session) {
      const pending = this.deps.connection().then((config) => {
        const sdk = (this.deps.loadSdk ?? loadAnthropicSdk)();
        return { config, sdk, client: this.createClient(sdk, config) };
      });
      pending.catch(() => { if (this.session === pending) this.session = undefined; });
      this.session = pending;
    }
    return this.session;
  }

  private createClient(sdk: AnthropicSdk, config: ConnectionConfig): Anthropic {
    const base: FetchFn = this.deps.fetch ?? ((input, init) => globalThis.fetch(input, init));
    const signed = config.auth.mode === 'awsProfile'
      ? createSigV4Fetch({ region: config.region, credentials: config.auth.credentials, fetch: base, service: signingServiceOf(config.endpoint ?? 'mantle') })
      : base;
    const fetch = allowOnlyKnownHeaders(
      withProjectHeader(guardResponses(logRequests(signed, this.deps.logger, this.deps.redact)), ANTHROPIC_WORKSPACE_HEADER, config.project),
      ALLOWED_HEADER,
    );
    const { logger, redact } = this.deps;
    // Every option the SDK would otherwise read from the environment (ANTHROPIC_BASE_URL, ANTHROPIC_API_KEY,
    // ANTHROPIC_AUTH_TOKEN, the webhook key, ANTHROPIC_LOG, the OpenTelemetry variables) is given here.
    return new sdk.Anthropic({
      baseURL: anthropicBaseURL(config.baseURL),
      // SigV4 mode: the SDK needs some credential; its Bearer placeholder is replaced by the signature.
      apiKey: config.auth.mode === 'apiKey' ? config.auth.apiKey : 'sigv4-signed',
      authToken: null,
      webhookKey: null,
      defaultHeaders: { 'anthropic-version': ANTHROPIC_VERSION },
      maxRetries: config.maxRetries,
      // Per attempt, until the response headers arrive; a silent stream after that is the stall timer below.
      timeout: config.stallTimeoutMs,
      fetch,
      openTelemetry: false,
      logLevel: 'warn',
      logger: {
        error: (m: string) => logger.error(redact(`anthropic: ${m}`)),
        warn: (m: string) => logger.warn(redact(`anthropic: ${m}`)),
        info: (m: string) => logger.debug(redact(`anthropic: ${m}`)),
        debug: (m: string) => logger.trace(redact(`anthropic: ${m}`)),
      },
    });
  }

  /** Resolves AWS credentials before the SDK sees the request, so an expired SSO session is one message, not retries. */
  private async prepare(): Promise<Session> {
    const s = await this.ensure();
    checkKeyBeforeRequest(s.config);
    if (s.config.auth.mode === 'awsProfile') await s.config.auth.credentials();
    return s;
  }

  async streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
    // At most three attempts: the model's form, the other form, then no thinking (a model that refused both).
    for (let attempt = 0; ; attempt++) {
      const form = req.reasoningEffort && req.reasoningEffort !== 'none' ? this.forms.formFor(req.model) : undefined;
      try {
        return await this.streamOnce(req, form, onEvent, signal);
      } catch (e) {
        if (!(e instanceof ThinkingRefused)) throw e;
        if (attempt >= 2) throw e.mapped;
        this.forms.refuse(req.model, e.form);
        const next = this.forms.formFor(req.model);
        this.deps.logger.warn(this.deps.redact(`${req.model} refused ${describeForm(e.form)} thinking (${e.serverSaid}): asking again ${next ? `with ${describeForm(next)} thinking` : 'without thinking'}`));
      }
    }
  }

  private async streamOnce(req: TurnRequest, form: ThinkingForm | undefined, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
    const started = Date.now();
    const state = newMessagesFoldState();
    let firstTokenAt: number | undefined;
    let session: Session | undefined;
    // One controller aborts the HTTP request: the caller's signal, or the stall timer when nothing arrives.
    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(signal?.reason);
    if (signal?.aborted) controller.abort(signal.reason);
    signal?.addEventListener('abort', onCallerAbort, { once: true });
    let stalled = false;
    let streaming = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      session = await this.prepare();
      const stallMs = session.config.stallTimeoutMs;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => { stalled = true; controller.abort(new Error('stalled')); }, stallMs);
      };
      const body = buildMessagesRequest(req, form);
      let stream;
      try {
        stream = await session.client.messages.create({ ...body, stream: true }, { signal: controller.signal });
      } catch (e) {
        const refused = e instanceof session.sdk.APIError && form ? refusedThinkingForm(e.status, apiMessageOf(e)) : undefined;
        if (refused === form && form) {
          throw new ThinkingRefused(
            form, this.deps.redact(apiMessageOf(e as { message: string })),
            this.fail(e, session, req, { cancelled: false, stalled: false, streaming: false }),
          );
        }
        throw e;
      }
      streaming = true;
      arm();
      for await (const event of stream) {
        arm();
        for (const e of foldMessagesEvent(state, event)) {
          if (firstTokenAt === undefined && e.kind !== 'started') firstTokenAt = Date.now();
          onEvent(e);
        }
      }
      clearTimeout(timer);
      // The SDK's iterator can end quietly when its signal aborts; the catch below phrases it.
      if (controller.signal.aborted) throw new Error(stalled ? 'stream stalled' : 'stream aborted');
      return this.finish(session, req, state, started, firstTokenAt);
    } catch (e) {
      if (e instanceof ThinkingRefused) throw e;
      throw this.fail(e, session, req, { cancelled: !!signal?.aborted, stalled, streaming });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  private finish(session: Session, req: TurnRequest, state: MessagesFoldState, started: number, firstTokenAt: number | undefined): TurnResult {
    if (!state.finished) {
      throw toMantleErrorFromAnthropic(session.sdk, new Error('the stream ended without message_stop'), errorContextOf(session.config, { model: req.model, api: 'messages' }), { cancelled: false, stalled: false, stallSeconds: 0, streaming: true }, this.deps.redact);
    }
    const thinking = signedThinking(state);
    return {
      id: state.id,
      api: req.api,
      text: state.text,
      reasoning: state.reasoning,
      usage: messagesUsage(state),
      finishReason: state.stopReason,
      timeToFirstTokenMs: firstTokenAt === undefined ? undefined : firstTokenAt - started,
      totalMs: Date.now() - started,
      ...(thinking.length ? { thinking } : {}),
      ...(state.toolCalls.length ? { toolCalls: state.toolCalls } : {}),
    };
  }

  private fail(e: unknown, session: Session | undefined, req: TurnRequest, how: { cancelled: boolean; stalled: boolean; streaming: boolean }): MantleError {
    // The connection could not be built (no key, bad setting, expired SSO): already phrased.
    if (isMantleError(e) && !session) return e;
    const config = session?.config;
    const stallSeconds = config ? Math.round(config.stallTimeoutMs / 1000) : 0;
    const ctx: ErrorContext = config ? errorContextOf(config, { model: req.model, api: 'messages' }) : { authMode: 'apiKey', region: '', host: 'Mantle', customEndpoint: false, model: req.model, api: 'messages' };
    const err = toMantleErrorFromAnthropic(session?.sdk ?? loadAnthropicSdk(), e, ctx, { ...how, stallSeconds }, this.deps.redact);
    if (err.kind !== 'cancelled') this.deps.logger.warn(this.deps.redact(`messages ${req.model}: ${err.kind}: ${err.message}`));
    return err;
  }
}

function describeForm(form: ThinkingForm): string {
  return form === 'adaptive' ? 'adaptive' : 'budget_tokens';
}
