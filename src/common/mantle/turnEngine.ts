// The one place a turn meets the wire: it picks the API from the model's route, streams, falls back when the model
// refuses that API, measures time to first token, honours cancellation and hands back one outcome with a TurnError.
// Chat, compare, the editor commands and the language-model provider all run their requests through executeTurn and
// keep only what is their own around it (chat: history recovery and the thread; compare: repeats).
//
// The seam for what comes next: routeFor() says which APIs a model takes, in order of preference (a later model
// router adds path prefixes and per-model API sets there), and clientFor() gives the client that speaks one API (an
// Anthropic Messages client plugs in there). Today one Mantle client speaks both APIs.
import { toTurnError, type TurnError } from './errors';
import type { ApiKind, TurnEvent, TurnRequest, TurnResult } from './types';

/** Anything that can stream one turn: the Mantle client, a test double, a future client for another API. */
export interface TurnStreamer {
  streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult>;
}

/** The APIs a model is asked through, most preferred first; a later one is used only when an earlier one is refused. */
export interface ModelRoute {
  apis: readonly [ApiKind, ...ApiKind[]];
}

export interface TurnEngine {
  routeFor(model: string): ModelRoute;
  clientFor(api: ApiKind): TurnStreamer;
  now?(): number;
  log?(level: 'info' | 'warn', message: string): void;
}

/**
 * Today's rule: a model that takes the Responses API falls back to Chat Completions when Mantle refuses Responses
 * (the capability learned from that answer sends the next turn to Chat directly); a Chat-only model has no fallback.
 */
export function routeForApi(api: ApiKind): ModelRoute {
  return api === 'responses' ? { apis: ['responses', 'chat'] } : { apis: ['chat'] };
}

/** The engine over one client that speaks every API, with each model's preferred API from `apiFor`. */
export function singleClientEngine(client: TurnStreamer, apiFor: (model: string) => ApiKind, log?: TurnEngine['log']): TurnEngine {
  return { routeFor: (model) => routeForApi(apiFor(model)), clientFor: () => client, ...(log ? { log } : {}) };
}

export interface TurnSpec {
  model: string;
  /** The request for `api`; called again with the next API after a fallback, so each API gets only its own fields. */
  build(api: ApiKind): TurnRequest;
  /** Overrides the model's route (the editor commands always use Chat Completions). */
  route?: ModelRoute;
  signal?: AbortSignal;
  /** A request is about to go out on `api`; `refused` is the error of the API that was tried before it, if any. */
  onAttempt?(api: ApiKind, refused?: TurnError): void;
  onEvent?(e: TurnEvent): void;
  /** The first reasoning or answer text of the attempt arrived, `ms` after the request went out. */
  onFirstToken?(ms: number): void;
}

export type TurnOutcome =
  | { ok: true; result: TurnResult; api: ApiKind; fellBack: boolean }
  /** `cause` is what was thrown, for callers that pass it on (the language-model provider maps it to its own type). */
  | { ok: false; error: TurnError; cause: unknown; api: ApiKind; fellBack: boolean };

/** Responses-only fields mean nothing to Chat Completions: the same request, asked through `api`. */
export function requestForApi(req: TurnRequest, api: ApiKind): TurnRequest {
  if (api === 'responses') return { ...req, api };
  const { previousResponseId: _chain, store: _store, background: _background, ...rest } = req;
  return { ...rest, api };
}

/** Runs one turn through its route. Never rejects for a failed request: the failure is the outcome's TurnError. */
export async function executeTurn(engine: TurnEngine, spec: TurnSpec): Promise<TurnOutcome> {
  const apis = (spec.route ?? engine.routeFor(spec.model)).apis;
  const now = engine.now ?? Date.now;
  let refused: TurnError | undefined;
  for (let i = 0; ; i++) {
    const api = apis[i] ?? apis[0];
    const fellBack = i > 0;
    spec.onAttempt?.(api, refused);
    const sentAt = now();
    let first = true;
    try {
      const result = await engine.clientFor(api).streamTurn(spec.build(api), (e) => {
        if (first && e.kind !== 'started') { first = false; spec.onFirstToken?.(now() - sentAt); }
        spec.onEvent?.(e);
      }, spec.signal);
      return { ok: true, result, api, fellBack };
    } catch (cause) {
      const error = toTurnError(cause, spec.signal);
      const next = apis[i + 1];
      if (error.kind === 'unsupportedApi' && next && !spec.signal?.aborted) {
        engine.log?.('warn', `${spec.model} refused the ${apiName(api)} API: asking it through ${apiName(next)}`);
        refused = error;
        continue;
      }
      return { ok: false, error, cause, api, fellBack };
    }
  }
}

function apiName(api: ApiKind): string {
  return api === 'responses' ? 'Responses' : 'Chat Completions';
}

/**
 * One stateless turn (the caller sends the whole conversation every time, so nothing is lost by switching API):
 * built for the model's preferred API and rewritten by requestForApi after a fallback. Resolves with the result or
 * rejects with what the client threw, for callers that report errors their own way (language-model provider,
 * @mantle, editor commands).
 */
export async function streamStateless(
  engine: TurnEngine,
  model: string,
  build: (api: ApiKind) => TurnRequest,
  onEvent: (e: TurnEvent) => void,
  signal?: AbortSignal,
  route: ModelRoute = engine.routeFor(model),
): Promise<TurnResult> {
  const first = build(route.apis[0]);
  const outcome = await executeTurn(engine, {
    model, route, signal, onEvent,
    build: (api) => (api === first.api ? first : requestForApi(first, api)),
  });
  if (outcome.ok) return outcome.result;
  throw outcome.cause;
}
