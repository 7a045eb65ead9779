// The turn engine every feature sends its requests through: the route picks the first API, a refusal falls back to
// the next, other failures come back as one TurnError, time to first token is measured per request, aborts count
// as cancelled, and each API can have its own client.
import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import { CLAUDE_NOT_SUPPORTED_YET, executeTurn, fixedRoutes, PREFER_CHAT, requestForApi, routedEngine, type TurnEngine, type TurnStreamer } from '../../src/common/mantle/turnEngine';
import type { CatalogEntry } from '../../src/common/models/catalog';
import { ModelRouter } from '../../src/common/models/router';
import type { ApiKind, TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';

type Step = Error | { events: TurnEvent[]; ticks?: number };

/** A client that answers each call with the next scripted step; `clock` advances by the step's ticks per event. */
function scripted(steps: Step[], clock: { t: number }): TurnStreamer & { requests: TurnRequest[] } {
  const requests: TurnRequest[] = [];
  return {
    requests,
    async streamTurn(req, onEvent) {
      requests.push(req);
      const step = steps.shift();
      if (!step) throw new Error('no script left');
      if (step instanceof Error) throw step;
      let text = '';
      for (const e of step.events) {
        clock.t += step.ticks ?? 0;
        if (e.kind === 'text') text += e.delta;
        onEvent(e);
      }
      return { api: req.api, text, reasoning: '', totalMs: 1 } satisfies TurnResult;
    },
  };
}

const unsupported = () => new MantleError({ kind: 'unsupportedApi', message: 'no responses here', routeFact: 'apiError' });
const wrongRoute = () => new MantleError({ kind: 'unsupportedApi', message: 'wrong route', routeFact: 'routeError' });
const build = (api: ApiKind): TurnRequest => ({ model: 'm', api, messages: [{ role: 'user', content: 'hi' }], ...(api === 'responses' ? { store: true } : {}) });

function engineOver(client: TurnStreamer, api: ApiKind, clock = { t: 0 }): TurnEngine {
  return { ...routedEngine(fixedRoutes(() => api), { chat: client, responses: client }), now: () => clock.t };
}

describe('turn engine', () => {
  it('asks the route\'s first API and reports the result with no fallback', async () => {
    const clock = { t: 0 };
    const client = scripted([{ events: [{ kind: 'text', delta: 'hello' }] }], clock);
    const outcome = await executeTurn(engineOver(client, 'responses', clock), { model: 'm', build });
    assert.ok(outcome.ok);
    assert.equal(outcome.api, 'responses');
    assert.equal(outcome.fellBack, false);
    assert.equal(outcome.result.text, 'hello');
    assert.deepEqual(client.requests.map((r) => r.api), ['responses']);
  });

  it('falls back to Chat Completions when Responses is refused, and says what was refused', async () => {
    const clock = { t: 0 };
    const client = scripted([unsupported(), { events: [{ kind: 'text', delta: 'via chat' }] }], clock);
    const attempts: [ApiKind, string | undefined][] = [];
    const outcome = await executeTurn(engineOver(client, 'responses', clock), {
      model: 'm', build, onAttempt: (api, refused) => attempts.push([api, refused?.kind]),
    });
    assert.ok(outcome.ok);
    assert.equal(outcome.fellBack, true);
    assert.equal(outcome.api, 'chat');
    assert.deepEqual(attempts, [['responses', undefined], ['chat', 'unsupportedApi']]);
    assert.equal(client.requests[1]?.store, undefined, 'each API gets the request built for it');
  });

  it('does not fall back from the last API of the route, nor for other failures', async () => {
    const chatOnly = await executeTurn(engineOver(scripted([unsupported()], { t: 0 }), 'chat'), { model: 'm', build });
    assert.ok(!chatOnly.ok);
    assert.equal(chatOnly.error.kind, 'unsupportedApi');
    const denied = new MantleError({ kind: 'forbidden', message: 'no access', actions: ['setApiKey', 'showLogs'] });
    const client = scripted([denied], { t: 0 });
    const outcome = await executeTurn(engineOver(client, 'responses'), { model: 'm', build });
    assert.ok(!outcome.ok);
    assert.deepEqual(outcome.error, { kind: 'forbidden', message: 'no access', actions: ['setApiKey', 'showLogs'] });
    assert.equal(outcome.cause, denied);
    assert.equal(client.requests.length, 1);
  });

  it('measures time to first token from the request, once, ignoring the started event', async () => {
    const clock = { t: 100 };
    const client = scripted([{ ticks: 5, events: [{ kind: 'started', responseId: 'resp_1' }, { kind: 'reasoning', delta: 'hm' }, { kind: 'text', delta: 'ok' }] }], clock);
    const firsts: number[] = [];
    await executeTurn(engineOver(client, 'responses', clock), { model: 'm', build, onFirstToken: (ms) => firsts.push(ms) });
    assert.deepEqual(firsts, [10]);
  });

  it('reports a failure after an abort as cancelled and never falls back once aborted', async () => {
    const controller = new AbortController();
    const client: TurnStreamer = { streamTurn: async () => { controller.abort(); throw new Error('socket closed'); } };
    const outcome = await executeTurn(engineOver(client, 'responses'), { model: 'm', build, signal: controller.signal });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'cancelled');
    const refusedAfterAbort = scripted([unsupported()], { t: 0 });
    const aborted = new AbortController();
    aborted.abort();
    const again = await executeTurn(engineOver(refusedAfterAbort, 'responses'), { model: 'm', build, signal: aborted.signal });
    assert.ok(!again.ok);
    assert.equal(refusedAfterAbort.requests.length, 1);
  });

  it('uses the client the engine gives for each API', async () => {
    const clock = { t: 0 };
    const responses = scripted([unsupported()], clock);
    const chat = scripted([{ events: [{ kind: 'text', delta: 'from the chat client' }] }], clock);
    const engine = routedEngine(fixedRoutes(() => 'responses'), { chat, responses });
    const outcome = await executeTurn(engine, { model: 'm', build });
    assert.ok(outcome.ok);
    assert.equal(outcome.result.text, 'from the chat client');
    assert.equal(responses.requests.length, 1);
    assert.equal(chat.requests.length, 1);
  });

  it('drops the Responses-only fields when a request is asked through Chat Completions', () => {
    const req: TurnRequest = { model: 'm', api: 'responses', messages: [], previousResponseId: 'resp_1', store: true, background: true, reasoningEffort: 'low' };
    assert.deepEqual(requestForApi(req, 'chat'), { model: 'm', api: 'chat', messages: [], reasoningEffort: 'low' });
    assert.deepEqual(requestForApi(req, 'responses'), req);
  });
});

describe('turn engine over the model router', () => {
  const SCOPE = 'us-east-1|';
  const engineWith = (router: ModelRouter, client: TurnStreamer, extra: Partial<Record<ApiKind, TurnStreamer>> = {}): TurnEngine =>
    routedEngine({ plan: (model, accept) => router.plan(SCOPE, model, accept) }, { chat: client, responses: client, ...extra });
  const ok = (text: string): Step => ({ events: [{ kind: 'text', delta: text }] });
  const buildFor = (model: string) => (api: ApiKind): TurnRequest => ({ model, api, messages: [{ role: 'user', content: 'hi' }] });

  it('sends a GPT-5.x model to Responses on /openai/v1, and the route reaches the client in the request', async () => {
    const client = scripted([ok('hello')], { t: 0 });
    const outcome = await executeTurn(engineWith(new ModelRouter(), client), { model: 'openai.gpt-5.5', build: buildFor('openai.gpt-5.5') });
    assert.ok(outcome.ok);
    assert.deepEqual(client.requests.map((r) => r.route), [{ prefix: '/openai/v1', api: 'responses' }]);
    assert.equal(client.requests[0]?.api, 'responses');
  });

  it('corrects a wrong catalogue hint after one refused request, remembers it, and confirms the success', async () => {
    const wrong: CatalogEntry[] = [{ id: 'xai.grok-4.3', vendor: 'xAI', kind: 'general', path: '/v1', apis: ['chat'], responses: false }];
    const router = new ModelRouter({ catalog: wrong });
    const client = scripted([wrongRoute(), ok('from /openai/v1'), ok('again')], { t: 0 });
    const engine = engineWith(router, client);
    const first = await executeTurn(engine, { model: 'xai.grok-4.3', accept: PREFER_CHAT, build: buildFor('xai.grok-4.3') });
    assert.ok(first.ok);
    assert.deepEqual(client.requests.map((r) => r.route?.prefix), ['/v1', '/openai/v1']);
    assert.deepEqual(router.learned(SCOPE, 'xai.grok-4.3'), { ok: ['/openai/v1 chat'], refusedPrefix: ['/v1'] });
    await executeTurn(engine, { model: 'xai.grok-4.3', accept: PREFER_CHAT, build: buildFor('xai.grok-4.3') });
    assert.deepEqual(client.requests.map((r) => r.route?.prefix), ['/v1', '/openai/v1', '/openai/v1'], 'the next turn goes straight to the learned route');
  });

  it('never loops: a server that refuses every route ends the turn with the last refusal after a bounded number of tries', async () => {
    const client: TurnStreamer & { calls: number } = { calls: 0, async streamTurn() { this.calls++; throw wrongRoute(); } };
    const outcome = await executeTurn(engineWith(new ModelRouter(), client), { model: 'acme.mystery', build: buildFor('acme.mystery') });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.message, 'wrong route');
    assert.ok(client.calls >= 1 && client.calls <= 4, `${client.calls} calls`);
  });

  it('stops at once on a failure that is not a routing fact, teaching nothing', async () => {
    const router = new ModelRouter();
    const client = scripted([new MantleError({ kind: 'rateLimited', message: 'slow down' })], { t: 0 });
    const outcome = await executeTurn(engineWith(router, client), { model: 'openai.gpt-5.5', build: buildFor('openai.gpt-5.5') });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.kind, 'rateLimited');
    assert.equal(client.requests.length, 1);
    assert.deepEqual(router.learned(SCOPE, 'openai.gpt-5.5'), {});
  });

  it('names the messages route for Claude and fails clearly while no Messages client is registered', async () => {
    const client = scripted([], { t: 0 });
    const outcome = await executeTurn(engineWith(new ModelRouter(), client), { model: 'anthropic.claude-opus-4-7', build: buildFor('anthropic.claude-opus-4-7') });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.message, CLAUDE_NOT_SUPPORTED_YET);
    assert.deepEqual(outcome.route, { prefix: '/anthropic/v1', api: 'messages' });
    assert.equal(client.requests.length, 0, 'the OpenAI-shaped client is never asked');
  });

  it('hands a Claude turn to the client registered for messages, with its route', async () => {
    const messages = scripted([ok('from claude')], { t: 0 });
    const outcome = await executeTurn(engineWith(new ModelRouter(), scripted([], { t: 0 }), { messages }), { model: 'anthropic.claude-opus-4-7', build: buildFor('anthropic.claude-opus-4-7') });
    assert.ok(outcome.ok);
    assert.deepEqual(messages.requests[0]?.route, { prefix: '/anthropic/v1', api: 'messages' });
  });

  it('says which APIs were wanted when no route offers one of them', async () => {
    const outcome = await executeTurn(engineWith(new ModelRouter(), scripted([], { t: 0 })), { model: 'anthropic.claude-opus-4-7', accept: ['chat'], build: buildFor('anthropic.claude-opus-4-7') });
    assert.ok(!outcome.ok);
    assert.match(outcome.error.message, /not offered through an API this feature can use \(Chat Completions\)/);
  });
});
