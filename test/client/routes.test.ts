// Every feature's requests through the model router and the real client against the emulator's route families
// (PROTOCOL-2026-12 §1.2–§1.5, §9): GPT-5.x on /openai/v1 Responses, chained; a wrong catalogue hint corrected after
// one refused request; the Berm 401 taken as a route error once; Claude named but refused without a request.
import { strict as assert } from 'node:assert';
import { pollBackgroundTurn, runTurn, type RunHooks, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { runEditorTurn } from '../../src/common/editor/editorTurn';
import { CLAUDE_NOT_SUPPORTED_YET, executeTurn, PREFER_CHAT } from '../../src/common/mantle/turnEngine';
import type { ApiKind, TurnRequest } from '../../src/common/mantle/types';
import type { CatalogEntry } from '../../src/common/models/catalog';
import { ModelRouter } from '../../src/common/models/router';
import { createThread, type Thread } from '../../src/common/threads/model';
import type { MantleClient } from '../../src/node/mantleClient';
import { startEmulator, type RequestLogEntry, type RunningEmulator } from '../emulator/server';
import { bearer, routedTurns, testClient } from './clientHelpers';
import { MapStore } from '../kit/stores';

const GPT55 = 'openai.gpt-5.5';
const QWEN = 'qwen.qwen3-coder-480b-a35b-instruct';
const GROK = 'xai.grok-4.3';
const SCOPE = 'us-east-1|emulator';

type Body = { input?: unknown; messages?: unknown; previous_response_id?: string; store?: boolean };

describe('routes: every feature through the model router (emulator, December 2026 models)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let client: MantleClient;
  let router: ModelRouter;
  let seq = 0;
  const posts = (): RequestLogEntry[] => emu.log.filter((e) => e.method === 'POST');
  const hooks: RunHooks = { onThread: () => undefined, onDelta: () => undefined };
  const env = (): TurnRunnerEnv => ({
    mantle: client, turns: routedTurns(client, router, SCOPE), apiFor: () => 'chat',
    now: () => Date.now(), newId: () => `t${++seq}`, log: () => undefined,
  });
  const last = (t: Thread) => t.turns[t.turns.length - 1];
  const hi = (model: string) => (api: ApiKind): TurnRequest => ({ model, api, messages: [{ role: 'user', content: 'hi' }] });

  async function start(opts: { bermOnV1?: boolean } = {}, catalog?: CatalogEntry[]): Promise<void> {
    emu = await startEmulator({ port: 0, population: 'december-2026', ...opts });
    client = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') }).client;
    router = new ModelRouter({ storage: new MapStore(), ...(catalog ? { catalog } : {}) });
  }
  afterEach(async () => { await emu?.close(); });

  it('chains a GPT-5.5 chat thread over three turns on /openai/v1/responses with previous_response_id', async () => {
    await start();
    let t = createThread('t', GPT55, 0);
    t = await runTurn(env(), t, { prompt: 'My name is Alice and I like cats.', store: true }, hooks);
    t = await runTurn(env(), t, { prompt: 'What is my name?', store: true, effort: 'high' }, hooks);
    t = await runTurn(env(), t, { prompt: 'And what do I like?', store: true }, hooks);
    assert.deepEqual(t.turns.map((x) => x.status), ['done', 'done', 'done'], JSON.stringify(t.turns.map((x) => x.error)));
    assert.deepEqual(posts().map((e) => `${e.path} ${e.status}`), Array(3).fill('/openai/v1/responses 200'), 'never /v1, never a refused request');
    const bodies = posts().map((e) => e.body as Body);
    assert.equal(bodies[0]?.previous_response_id, undefined);
    assert.equal(bodies[1]?.previous_response_id, t.turns[0]?.responseId);
    assert.equal(bodies[2]?.previous_response_id, t.turns[1]?.responseId);
    assert.ok(!JSON.stringify(bodies[2]?.input).includes('Alice'), 'turn 1 is not resent');
    assert.match(last(t)?.answer ?? '', /cats/);
    assert.deepEqual(router.learned(SCOPE, GPT55).ok, ['/openai/v1 responses'], 'the success confirms the route');
  });

  it('carries the history once when a thread switches between a Responses-only and a Chat-only model', async () => {
    await start();
    let t = createThread('t', GPT55, 0);
    t = await runTurn(env(), t, { prompt: 'My name is Alice.', store: true }, hooks);
    t = await runTurn(env(), { ...t, model: QWEN }, { prompt: 'I like cats.', store: true }, hooks);
    t = await runTurn(env(), { ...t, model: GPT55 }, { prompt: 'What is my name and what do I like?', store: true }, hooks);
    t = await runTurn(env(), t, { prompt: 'Thanks.', store: true }, hooks);
    const [, chat, back, chained] = posts();
    assert.equal(chat?.path, '/v1/chat/completions');
    assert.match(JSON.stringify(chat?.body), /Alice/, 'the Chat-only model gets the history');
    assert.equal(back?.path, '/openai/v1/responses');
    assert.equal((back?.body as Body).previous_response_id, undefined, 'no chain onto a response the Chat model never saw');
    assert.match(JSON.stringify((back?.body as Body).input), /cats/, 'the history travels once');
    assert.equal((chained?.body as Body).previous_response_id, t.turns[2]?.responseId, 'and the chain resumes');
    assert.doesNotMatch(JSON.stringify((chained?.body as Body).input), /Alice/);
  });

  it('corrects a deliberately wrong catalogue hint after one refused request, and goes straight there next time', async () => {
    const wrong: CatalogEntry[] = [{ id: GROK, vendor: 'xAI', kind: 'general', path: '/v1', apis: ['chat'], responses: false }];
    await start({}, wrong);
    const turns = routedTurns(client, router, SCOPE);
    const first = await executeTurn(turns, { model: GROK, accept: PREFER_CHAT, build: hi(GROK) });
    assert.ok(first.ok, JSON.stringify(!first.ok && first.error));
    assert.deepEqual(posts().map((e) => `${e.path} ${e.status}`), ['/v1/chat/completions 400', '/openai/v1/chat/completions 200']);
    await executeTurn(turns, { model: GROK, accept: PREFER_CHAT, build: hi(GROK) });
    assert.equal(posts().length, 3);
    assert.equal(posts()[2]?.path, '/openai/v1/chat/completions');
  });

  it('takes the Berm 401 on /v1 as a route error once', async () => {
    const wrong: CatalogEntry[] = [{ id: GROK, vendor: 'xAI', kind: 'general', path: '/v1', apis: ['chat'], responses: false }];
    await start({ bermOnV1: true }, wrong);
    const outcome = await executeTurn(routedTurns(client, router, SCOPE), { model: GROK, accept: PREFER_CHAT, build: hi(GROK) });
    assert.ok(outcome.ok);
    assert.deepEqual(posts().map((e) => `${e.path} ${e.status}`), ['/v1/chat/completions 401', '/openai/v1/chat/completions 200']);
    assert.equal(router.learned(SCOPE, GROK).berm, true);
  });

  it('runs an editor command on GPT-5.5 through Responses on /openai/v1, unstored', async () => {
    await start();
    const result = await runEditorTurn(routedTurns(client, router, SCOPE), { model: GPT55, messages: [{ role: 'user', content: 'Explain: const x = 1;' }] }, () => undefined);
    assert.equal(result.api, 'responses');
    assert.deepEqual(posts().map((e) => e.path), ['/openai/v1/responses']);
    assert.equal((posts()[0]?.body as Body).store, false);
  });

  it('reads status:"unavailable" and its reason from the list', async () => {
    await start();
    const models = await client.listModels();
    const fable = models.find((m) => m.id === 'anthropic.claude-fable-5');
    assert.equal(fable?.unavailable, "This model is not available under data retention mode 'default'.");
    assert.equal(models.find((m) => m.id === GPT55)?.unavailable, undefined);
  });

  it('logs the request id with a failure, so it can be quoted to AWS support', async () => {
    emu = await startEmulator({ port: 0, population: 'december-2026' });
    const made = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key'), maxRetries: 0 });
    client = made.client;
    router = new ModelRouter();
    await executeTurn(routedTurns(client, router, SCOPE), { model: 'acme.does-not-exist', build: hi('acme.does-not-exist') });
    const line = made.log.lines.find((l) => l.includes('modelNotFound'));
    assert.match(line ?? '', /\[request id [\w-]+\]/, made.log.lines.join('\n'));
  });

  it('waits the first-byte timeout for a slow start, then only the idle watchdog once the answer flows', async () => {
    emu = await startEmulator({ port: 0, population: 'december-2026' });
    const slowStart = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key'), stallTimeoutMs: 150, maxRetries: 0 });
    const patient = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key'), stallTimeoutMs: 150, maxRetries: 0 });
    // The watchdog alone (no first-byte timeout) stops a start slower than it:
    emu.setFaults([{ kind: 'slow-first-token', ms: 600 }]);
    const impatient = await slowStart.client.streamTurn({ model: GPT55, api: 'responses', route: { prefix: '/openai/v1', api: 'responses' }, messages: [{ role: 'user', content: 'hi' }] }, () => {})
      .then(() => undefined, (e: { kind?: string }) => e.kind);
    assert.equal(impatient, 'timeout');
    // With a first-byte timeout longer than the slow start, the same start is waited for.
    emu.setFaults([{ kind: 'slow-first-token', ms: 600 }]);
    patient.config.firstByteTimeoutMs = 5_000;
    const result = await patient.client.streamTurn({ model: GPT55, api: 'responses', route: { prefix: '/openai/v1', api: 'responses' }, messages: [{ role: 'user', content: 'hi' }] }, () => {});
    assert.ok(result.text.length > 0);
    // And a first token that never comes is still stopped, by the first-byte timeout, with its length in the message.
    emu.setFaults([{ kind: 'slow-first-token', ms: 10_000 }]);
    patient.config.firstByteTimeoutMs = 700;
    patient.client.invalidate();
    const stopped = await patient.client.streamTurn({ model: GPT55, api: 'responses', route: { prefix: '/openai/v1', api: 'responses' }, messages: [{ role: 'user', content: 'hi' }] }, () => {})
      .then(() => undefined, (e: { kind?: string; message?: string }) => e);
    assert.equal(stopped?.kind, 'timeout');
  });

  it('turns the in-band status:"failed" timeout (HTTP 200) into a failed turn with Retry', async () => {
    await start();
    emu.setFaults([{ kind: 'model-timeout' }]);
    const t = await runTurn(env(), createThread('t', GPT55, 0), { prompt: 'Hello', store: true }, hooks);
    assert.equal(last(t)?.status, 'error');
    assert.ok(last(t)?.error?.actions.includes('retry'));
    assert.match(last(t)?.error?.message ?? '', /timed out before the model produced a response/);
    assert.equal(posts().length, 1, 'not a routing fact: nothing else is tried');
  });

  it('polls a background GPT-5.5 turn where it lives, on /openai/v1', async () => {
    await start();
    let t = await runTurn(env(), createThread('t', GPT55, 0), { prompt: 'Hello', store: true, background: true }, hooks);
    assert.equal(last(t)?.status, 'background');
    t = await pollBackgroundTurn(env(), t, last(t)?.id ?? '', hooks, new AbortController().signal, 20);
    assert.equal(last(t)?.status, 'done', JSON.stringify(last(t)?.error));
    const gets = emu.log.filter((e) => e.method === 'GET').map((e) => e.path.replace(/resp_\w+/, 'ID'));
    assert.ok(gets.length > 0 && gets.every((p) => p === '/openai/v1/responses/ID'), gets.join(', '));
  });

  it('names the Messages route for Claude but sends nothing while no Messages client is registered', async () => {
    await start();
    let t = createThread('t', 'anthropic.claude-opus-4-7', 0);
    t = await runTurn(env(), t, { prompt: 'Hello', store: true }, hooks);
    assert.equal(last(t)?.status, 'error');
    assert.equal(last(t)?.error?.message, CLAUDE_NOT_SUPPORTED_YET);
    assert.equal(posts().length, 0);
  });
});
