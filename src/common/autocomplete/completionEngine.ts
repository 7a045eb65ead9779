// What happens between "the editor asks for a completion" and "a completion is offered", free of the editor API so
// the same logic runs in the extension, in unit tests with fake timers and in the bench against the emulator:
// the prefix cache first, then the debounce, then the rate gate, then one request through the turn engine, whose
// answer is cleaned and cached. A newer ask aborts the older one at once, which closes its HTTP request.
import { isMantleError } from '../mantle/errors';
import type { TurnResult } from '../mantle/types';
import { PrefixCache } from './cache';
import { cleanCompletion } from './clean';
import type { CompletionTurnRequest } from './completionTurn';
import { debounce, realTimers, type Timers } from './debounce';
import { buildCompletionPrompt, type CompletionMode, type HoleContext } from './prompt';
import { RateGate } from './rateGate';

export interface CompletionAsk extends Omit<HoleContext, 'mode'> {
  /** The document the cursor is in (its URI): the cache's scope. */
  scope: string;
}

export interface OfferedCompletion {
  text: string;
  replacesRestOfLine: boolean;
  source: 'cache' | 'model';
}

export interface EngineOptions {
  model(): string;
  mode(): CompletionMode;
  debounceMs(): number;
  maxRequestsPerMinute(): number;
  /** Sends the request: completionTurn.requestCompletion bound to the turn engine (a fake in unit tests). */
  send(req: CompletionTurnRequest, signal: AbortSignal, onFirstToken: () => void): Promise<TurnResult>;
  now?(): number;
  timers?: Timers;
  log?(level: 'debug' | 'warn', message: string): void;
  /** The status bar: a request is out, or the last one ended (with its latency when it got an answer). */
  onStatus?(status: EngineStatus): void;
}

export type EngineStatus =
  | { kind: 'thinking' }
  | { kind: 'idle'; lastLatencyMs?: number }
  | { kind: 'backoff'; untilMs: number }
  | { kind: 'error'; message: string };

/** Counters the bench and the tests read. */
export interface EngineStats {
  asked: number;
  fromCache: number;
  sent: number;
  completed: number;
  /** Requests aborted after they were sent (their HTTP request was closed). */
  cancelled: number;
  failed: number;
  skippedByGate: number;
  /** Per answered request: ms from the first bytes of the answer to the completion being offered. */
  firstTokenToOfferMs: number[];
  lastLatencyMs?: number;
}

export class CompletionEngine {
  readonly cache = new PrefixCache();
  readonly gate: RateGate;
  readonly stats: EngineStats = { asked: 0, fromCache: 0, sent: 0, completed: 0, cancelled: 0, failed: 0, skippedByGate: 0, firstTokenToOfferMs: [] };
  private inFlight: AbortController | undefined;
  private readonly now: () => number;
  private readonly timers: Timers;

  constructor(private readonly opts: EngineOptions) {
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? realTimers;
    this.gate = new RateGate(opts.maxRequestsPerMinute, this.now);
  }

  /** The completion for this cursor position, or undefined (nothing useful, superseded, blocked or failed). */
  async complete(ask: CompletionAsk, signal: AbortSignal): Promise<OfferedCompletion | undefined> {
    this.stats.asked++;
    // A newer ask supersedes the pending one, even if the editor has not cancelled it yet.
    this.inFlight?.abort();
    const mine = new AbortController();
    this.inFlight = mine;
    const onAbort = () => mine.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) mine.abort();
    try {
      const cached = this.cache.get(ask.scope, ask.prefix);
      if (cached !== undefined) {
        this.stats.fromCache++;
        return { text: cached, replacesRestOfLine: false, source: 'cache' };
      }
      if (!(await debounce(this.opts.debounceMs(), mine.signal, this.timers))) return undefined;
      const gate = this.gate.check();
      if (!gate.ok) {
        this.stats.skippedByGate++;
        this.opts.log?.('debug', `Autocomplete: no request (${gate.reason === 'cap' ? 'the per-minute cap is reached' : 'backing off after a 429'}; ${Math.ceil(gate.retryInMs / 1000)} s to go)`);
        return undefined;
      }
      return await this.ask(ask, mine.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.inFlight === mine) this.inFlight = undefined;
    }
  }

  private async ask(ask: CompletionAsk, signal: AbortSignal): Promise<OfferedCompletion | undefined> {
    const mode = this.opts.mode();
    const model = this.opts.model();
    const prompt = buildCompletionPrompt({ ...ask, mode });
    const bytes = prompt.messages.reduce((n, m) => n + m.content.length, 0);
    const sentAt = this.now();
    let firstTokenAt: number | undefined;
    this.gate.recordSent();
    this.stats.sent++;
    this.opts.onStatus?.({ kind: 'thinking' });
    try {
      const result = await this.opts.send(
        { model, messages: prompt.messages, maxOutputTokens: prompt.maxOutputTokens }, signal, () => { firstTokenAt = this.now(); },
      );
      this.gate.recordSuccess();
      const cleaned = cleanCompletion({ raw: result.text, prefix: ask.prefix, suffix: ask.suffix, mode });
      const offeredAt = this.now();
      this.stats.completed++;
      this.stats.lastLatencyMs = offeredAt - sentAt;
      if (firstTokenAt !== undefined) this.stats.firstTokenToOfferMs.push(offeredAt - firstTokenAt);
      this.opts.onStatus?.({ kind: 'idle', lastLatencyMs: offeredAt - sentAt });
      // Sizes and timings only: the code itself never reaches the log.
      this.opts.log?.('debug', `Autocomplete: ${model} ${mode}, prompt ${bytes} chars (prefix ${prompt.prefixChars}, suffix ${prompt.suffixChars}), answer ${result.text.length} chars → ${cleaned ? `${cleaned.text.length} offered` : 'nothing useful'}; first token ${firstTokenAt === undefined ? '–' : firstTokenAt - sentAt} ms, total ${offeredAt - sentAt} ms`);
      if (!cleaned) return undefined;
      this.cache.set(ask.scope, ask.prefix, cleaned.text);
      return { ...cleaned, source: 'model' };
    } catch (err) {
      return this.failed(err, signal, this.now() - sentAt);
    }
  }

  private failed(err: unknown, signal: AbortSignal, ms: number): undefined {
    if (signal.aborted || (isMantleError(err) && err.kind === 'cancelled')) {
      this.stats.cancelled++;
      this.opts.onStatus?.({ kind: 'idle', lastLatencyMs: this.stats.lastLatencyMs });
      this.opts.log?.('debug', `Autocomplete: request cancelled after ${ms} ms (the person kept typing)`);
      return undefined;
    }
    this.stats.failed++;
    if (isMantleError(err) && err.kind === 'rateLimited') {
      const wait = this.gate.recordRateLimited();
      this.opts.onStatus?.({ kind: 'backoff', untilMs: this.now() + wait });
      this.opts.log?.('warn', `Autocomplete: Mantle answered 429 (rate limited); no completions for ${Math.round(wait / 1000)} s`);
      return undefined;
    }
    const message = err instanceof Error ? err.message : String(err);
    this.opts.onStatus?.({ kind: 'error', message });
    this.opts.log?.('warn', `Autocomplete: the request failed after ${ms} ms: ${message}`);
    return undefined;
  }

  /** Stops whatever is pending (autocomplete turned off, the extension deactivated). */
  cancelPending(): void {
    this.inFlight?.abort();
  }
}
