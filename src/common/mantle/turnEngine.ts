// The one place a turn meets the wire: it asks the router where the model answers (path prefix + API), streams through
// the client for that API, reports the answer back so the router learns (a route or API refusal teaches the next
// route, a success confirms it), measures time to first token, honours cancellation and hands back one outcome with a
// TurnError. Chat, compare, the editor commands, the language-model provider and Test Connection all run their
// requests through executeTurn and keep only what is their own around it (chat: history recovery and the thread;
// compare: repeats).
//
// The seams: `routes.plan()` is the model router (common/models/router.ts), and `clientFor(api)` gives the client
// that speaks one API. The Mantle client speaks chat and responses, the Anthropic Messages client 'messages'
// (container.ts). An engine without a Messages client (tests) fails a Claude model with CLAUDE_NOT_SUPPORTED_YET.
import { isMantleError, MantleError, toTurnError, type TurnError } from './errors';
import type { ApiKind, Route, RoutePrefix, TurnEvent, TurnRequest, TurnResult } from './types';
import type { RouteOutcome, RouteStep } from '../models/router';

/** Anything that can stream one turn: the Mantle client, a test double, the Anthropic Messages client. */
export interface TurnStreamer {
  streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult>;
}

/** One request's routing (ModelRouter.plan): next() says what to try, report() what came back. */
export interface RoutePlanLike {
  next(): RouteStep;
  report(outcome: RouteOutcome): RouteStep;
}

export interface RoutePlanner {
  /** Plans one request for `model`, using only the APIs in `accept`, most preferred first. */
  plan(model: string, accept: readonly ApiKind[]): RoutePlanLike;
}

export interface TurnEngine {
  routes: RoutePlanner;
  clientFor(api: ApiKind): TurnStreamer;
  /** The route family a model answers on now (stored responses of a background turn are fetched there). */
  prefixFor?(model: string): RoutePrefix;
  now?(): number;
  log?(level: 'info' | 'warn', message: string): void;
}

/** Conversations the server can chain (chat threads, compare columns to continue in chat): Responses first. */
export const PREFER_RESPONSES: readonly ApiKind[] = ['responses', 'chat', 'messages'];
/** Stateless requests (editor commands, language-model provider, Test Connection): Chat Completions first. */
export const PREFER_CHAT: readonly ApiKind[] = ['chat', 'responses', 'messages'];

export const CLAUDE_NOT_SUPPORTED_YET = 'Claude models answer only the Anthropic Messages API, which this version of the extension does not support yet. Pick another model.';

/** The stand-in for an API that has no client registered: every request fails with a clear, non-retryable error. */
export function unsupportedApiClient(api: ApiKind): TurnStreamer {
  return {
    streamTurn: () => Promise.reject(new MantleError({
      kind: 'unsupportedApi',
      message: api === 'messages' ? CLAUDE_NOT_SUPPORTED_YET : `This extension has no client for the ${apiName(api)} API.`,
      actions: ['showLogs'],
    })),
  };
}

/** The engine over a router and one client per API; an API without a client fails with unsupportedApiClient. */
export function routedEngine(
  routes: RoutePlanner,
  clients: Partial<Record<ApiKind, TurnStreamer>>,
  log?: TurnEngine['log'],
): TurnEngine {
  return {
    routes,
    clientFor: (api) => clients[api] ?? unsupportedApiClient(api),
    ...(log ? { log } : {}),
  };
}

/**
 * A planner for a client that knows one route family (/v1) and each model's preferred API from `apiFor`: Responses
 * falls back to Chat Completions when refused. For test doubles and callers without a router; the product uses
 * ModelRouter.
 */
export function fixedRoutes(apiFor: (model: string) => ApiKind): RoutePlanner {
  return {
    plan: (model, accept) => {
      const preferred = apiFor(model);
      const order = (preferred === 'responses' ? ['responses', 'chat'] : [preferred]) as ApiKind[];
      const queue: Route[] = order.filter((a) => accept.includes(a)).map((api) => ({ prefix: '/v1', api }));
      const tried: Route[] = [];
      let done: RouteStep | undefined;
      const next = (): RouteStep => {
        if (done) return done;
        const route = queue[0];
        if (!route) return (done = { kind: 'giveUp', reason: tried.length ? 'exhausted' : 'noAcceptedApi', tried: [...tried] });
        return { kind: 'try', route };
      };
      return {
        next,
        report: (outcome) => {
          const route = queue.shift();
          if (route) tried.push(route);
          if (outcome.kind === 'ok' && route) return (done = { kind: 'done', route });
          if (outcome.kind !== 'apiError' && outcome.kind !== 'routeError') return (done = { kind: 'giveUp', reason: 'notARouteProblem', tried: [...tried] });
          return next();
        },
      };
    },
  };
}

/** The engine over one client that speaks chat and responses on /v1, each model's preferred API from `apiFor`. */
export function singleClientEngine(client: TurnStreamer, apiFor: (model: string) => ApiKind, log?: TurnEngine['log']): TurnEngine {
  return routedEngine(fixedRoutes(apiFor), { chat: client, responses: client }, log);
}

export interface TurnSpec {
  model: string;
  /** The request for `api`; called again when the router moves to another API, so each API gets only its own fields. */
  build(api: ApiKind): TurnRequest;
  /** The APIs the caller can build, most preferred first (default PREFER_RESPONSES). */
  accept?: readonly ApiKind[];
  signal?: AbortSignal;
  /**
   * A request is about to go out on `route`; `refused` is the error of the attempt before it, if any (the same API on
   * another prefix, or another API).
   */
  onAttempt?(api: ApiKind, refused?: TurnError, route?: Route): void;
  onEvent?(e: TurnEvent): void;
  /** The first reasoning or answer text of the attempt arrived, `ms` after the request went out. */
  onFirstToken?(ms: number): void;
}

export type TurnOutcome =
  | { ok: true; result: TurnResult; api: ApiKind; route: Route; fellBack: boolean }
  /** `cause` is what was thrown, for callers that pass it on (the language-model provider maps it to its own type). */
  | { ok: false; error: TurnError; cause: unknown; api: ApiKind; route?: Route; fellBack: boolean };

/** Responses-only fields mean nothing to the other APIs: the same request, asked through `api`. */
export function requestForApi(req: TurnRequest, api: ApiKind): TurnRequest {
  if (api === 'responses') return { ...req, api };
  const { previousResponseId: _chain, store: _store, background: _background, ...rest } = req;
  return { ...rest, api };
}

/** What a failed attempt says about routing: only the route/API refusals of PROTOCOL-2026-12 §1.5 rows A–E and C′. */
export function routeOutcomeOf(cause: unknown): RouteOutcome {
  return isMantleError(cause) && cause.routeFact ? { kind: cause.routeFact } : { kind: 'other' };
}

/** Runs one turn through the router. Never rejects for a failed request: the failure is the outcome's TurnError. */
export async function executeTurn(engine: TurnEngine, spec: TurnSpec): Promise<TurnOutcome> {
  const accept = spec.accept ?? PREFER_RESPONSES;
  const now = engine.now ?? Date.now;
  const plan = engine.routes.plan(spec.model, accept);
  let step = plan.next();
  let refused: TurnError | undefined;
  let last: { error: TurnError; cause: unknown; route: Route } | undefined;
  let firstApi: ApiKind | undefined;
  while (step.kind === 'try') {
    const route = step.route;
    firstApi ??= route.api;
    const fellBack = route.api !== firstApi;
    spec.onAttempt?.(route.api, refused, route);
    const sentAt = now();
    let first = true;
    try {
      const result = await engine.clientFor(route.api).streamTurn({ ...spec.build(route.api), route }, (e) => {
        if (first && e.kind !== 'started') { first = false; spec.onFirstToken?.(now() - sentAt); }
        spec.onEvent?.(e);
      }, spec.signal);
      plan.report({ kind: 'ok' });
      return { ok: true, result, api: route.api, route, fellBack };
    } catch (cause) {
      const error = toTurnError(cause, spec.signal);
      if (spec.signal?.aborted || error.kind === 'cancelled') return { ok: false, error, cause, api: route.api, route, fellBack };
      const outcome = routeOutcomeOf(cause);
      step = plan.report(outcome);
      last = { error, cause, route };
      if (step.kind === 'try') {
        engine.log?.('warn', `${spec.model} refused ${describeRoute(route)} (${outcome.kind}): asking ${describeRoute(step.route)}`);
        refused = error;
      }
    }
  }
  if (last) return { ok: false, error: last.error, cause: last.cause, api: last.route.api, route: last.route, fellBack: last.route.api !== firstApi };
  // Nothing was tried: no route offers an API this caller can build.
  const cause = new MantleError({
    kind: 'unsupportedApi',
    message: `'${spec.model}' is not offered through an API this feature can use (${accept.map(apiName).join(', ')}).`,
    actions: ['showLogs'],
  });
  return { ok: false, error: toTurnError(cause), cause, api: accept[0] ?? 'chat', fellBack: false };
}

export function apiName(api: ApiKind): string {
  switch (api) {
    case 'responses': return 'Responses';
    case 'chat': return 'Chat Completions';
    case 'messages': return 'Anthropic Messages';
  }
}

function describeRoute(r: Route): string {
  return `${apiName(r.api)} on ${r.prefix}`;
}

/**
 * One stateless turn (the caller sends the whole conversation every time, so nothing is lost by switching API):
 * built for the first API the router picks and rewritten by requestForApi after a move. Resolves with the result or
 * rejects with what the client threw, for callers that report errors their own way (language-model provider,
 * @mantle, editor commands).
 */
export async function streamStateless(
  engine: TurnEngine,
  model: string,
  build: (api: ApiKind) => TurnRequest,
  onEvent: (e: TurnEvent) => void,
  signal?: AbortSignal,
  accept: readonly ApiKind[] = PREFER_CHAT,
): Promise<TurnResult> {
  let first: TurnRequest | undefined;
  const outcome = await executeTurn(engine, {
    model, accept, signal, onEvent,
    build: (api) => {
      first ??= build(api);
      return api === first.api ? first : requestForApi(first, api);
    },
  });
  if (outcome.ok) return outcome.result;
  throw outcome.cause;
}
