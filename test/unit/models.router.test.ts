import { strict as assert } from 'node:assert';
import { MODEL_CATALOG, type CatalogEntry } from '../../src/common/models/catalog';
import {
  MAX_ATTEMPTS, ModelRouter, apiLabel, classifyRouteAnswer, familyHint, parseRouterState, routePath,
  type Route, type RouteOutcome, type RouteStep,
} from '../../src/common/models/router';
import { MapStore } from '../kit/stores';

const SCOPE = 'us-east-1|https://bedrock-mantle.us-east-1.api.aws/v1';
const OK: RouteOutcome = { kind: 'ok' };
const ROUTE: RouteOutcome = { kind: 'routeError' };
const API: RouteOutcome = { kind: 'apiError' };
const BERM: RouteOutcome = { kind: 'berm' };

/** A fake server: which (prefix, api) pairs answer, and what each refusal is. */
type Server = (r: Route) => RouteOutcome;

/** Mantle as the addendum's decision table describes it, for a model on `prefix` serving `apis`. */
function mantle(prefix: Route['prefix'], apis: Route['api'][], opts: { berm?: boolean } = {}): Server {
  return (r) => {
    if (r.prefix !== prefix) {
      if (opts.berm && r.prefix === '/v1' && prefix === '/openai/v1') return BERM;
      // Row C: an /openai/v1 model on /v1/responses gets the API-error text; A/B otherwise.
      if (r.prefix === '/v1' && prefix === '/openai/v1' && r.api === 'responses') return API;
      if (prefix === '/anthropic/v1' || r.prefix === '/anthropic/v1') return API;
      return ROUTE;
    }
    return apis.includes(r.api) ? OK : API;
  };
}

/** Runs one plan to the end against a fake server; returns every route tried and the final step. */
function drive(router: ModelRouter, model: string, accept: Route['api'][], server: Server, endpoint: 'mantle' | 'runtime' = 'mantle'): { tried: string[]; last: RouteStep } {
  const plan = router.plan(SCOPE, model, accept, endpoint);
  const tried: string[] = [];
  let step = plan.next();
  while (step.kind === 'try') {
    tried.push(routePath(step.route));
    assert.ok(tried.length <= MAX_ATTEMPTS, `plan looped: ${tried.join(', ')}`);
    step = plan.report(server(step.route));
  }
  return { tried, last: step };
}

function entry(id: string, path: CatalogEntry['path'], apis: CatalogEntry['apis']): CatalogEntry {
  return { id, vendor: 'OpenAI', kind: 'general', path, apis, responses: apis.includes('responses') };
}

describe('models: router hints', () => {
  it('follows the shipped catalogue for every catalogued model, at no cost', () => {
    const router = new ModelRouter();
    for (const e of MODEL_CATALOG) {
      const accept = [...e.apis];
      const first = router.plan(SCOPE, e.id, accept).next();
      assert.deepEqual(first, { kind: 'try', route: { prefix: e.path, api: e.apis[0] } }, e.id);
      assert.deepEqual(router.view(SCOPE, e.id), { prefix: e.path, apis: [...e.apis], source: 'catalog' }, e.id);
    }
  });

  it('falls back to the id family for models the catalogue does not list', () => {
    assert.deepEqual(familyHint('openai.gpt-5.7-nova'), { prefix: '/openai/v1', apis: ['responses'], source: 'family' });
    assert.deepEqual(familyHint('openai.gpt-6-nova'), { prefix: '/openai/v1', apis: ['chat', 'responses'], source: 'family' });
    assert.deepEqual(familyHint('xai.grok-5'), { prefix: '/openai/v1', apis: ['chat', 'responses'], source: 'family' });
    assert.deepEqual(familyHint('google.gemma-4-9b'), { prefix: '/openai/v1', apis: ['chat', 'responses'], source: 'family' });
    assert.deepEqual(familyHint('google.gemma-3-1b-it'), { prefix: '/v1', apis: ['chat'], source: 'default' });
    assert.deepEqual(familyHint('anthropic.claude-opus-6'), { prefix: '/anthropic/v1', apis: ['messages'], source: 'family' });
    assert.deepEqual(familyHint('openai.gpt-oss-safeguard-300b'), { prefix: '/v1', apis: ['chat'], source: 'family' });
    assert.deepEqual(familyHint('openai.gpt-oss-300b'), { prefix: '/v1', apis: ['chat', 'responses'], source: 'family' });
    assert.deepEqual(familyHint('acme.rocket-7b'), { prefix: '/v1', apis: ['chat'], source: 'default' });
    const router = new ModelRouter({ catalog: [] });
    assert.equal(router.view(SCOPE, 'openai.gpt-5.7-nova').source, 'family');
  });

  it('prefers the caller\'s API order among the hinted APIs', () => {
    const router = new ModelRouter();
    assert.deepEqual(router.candidates(SCOPE, 'xai.grok-4.3', ['responses', 'chat']).slice(0, 2),
      [{ prefix: '/openai/v1', api: 'responses' }, { prefix: '/openai/v1', api: 'chat' }]);
    assert.deepEqual(router.candidates(SCOPE, 'xai.grok-4.3', ['chat', 'responses'])[0], { prefix: '/openai/v1', api: 'chat' });
  });

  it('gives up at once when a sourced hint offers none of the accepted APIs (Claude for a chat caller, GPT-5.5 for chat only)', () => {
    const router = new ModelRouter();
    assert.deepEqual(router.plan(SCOPE, 'anthropic.claude-opus-4-8', ['chat', 'responses']).next(), { kind: 'giveUp', reason: 'noAcceptedApi', tried: [] });
    assert.deepEqual(router.plan(SCOPE, 'openai.gpt-5.5', ['chat']).next(), { kind: 'giveUp', reason: 'noAcceptedApi', tried: [] });
    assert.deepEqual(router.plan(SCOPE, 'qwen.qwen3-32b', ['responses']).next(), { kind: 'giveUp', reason: 'noAcceptedApi', tried: [] });
    assert.deepEqual(router.plan(SCOPE, 'anthropic.claude-opus-4-8', ['messages']).next(), { kind: 'try', route: { prefix: '/anthropic/v1', api: 'messages' } });
  });
});

describe('models: router learning', () => {
  it('a route error teaches the other prefix: a catalogue that puts GPT-5.5 on /v1 is right after one failed request', () => {
    const router = new ModelRouter({ catalog: [entry('openai.gpt-5.5', '/v1', ['chat'])] });
    const { tried, last } = drive(router, 'openai.gpt-5.5', ['responses', 'chat'], mantle('/openai/v1', ['responses']));
    assert.deepEqual(tried, ['/v1/chat/completions', '/openai/v1/responses']);
    assert.deepEqual(last, { kind: 'done', route: { prefix: '/openai/v1', api: 'responses' } });
    assert.deepEqual(router.view(SCOPE, 'openai.gpt-5.5'), { prefix: '/openai/v1', apis: ['responses'], source: 'learned' });
    // The next request goes straight there.
    assert.deepEqual(drive(router, 'openai.gpt-5.5', ['responses', 'chat'], mantle('/openai/v1', ['responses'])).tried, ['/openai/v1/responses']);
  });

  it('row C (the API-error text on /v1/responses) still leads to /openai/v1 after one failed request', () => {
    const router = new ModelRouter({ catalog: [entry('acme.moved', '/v1', ['responses'])] });
    const { tried, last } = drive(router, 'acme.moved', ['responses'], mantle('/openai/v1', ['responses']));
    assert.deepEqual(tried, ['/v1/responses', '/openai/v1/responses']);
    assert.equal(last.kind, 'done');
  });

  it('a route error on /openai/v1 (row B) teaches /v1', () => {
    const router = new ModelRouter({ catalog: [entry('qwen.qwen3-32b', '/openai/v1', ['chat'])] });
    const { tried } = drive(router, 'qwen.qwen3-32b', ['chat'], mantle('/v1', ['chat']));
    assert.deepEqual(tried, ['/openai/v1/chat/completions', '/v1/chat/completions']);
    assert.deepEqual(router.view(SCOPE, 'qwen.qwen3-32b'), { prefix: '/v1', apis: ['chat'], source: 'learned' });
  });

  it('an API error teaches the API set: a catalogue that says GPT-5.5 chats is corrected to Responses only', () => {
    const router = new ModelRouter({ catalog: [entry('openai.gpt-5.5', '/openai/v1', ['chat', 'responses'])] });
    const { tried, last } = drive(router, 'openai.gpt-5.5', ['chat', 'responses'], mantle('/openai/v1', ['responses']));
    assert.deepEqual(tried, ['/openai/v1/chat/completions', '/openai/v1/responses']);
    assert.equal(last.kind, 'done');
    assert.deepEqual(router.view(SCOPE, 'openai.gpt-5.5'), { prefix: '/openai/v1', apis: ['responses'], source: 'learned' });
    assert.equal(apiLabel(router.view(SCOPE, 'openai.gpt-5.5').apis), 'Responses only');
  });

  it('a Region that refuses Responses for gpt-oss-20b falls back to chat on the same prefix', () => {
    const router = new ModelRouter();
    const { tried } = drive(router, 'openai.gpt-oss-20b', ['responses', 'chat'], mantle('/v1', ['chat']));
    assert.deepEqual(tried, ['/v1/responses', '/v1/chat/completions']);
    assert.deepEqual(router.view(SCOPE, 'openai.gpt-oss-20b'), { prefix: '/v1', apis: ['chat'], source: 'learned' });
  });

  it('the 401 Berm variant counts as a route error once per model, then gives up', () => {
    const router = new ModelRouter({ catalog: [entry('xai.grok-4.3', '/v1', ['chat'])] });
    const first = drive(router, 'xai.grok-4.3', ['chat'], mantle('/openai/v1', ['chat', 'responses'], { berm: true }));
    assert.deepEqual(first.tried, ['/v1/chat/completions', '/openai/v1/chat/completions']);
    assert.equal(first.last.kind, 'done');
    assert.equal(router.learned(SCOPE, 'xai.grok-4.3').berm, true);

    // Berm everywhere: one more try after the first, then the account problem is reported, not routed around.
    const fresh = new ModelRouter({ catalog: [entry('xai.grok-4.3', '/v1', ['chat'])] });
    const { tried, last } = drive(fresh, 'xai.grok-4.3', ['chat'], () => BERM);
    assert.deepEqual(tried, ['/v1/chat/completions', '/openai/v1/chat/completions']);
    assert.deepEqual(last, { kind: 'giveUp', reason: 'berm', tried: [{ prefix: '/v1', api: 'chat' }, { prefix: '/openai/v1', api: 'chat' }] });
    assert.deepEqual(fresh.learned(SCOPE, 'xai.grok-4.3').refusedPrefix, ['/v1'], 'the second Berm teaches nothing');
  });

  it('answers that are not routing facts end the plan without learning anything', () => {
    const store = new MapStore();
    const router = new ModelRouter({ storage: store });
    const { tried, last } = drive(router, 'qwen.qwen3-32b', ['chat'], () => ({ kind: 'other' }));
    assert.deepEqual(tried, ['/v1/chat/completions']);
    assert.equal(last.kind === 'giveUp' && last.reason, 'notARouteProblem');
    assert.deepEqual(router.snapshot(), {});
    assert.equal(store.writes, 0);
  });

  it('never loops: a server that refuses everything is asked each usable route at most once', () => {
    for (const server of [() => ROUTE, () => API, (r: Route) => (r.prefix === '/v1' ? ROUTE : API)] as Server[]) {
      const router = new ModelRouter({ catalog: [] });
      const { tried, last } = drive(router, 'acme.rocket-7b', ['responses', 'chat'], server);
      assert.equal(new Set(tried).size, tried.length, tried.join(', '));
      assert.ok(tried.length <= MAX_ATTEMPTS);
      assert.equal(last.kind === 'giveUp' && last.reason, 'exhausted');
      // What was learned keeps the next plan from asking again.
      const again = drive(router, 'acme.rocket-7b', ['responses', 'chat'], server);
      assert.ok(again.tried.length < tried.length || again.tried.length === 0, `${again.tried.join(', ')} after ${tried.join(', ')}`);
    }
  });

  it('next() without report() repeats the same route; report() after the end repeats the end', () => {
    const plan = new ModelRouter().plan(SCOPE, 'qwen.qwen3-32b', ['chat']);
    const a = plan.next();
    assert.deepEqual(plan.next(), a);
    const done = plan.report(OK);
    assert.equal(done.kind, 'done');
    assert.deepEqual(plan.report(API), done);
    assert.deepEqual(plan.next(), done);
    assert.deepEqual(plan.attempts, [{ prefix: '/v1', api: 'chat' }]);
  });

  it('a model that once answered chat still gets Responses first for a caller that prefers it', () => {
    const router = new ModelRouter();
    router.learn(SCOPE, 'openai.gpt-oss-120b', { prefix: '/v1', api: 'chat' }, OK);
    assert.deepEqual(router.candidates(SCOPE, 'openai.gpt-oss-120b', ['responses', 'chat']),
      [{ prefix: '/v1', api: 'responses' }, { prefix: '/v1', api: 'chat' }, { prefix: '/openai/v1', api: 'responses' }, { prefix: '/openai/v1', api: 'chat' }]);
    assert.deepEqual(router.candidates(SCOPE, 'openai.gpt-oss-120b', ['chat', 'responses'])[0], { prefix: '/v1', api: 'chat' });
  });

  it('a success on a prefix clears what was refused there and drops stale pairs on the other prefix', () => {
    const router = new ModelRouter();
    router.learn(SCOPE, 'm', { prefix: '/v1', api: 'chat' }, OK);
    router.learn(SCOPE, 'm', { prefix: '/openai/v1', api: 'chat' }, ROUTE);
    router.learn(SCOPE, 'm', { prefix: '/openai/v1', api: 'responses' }, OK);
    assert.deepEqual(router.learned(SCOPE, 'm'), { ok: ['/openai/v1 responses'] });
    assert.equal(router.learn(SCOPE, 'm', { prefix: '/openai/v1', api: 'responses' }, OK), false, 'a repeat teaches nothing');
  });
});

describe('models: router memory', () => {
  it('remembers per Region+endpoint through the storage, and a new router starts from it', async () => {
    const store = new MapStore();
    const router = new ModelRouter({ storage: store, catalog: [entry('openai.gpt-5.5', '/v1', ['chat'])] });
    drive(router, 'openai.gpt-5.5', ['responses', 'chat'], mantle('/openai/v1', ['responses']));
    await router.saved();
    const restarted = new ModelRouter({ storage: store, catalog: [entry('openai.gpt-5.5', '/v1', ['chat'])] });
    assert.deepEqual(restarted.plan(SCOPE, 'openai.gpt-5.5', ['responses', 'chat']).next(), { kind: 'try', route: { prefix: '/openai/v1', api: 'responses' } });
    assert.deepEqual(restarted.plan('eu-west-1|elsewhere', 'openai.gpt-5.5', ['responses', 'chat']).next(),
      { kind: 'try', route: { prefix: '/v1', api: 'chat' } }, 'another Region+endpoint keeps the hint');
    restarted.forget(SCOPE);
    await restarted.saved();
    assert.deepEqual(store.map.get(ModelRouter.KEY), {});
  });

  it('reads back only the shape it writes', () => {
    assert.deepEqual(parseRouterState(undefined), {});
    assert.deepEqual(parseRouterState([1, 2]), {});
    assert.deepEqual(parseRouterState({
      s: {
        good: { ok: ['/openai/v1 responses', '/openai/v1 responses', '/v2 chat', 7], refusedPrefix: ['/v1', '/nope'], berm: true },
        bad: 'x',
        odd: { refusedApi: ['/v1 fax'], berm: 'yes' },
      },
      t: null,
    }), { s: { good: { ok: ['/openai/v1 responses'], refusedPrefix: ['/v1'], berm: true }, odd: {} } });
  });
});

describe('models: router on bedrock-runtime', () => {
  it('uses /openai/v1 for every OpenAI-shaped model, since runtime has no /v1 family', () => {
    const router = new ModelRouter();
    assert.deepEqual(router.plan(SCOPE, 'qwen.qwen3-32b', ['chat'], 'runtime').next(), { kind: 'try', route: { prefix: '/openai/v1', api: 'chat' } });
    assert.deepEqual(router.plan(SCOPE, 'openai.gpt-oss-120b', ['responses'], 'runtime').next(), { kind: 'try', route: { prefix: '/openai/v1', api: 'responses' } });
    const { tried } = drive(router, 'qwen.qwen3-32b', ['chat', 'responses'], () => ROUTE, 'runtime');
    assert.ok(tried.every((p) => p.startsWith('/openai/v1/')), tried.join(', '));
  });
});

describe('models: reading answers as routing facts', () => {
  it('classifies the rows of §1.5', () => {
    assert.deepEqual(classifyRouteAnswer(200, undefined), OK);
    assert.deepEqual(classifyRouteAnswer(400, 'model `xai.grok-4.3` isn\'t supported on this route'), ROUTE);
    assert.deepEqual(classifyRouteAnswer(400, "The model 'openai.gpt-5.6-terra' does not support the '/v1/responses' API"), API);
    assert.deepEqual(classifyRouteAnswer(400, "The model 'qwen.qwen3-32b' does not support the '/anthropic/v1/messages' API"), API);
    assert.deepEqual(classifyRouteAnswer(401, 'Berm is not enabled for this account'), BERM);
    assert.deepEqual(classifyRouteAnswer(401, 'The API key is invalid or has expired.'), { kind: 'other' });
    assert.deepEqual(classifyRouteAnswer(404, "The model 'us.openai.gpt-5.5' does not exist"), { kind: 'other' });
    assert.deepEqual(classifyRouteAnswer(429, 'slow down'), { kind: 'other' });
  });

  it('labels API sets the way the tree will', () => {
    assert.equal(apiLabel(['chat', 'responses']), 'Responses + Chat');
    assert.equal(apiLabel(['responses']), 'Responses only');
    assert.equal(apiLabel(['chat']), 'Chat only');
    assert.equal(apiLabel(['messages']), 'Messages');
    assert.equal(apiLabel([]), 'unknown API');
  });
});
