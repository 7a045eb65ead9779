// The model router: for one model on one endpoint, which route family (/v1, /openai/v1, /anthropic/v1) and which API
// (chat, responses, messages) to call. The shipped catalogue is the first hint, the model's id family the second;
// what the server answers refines both and is remembered per Region+endpoint:
// - a route error ("model `X` isn't supported on this route") means the model lives on the other prefix;
// - an API error ("The model 'X' does not support the '<path>' API") means that API is not offered there;
// - the 401 "Berm is not enabled for this account" on a prefix counts as a route error, once per model;
// - a success confirms the pair.
// A plan never tries the same (prefix, API) twice, so it cannot loop: it says what to try next or gives up.
// Pure: no 'vscode', no Node-only imports; the state is plain JSON behind KeyValueStore.

import type { KeyValueStore } from './capabilities';
import type { Route } from '../mantle/types';
import { MODEL_CATALOG, type CatalogEntry, type ModelApi, type RoutePrefix } from './catalog';

export type Endpoint = 'mantle' | 'runtime';

export type { Route };

/** Where a route hint came from; 'learned' wins over everything. */
export type RouteSource = 'learned' | 'catalog' | 'family' | 'default';

interface Hint {
  prefix: RoutePrefix;
  apis: readonly ModelApi[];
  source: Exclude<RouteSource, 'learned'>;
}

/** What the server's answer to one attempt says about routing. */
export type RouteOutcome =
  | { kind: 'ok' }
  | { kind: 'routeError' }
  | { kind: 'apiError' }
  | { kind: 'berm' }
  /** Anything else (unknown model, 429, 5xx, network, auth): not a routing fact; the caller reports it. */
  | { kind: 'other' };

export type GiveUpReason =
  /** Nothing known or hinted offers an API the caller can use (e.g. Claude for a chat-only caller). */
  | 'noAcceptedApi'
  /** Every candidate route was refused. */
  | 'exhausted'
  /** A second Berm 401: an account problem, not a route. */
  | 'berm'
  /** The last answer was not a routing fact; surface the error. */
  | 'notARouteProblem';

export type RouteStep =
  | { kind: 'try'; route: Route }
  | { kind: 'done'; route: Route }
  | { kind: 'giveUp'; reason: GiveUpReason; tried: Route[] };

/** What one Region+endpoint has taught about one model. Pairs are written "prefix api", e.g. "/openai/v1 responses". */
export interface LearnedRoutes {
  ok?: string[];
  refusedApi?: string[];
  refusedPrefix?: RoutePrefix[];
  /** The Berm 401 was already taken as a route error for this model. */
  berm?: true;
}

/** { [scope]: { [modelId]: LearnedRoutes } }, the scope being Region+endpoint. */
export type RouterState = Record<string, Record<string, LearnedRoutes>>;

const PREFIXES: readonly RoutePrefix[] = ['/v1', '/openai/v1', '/anthropic/v1'];
const APIS: readonly ModelApi[] = ['chat', 'responses', 'messages'];
/** At most this many requests per plan (there are only five valid pairs, and no plan needs more than three). */
export const MAX_ATTEMPTS = 4;

const pairKey = (r: Route): string => `${r.prefix} ${r.api}`;

/** Which API a route family can serve at all. */
export function prefixServes(prefix: RoutePrefix, api: ModelApi): boolean {
  return prefix === '/anthropic/v1' ? api === 'messages' : api !== 'messages';
}

/** The prefixes an endpoint offers: bedrock-runtime has no /v1 family (its OpenAI APIs live under /openai/v1). */
export function prefixesOf(endpoint: Endpoint): readonly RoutePrefix[] {
  return endpoint === 'runtime' ? ['/openai/v1', '/anthropic/v1'] : PREFIXES;
}

/**
 * The id families of the December 2026 addendum (§1.3), for models the catalogue does not list: GPT-5.x answer
 * Responses only on /openai/v1; GPT-6.x, Grok and Gemma 4 both APIs there; Claude Messages; everything else the /v1
 * family with Chat Completions.
 */
export function familyHint(modelId: string): Hint {
  if (/^openai\.gpt-5(\.|-|$)/.test(modelId)) return { prefix: '/openai/v1', apis: ['responses'], source: 'family' };
  if (/^openai\.gpt-oss-safeguard-/.test(modelId)) return { prefix: '/v1', apis: ['chat'], source: 'family' };
  if (/^openai\.gpt-oss-/.test(modelId)) return { prefix: '/v1', apis: ['chat', 'responses'], source: 'family' };
  if (/^(openai\.gpt-(6|daybreak)|xai\.|google\.gemma-4)/.test(modelId)) return { prefix: '/openai/v1', apis: ['chat', 'responses'], source: 'family' };
  if (modelId.startsWith('anthropic.')) return { prefix: '/anthropic/v1', apis: ['messages'], source: 'family' };
  return { prefix: '/v1', apis: ['chat'], source: 'default' };
}

function catalogHint(entry: CatalogEntry | undefined): Hint | undefined {
  return entry ? { prefix: entry.path, apis: entry.apis, source: 'catalog' } : undefined;
}

function cleanLearned(raw: unknown): LearnedRoutes | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const isPair = (v: unknown): v is string => {
    if (typeof v !== 'string') return false;
    const [prefix, api] = v.split(' ');
    return PREFIXES.includes(prefix as RoutePrefix) && APIS.includes(api as ModelApi);
  };
  const pairs = (v: unknown): string[] | undefined => (Array.isArray(v) ? [...new Set(v.filter(isPair))] : undefined);
  const out: LearnedRoutes = {};
  const ok = pairs(r.ok);
  const refusedApi = pairs(r.refusedApi);
  const refusedPrefix = Array.isArray(r.refusedPrefix) ? r.refusedPrefix.filter((p): p is RoutePrefix => PREFIXES.includes(p as RoutePrefix)) : undefined;
  if (ok?.length) out.ok = ok;
  if (refusedApi?.length) out.refusedApi = refusedApi;
  if (refusedPrefix?.length) out.refusedPrefix = [...new Set(refusedPrefix)];
  if (r.berm === true) out.berm = true;
  return out;
}

/** Accepts only the shape this version writes: stored state outlives versions of the extension. */
export function parseRouterState(raw: unknown): RouterState {
  const out: RouterState = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  for (const [scope, models] of Object.entries(raw as Record<string, unknown>)) {
    if (!models || typeof models !== 'object' || Array.isArray(models)) continue;
    const clean: Record<string, LearnedRoutes> = {};
    for (const [id, learned] of Object.entries(models as Record<string, unknown>)) {
      const l = cleanLearned(learned);
      if (l) clean[id] = l;
    }
    out[scope] = clean;
  }
  return out;
}

/** How the tree should describe a set of APIs. */
export function apiLabel(apis: readonly ModelApi[]): string {
  const chat = apis.includes('chat');
  const responses = apis.includes('responses');
  if (responses && chat) return 'Responses + Chat';
  if (responses) return 'Responses only';
  if (chat) return 'Chat only';
  if (apis.includes('messages')) return 'Messages';
  return 'unknown API';
}

export interface ModelRouteView {
  prefix: RoutePrefix;
  /** APIs known or hinted to work there, learned refusals removed. */
  apis: ModelApi[];
  source: RouteSource;
}

export interface RouterOptions {
  storage?: KeyValueStore;
  /** Defaults to the shipped MODEL_CATALOG; tests pass a deliberately wrong one. */
  catalog?: readonly CatalogEntry[];
}

export class ModelRouter {
  static readonly KEY = 'bedrockMantle.models.learnedRoutes';
  private state: RouterState;
  private readonly catalog: Map<string, CatalogEntry>;
  private writes: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(scope: string, modelId: string) => void>();

  constructor(private readonly opts: RouterOptions = {}) {
    this.state = parseRouterState(opts.storage?.get<unknown>(ModelRouter.KEY));
    this.catalog = new Map((opts.catalog ?? MODEL_CATALOG).map((e) => [e.id, e]));
  }

  /** Fires after an answer taught something new (the Models tree redraws at once). */
  onDidLearn(listener: (scope: string, modelId: string) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A copy of everything learned, as stored. */
  snapshot(): RouterState {
    return JSON.parse(JSON.stringify(this.state)) as RouterState;
  }

  /** Resolves when every learned fact so far has reached the storage. */
  saved(): Promise<void> {
    return this.writes;
  }

  learned(scope: string, modelId: string): LearnedRoutes {
    return this.state[scope]?.[modelId] ?? {};
  }

  /** Hints in the order they are trusted, skipping any whose prefix the server refused or the endpoint lacks. */
  private hints(scope: string, modelId: string, endpoint: Endpoint): Hint[] {
    const refused = this.learned(scope, modelId).refusedPrefix ?? [];
    const offered = prefixesOf(endpoint);
    const all = [catalogHint(this.catalog.get(modelId)), familyHint(modelId)].filter((h): h is Hint => h !== undefined);
    return all
      .map((h) => (endpoint === 'runtime' && h.prefix === '/v1' ? { ...h, prefix: '/openai/v1' as const } : h))
      .filter((h) => offered.includes(h.prefix) && !refused.includes(h.prefix));
  }

  private usable(scope: string, modelId: string, route: Route, endpoint: Endpoint): boolean {
    const l = this.learned(scope, modelId);
    return prefixServes(route.prefix, route.api)
      && prefixesOf(endpoint).includes(route.prefix)
      && !(l.refusedPrefix ?? []).includes(route.prefix)
      && !(l.refusedApi ?? []).includes(pairKey(route));
  }

  /** What the tree should show for a model: learned pairs first, else the first hint still standing. */
  view(scope: string, modelId: string, endpoint: Endpoint = 'mantle'): ModelRouteView {
    const l = this.learned(scope, modelId);
    const ok = (l.ok ?? []).map((k) => k.split(' ') as [RoutePrefix, ModelApi]).filter(([prefix]) => prefixesOf(endpoint).includes(prefix));
    if (ok.length) {
      const prefix = ok[0][0];
      const hinted = this.hints(scope, modelId, endpoint).find((h) => h.prefix === prefix)?.apis ?? [];
      const apis = APIS.filter((api) => ok.some(([p, a]) => p === prefix && a === api)
        || (hinted.includes(api) && this.usable(scope, modelId, { prefix, api }, endpoint)));
      return { prefix, apis, source: 'learned' };
    }
    const hint = this.hints(scope, modelId, endpoint)[0];
    if (!hint) return { prefix: '/v1', apis: [], source: 'learned' };
    const apis = hint.apis.filter((api) => this.usable(scope, modelId, { prefix: hint.prefix, api }, endpoint));
    const changed = apis.length !== hint.apis.length || (l.refusedPrefix?.length ?? 0) > 0;
    return { prefix: hint.prefix, apis, source: changed ? 'learned' : hint.source };
  }

  /**
   * The routes to try for one request, best first: the prefix that worked, then each hint's pairs in the caller's order
   * of preference, then the remaining pairs on the hinted prefix and on the other OpenAI-shaped prefix.
   */
  candidates(scope: string, modelId: string, accept: readonly ModelApi[], endpoint: Endpoint = 'mantle'): Route[] {
    const l = this.learned(scope, modelId);
    const out: Route[] = [];
    const add = (r: Route): void => {
      if (accept.includes(r.api) && this.usable(scope, modelId, r, endpoint) && !out.some((o) => pairKey(o) === pairKey(r))) out.push(r);
    };
    const hints = this.hints(scope, modelId, endpoint);
    // The prefix that answered comes first (a success keeps only its own prefix's pairs), in the caller's API order
    // over what worked there and what the hints say it serves: a model that once answered chat still gets Responses
    // first for a caller that prefers it.
    const okPrefix = l.ok?.[0]?.split(' ')[0] as RoutePrefix | undefined;
    if (okPrefix) {
      const served = new Set<string>([...(l.ok ?? []).map((k) => k.split(' ')[1]), ...hints.filter((h) => h.prefix === okPrefix).flatMap((h) => h.apis)]);
      for (const api of accept) if (served.has(api)) add({ prefix: okPrefix, api });
    }
    for (const h of hints) for (const api of accept) if (h.apis.includes(api)) add({ prefix: h.prefix, api });
    // Row C: a /openai/v1 model on /v1/responses gets the API-error text. Until /v1 has answered for this model, an API
    // error there may mean "wrong prefix", so the same API is worth one try on /openai/v1 (a route error ends that).
    if (!(l.ok ?? []).some((k) => k.startsWith('/v1 '))) {
      for (const k of l.refusedApi ?? []) if (k.startsWith('/v1 ')) add({ prefix: '/openai/v1', api: k.split(' ')[1] as ModelApi });
    }
    // A sourced hint that offers none of the accepted APIs is believed (e.g. Claude is Messages-only, §1.5 D): no
    // exploring. Only a model nothing is known about is explored, and a hint is dropped once its prefix is refused.
    if (!out.length && hints.some((h) => h.source !== 'default')) return out;
    const explore = [hints[0]?.prefix ?? '/v1', '/v1', '/openai/v1'] as RoutePrefix[];
    for (const prefix of explore) for (const api of accept) add({ prefix, api });
    return out;
  }

  /** Records one answer; resolves to false when nothing new was learned. */
  learn(scope: string, modelId: string, route: Route, outcome: RouteOutcome): boolean {
    if (outcome.kind === 'other') return false;
    const before = JSON.stringify(this.learned(scope, modelId));
    const l: LearnedRoutes = { ...this.learned(scope, modelId) };
    const key = pairKey(route);
    const without = (list: string[] | undefined, k: string): string[] => (list ?? []).filter((x) => x !== k);
    if (outcome.kind === 'ok') {
      l.ok = [key, ...without(l.ok, key)];
      l.refusedApi = without(l.refusedApi, key);
      l.refusedPrefix = (l.refusedPrefix ?? []).filter((p) => p !== route.prefix);
      // A model answers on exactly one route family: what worked elsewhere is stale.
      l.ok = l.ok.filter((k) => k.startsWith(`${route.prefix} `));
    } else if (outcome.kind === 'apiError') {
      l.refusedApi = [...without(l.refusedApi, key), key];
      l.ok = without(l.ok, key);
    } else {
      if (outcome.kind === 'berm') {
        if (l.berm) return false;
        l.berm = true;
      }
      l.refusedPrefix = [...(l.refusedPrefix ?? []).filter((p) => p !== route.prefix), route.prefix];
      l.ok = (l.ok ?? []).filter((k) => !k.startsWith(`${route.prefix} `));
    }
    const clean = cleanLearned(l) ?? {};
    if (JSON.stringify(clean) === before) return false;
    this.state = { ...this.state, [scope]: { ...this.state[scope], [modelId]: clean } };
    const storage = this.opts.storage;
    if (storage) {
      const next = this.snapshot();
      this.writes = this.writes.then(() => storage.update(ModelRouter.KEY, next));
    }
    for (const l of [...this.listeners]) {
      try { l(scope, modelId); } catch { /* a display problem must not stop the turn */ }
    }
    return true;
  }

  /** Forgets what one scope learned (e.g. the person switched accounts). */
  forget(scope: string): void {
    if (!this.state[scope]) return;
    const { [scope]: _dropped, ...rest } = this.state;
    this.state = rest;
    const storage = this.opts.storage;
    if (storage) this.writes = this.writes.then(() => storage.update(ModelRouter.KEY, rest));
  }

  /** One request's worth of routing: call next() for the first route, then report() each answer. */
  plan(scope: string, modelId: string, accept: readonly ModelApi[], endpoint: Endpoint = 'mantle'): RoutePlan {
    return new RoutePlan(this, scope, modelId, accept, endpoint);
  }
}

export class RoutePlan {
  private readonly tried: Route[] = [];
  private current: Route | undefined;
  private finished: RouteStep | undefined;

  constructor(
    private readonly router: ModelRouter,
    readonly scope: string,
    readonly modelId: string,
    readonly accept: readonly ModelApi[],
    readonly endpoint: Endpoint,
  ) {}

  /** The routes tried so far, in order. */
  get attempts(): readonly Route[] {
    return this.tried;
  }

  /** The next route to try, or why to stop. Calling it again without a report() repeats the same answer. */
  next(): RouteStep {
    if (this.finished) return this.finished;
    if (this.current) return { kind: 'try', route: this.current };
    const route = this.tried.length < MAX_ATTEMPTS
      ? this.router.candidates(this.scope, this.modelId, this.accept, this.endpoint).find((r) => !this.tried.some((t) => pairKey(t) === pairKey(r)))
      : undefined;
    if (!route) return this.giveUp(this.tried.length ? 'exhausted' : 'noAcceptedApi');
    this.current = route;
    this.tried.push(route);
    return { kind: 'try', route };
  }

  /** Records the answer to the route next() returned and says what to do now. */
  report(outcome: RouteOutcome): RouteStep {
    const route = this.current;
    if (!route || this.finished) return this.finished ?? this.next();
    this.current = undefined;
    const wasBermTaken = this.router.learned(this.scope, this.modelId).berm === true;
    this.router.learn(this.scope, this.modelId, route, outcome);
    if (outcome.kind === 'ok') return (this.finished = { kind: 'done', route });
    if (outcome.kind === 'other') return this.giveUp('notARouteProblem');
    if (outcome.kind === 'berm' && wasBermTaken) return this.giveUp('berm');
    return this.next();
  }

  private giveUp(reason: GiveUpReason): RouteStep {
    return (this.finished = { kind: 'giveUp', reason, tried: [...this.tried] });
  }
}

/**
 * Reads a Mantle error answer as a routing fact (PROTOCOL-2026-12 §1.5): A/B "isn't supported on this route" → route
 * error; C/D/E "does not support the '<path>' API" → API error; C′ 401 "Berm is not enabled" → berm; anything else → other.
 * Row C is the API-error text for a model on the wrong prefix: the plan copes because it tries the same API on the
 * other prefix before giving up.
 */
export function classifyRouteAnswer(status: number, message: string | undefined): RouteOutcome {
  const text = message ?? '';
  if (status >= 200 && status < 300) return { kind: 'ok' };
  if (status === 400 && /isn't supported on this route/.test(text)) return { kind: 'routeError' };
  if (status === 400 && /does not support the '[^']*' API/.test(text)) return { kind: 'apiError' };
  if (status === 401 && /Berm is not enabled/i.test(text)) return { kind: 'berm' };
  return { kind: 'other' };
}

/** The full path of an API under a prefix. */
export function routePath(route: Route): string {
  switch (route.api) {
    case 'chat': return `${route.prefix}/chat/completions`;
    case 'responses': return `${route.prefix}/responses`;
    case 'messages': return `${route.prefix}/messages`;
  }
}
