// The comparison runner: one prompt to several models at once, each through the API it supports, each repeated N
// times in sequence (so its own runs never compete with each other for the model). Models are isolated: a model that
// fails records its error and stops its own repeats, the others carry on. One AbortController per comparison, so a
// single Stop cancels every request still open. Pure TypeScript over the MantleApi contract (no 'vscode').
import type { TurnError } from '../mantle/errors';
import { executeTurn, PREFER_RESPONSES, singleClientEngine, type TurnEngine, type TurnStreamer } from '../mantle/turnEngine';
import type { ApiKind, ReasoningEffort, TurnEvent, TurnRequest, TurnResult } from '../mantle/types';
import { effortFor } from '../models/reasoningEfforts';

export const MIN_COMPARE_MODELS = 2;
export const MAX_COMPARE_MODELS = 6;
/** The choices offered for repeat runs; the runner accepts any count from 1 to MAX_COMPARE_RUNS. */
export const RUN_CHOICES = [1, 3, 5] as const;
export const MAX_COMPARE_RUNS = 10;

export interface CompareRequest {
  models: string[];
  prompt: string;
  /** How many times each model is asked (≥ 1). */
  runs: number;
  /** Responses only: keep the responses on the server (bedrockMantle.chat.store), so a column can continue in chat. */
  store: boolean;
  effort?: ReasoningEffort;
}

export interface FanOutEnv {
  mantle: TurnStreamer;
  /** The API the model takes, for an env without `turns` (test doubles on one route family). */
  apiFor(model: string): ApiKind;
  /** The product's turn engine (container.turns: the model router and one client per API). */
  turns?: TurnEngine;
  log?(level: 'info' | 'warn', message: string): void;
}

export type RunOutcome =
  | { ok: true; result: TurnResult; fellBack: boolean }
  | { ok: false; cancelled: boolean; error?: TurnError; fellBack: boolean };

export interface FanOutHooks {
  /** A request is about to go out for `run` (0-based) of model `column`; after a fallback it is called again. */
  onRunStart(column: number, run: number, api: ApiKind): void;
  onEvent(column: number, run: number, event: TurnEvent): void;
  /** The run's first reasoning or answer text arrived `ms` after its request went out. */
  onFirstToken?(column: number, run: number, ms: number): void;
  onRunEnd(column: number, run: number, outcome: RunOutcome): void;
}

export interface RunningComparison {
  /** Aborts every open request of this comparison; no further repeats start. */
  stop(): void;
  readonly signal: AbortSignal;
  /** Settles when every model has finished, failed or been stopped. Never rejects. */
  readonly done: Promise<void>;
}

/** Counts outside 1…MAX_COMPARE_RUNS (or not whole numbers) are clamped, so a webview cannot ask for 10,000 runs. */
export function clampRuns(runs: number): number {
  if (!Number.isFinite(runs)) return 1;
  return Math.min(MAX_COMPARE_RUNS, Math.max(1, Math.round(runs)));
}

/** Calls a hook without letting a throwing listener take down the model's run (or anyone else's). */
function quietly(fn: () => void): void {
  try { fn(); } catch { /* a display problem must not end the comparison */ }
}

export function buildRequest(req: CompareRequest, model: string, api: ApiKind): TurnRequest {
  return {
    model,
    api,
    messages: [{ role: 'user', content: req.prompt }],
    ...(api === 'responses' ? { store: req.store } : {}),
    ...(req.effort ? { reasoningEffort: effortFor(model, req.effort) } : {}),
  };
}

async function runModel(env: FanOutEnv, req: CompareRequest, column: number, hooks: FanOutHooks, signal: AbortSignal): Promise<void> {
  const model = req.models[column] ?? '';
  const engine = env.turns ?? singleClientEngine(env.mantle, (m) => env.apiFor(m), env.log && ((level, message) => env.log?.(level, `Compare: ${message}`)));
  let fellBack = false;
  for (let run = 0; run < req.runs && !signal.aborted; run++) {
    // Responses first (a stored column can continue in chat); the router moves a model that refuses it to what it
    // answers, and remembers, so later runs go there directly. onRunStart is called per request.
    const outcome = await executeTurn(engine, {
      model,
      accept: PREFER_RESPONSES,
      signal,
      build: (api) => buildRequest(req, model, api),
      onAttempt: (api) => quietly(() => hooks.onRunStart(column, run, api)),
      onEvent: (e) => quietly(() => hooks.onEvent(column, run, e)),
      onFirstToken: (ms) => quietly(() => hooks.onFirstToken?.(column, run, ms)),
    });
    if (outcome.fellBack) fellBack = true;
    if (outcome.ok) {
      quietly(() => hooks.onRunEnd(column, run, { ok: true, result: outcome.result, fellBack }));
      continue;
    }
    const { error } = outcome;
    const cancelled = signal.aborted || error.kind === 'cancelled';
    quietly(() => hooks.onRunEnd(column, run, cancelled ? { ok: false, cancelled, fellBack } : { ok: false, cancelled, error, fellBack }));
    if (!cancelled) env.log?.('warn', `Compare: ${model} run ${run + 1} failed (${error.kind}): ${error.message}`);
    // A failure usually repeats (auth, model not offered, quota): this model stops, the others carry on.
    return;
  }
}

/** Starts the comparison: every model at once, each one's runs in sequence. */
export function startComparison(env: FanOutEnv, req: CompareRequest, hooks: FanOutHooks): RunningComparison {
  const controller = new AbortController();
  const request = { ...req, runs: clampRuns(req.runs) };
  env.log?.('info', `Compare: ${request.models.length} models × ${request.runs} run(s)`);
  const done = Promise.all(request.models.map((_, column) => runModel(env, request, column, hooks, controller.signal).catch(() => undefined)))
    .then(() => undefined);
  return { stop: () => controller.abort(), signal: controller.signal, done };
}
