// The chat's turn runner against the emulator with the real Mantle client: what each turn puts on the wire
// (the emulator logs request bodies) and what the thread records.
import { strict as assert } from 'node:assert';
import { NOTICE_FELL_BACK, NOTICE_RECOVERED, cancelBackgroundTurn, pollBackgroundTurn, runTurn, type RunHooks, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { catalogApiFor } from '../../src/common/chat/modelOptions';
import type { ApiKind } from '../../src/common/mantle/types';
import { chainHead, createThread, forkThread, type Thread } from '../../src/common/threads/model';
import { parseStoredThread, serializeThread } from '../../src/common/threads/serialize';
import type { MantleClient } from '../../src/node/mantleClient';
import { startEmulator, type RequestLogEntry, type RunningEmulator } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

const GPT = 'openai.gpt-oss-120b';
const QWEN = 'qwen.qwen3-32b';
const T1 = 'My name is Alice and I like cats.';
const T2 = 'What is my name and what do I like?';

type Body = { input?: unknown; messages?: unknown; previous_response_id?: string; store?: boolean; background?: boolean };

describe('chat turns against the emulator', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let client: MantleClient;
  let seq = 0;
  let apiOverride: Record<string, ApiKind> = {};
  const env = (): TurnRunnerEnv => ({
    mantle: client,
    apiFor: (m) => apiOverride[m] ?? catalogApiFor(m),
    now: () => Date.now(),
    newId: () => `id${++seq}`,
    log: () => undefined,
  });
  const deltas: string[] = [];
  const hooks: RunHooks = { onThread: () => undefined, onDelta: (_t, kind, d) => { if (kind === 'text') deltas.push(d); } };
  const posts = (path: string): RequestLogEntry[] => emu.log.filter((e) => e.method === 'POST' && e.path === path);
  const bodyText = (e: RequestLogEntry | undefined): string => JSON.stringify(e?.body ?? null);
  const last = (t: Thread) => t.turns[t.turns.length - 1];

  async function start(tokenDelayMs = 0): Promise<void> {
    emu = await startEmulator({ port: 0, tokenDelayMs });
    client = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') }).client;
  }
  beforeEach(() => { apiOverride = {}; deltas.length = 0; });
  afterEach(async () => { await emu?.close(); });

  it('turn 2 on a Responses model sends only the new input plus previous_response_id, and the reply recalls turn 1', async () => {
    await start();
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    const first = last(t);
    assert.equal(first?.status, 'done');
    assert.match(first?.responseId ?? '', /^resp_/);
    t = await runTurn(env(), t, { prompt: T2, store: true, effort: 'low' }, hooks);
    const [, second] = posts('/v1/responses');
    const body = second?.body as Body;
    assert.equal(body.previous_response_id, first?.responseId);
    assert.equal(body.store, true);
    assert.ok(!bodyText(second).includes('Alice') && !bodyText(second).includes('cats'), 'turn 1 is not resent');
    assert.match(last(t)?.answer ?? '', /Alice/);
    assert.match(last(t)?.answer ?? '', /cats/);
    assert.equal(chainHead(t), last(t)?.responseId);
    assert.ok(last(t)?.usage && (last(t)?.usage?.outputTokens ?? 0) > 0);
    assert.ok((last(t)?.timeToFirstTokenMs ?? -1) >= 0);
    assert.ok(deltas.length > 1, 'the answer streamed');
  });

  it('a Chat-only model sends the history with every turn', async () => {
    await start();
    let t = createThread('t', QWEN, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    t = await runTurn(env(), t, { prompt: T2, store: true }, hooks);
    const chats = posts('/v1/chat/completions');
    assert.equal(chats.length, 2);
    assert.equal(posts('/v1/responses').length, 0);
    const messages = (chats[1]?.body as Body).messages as { content: string }[];
    assert.deepEqual(messages.map((m) => m.content).slice(0, 1), [T1]);
    assert.equal(messages.length, 3);
    assert.match(last(t)?.answer ?? '', /Alice/);
    assert.equal(last(t)?.api, 'chat');
  });

  it('switching a thread between a Chat and a Responses model carries the history once, then chains', async () => {
    await start();
    let t = createThread('t', QWEN, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    t = { ...t, model: GPT };
    t = await runTurn(env(), t, { prompt: T2, store: true }, hooks);
    const [switched] = posts('/v1/responses');
    assert.equal((switched?.body as Body).previous_response_id, undefined);
    assert.ok(bodyText(switched).includes('Alice'), 'the first Responses turn carries the history');
    assert.match(last(t)?.answer ?? '', /Alice/);
    t = await runTurn(env(), t, { prompt: 'And what do I like?', store: true }, hooks);
    const after = posts('/v1/responses')[1];
    assert.equal((after?.body as Body).previous_response_id, t.turns[1]?.responseId);
    assert.ok(!bodyText(after).includes('Alice'));
  });

  it('recovers from previous_response_not_found by resending the history once, then chains from the new response', async () => {
    await start();
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    emu.deleteStored(last(t)?.responseId ?? '');
    t = await runTurn(env(), t, { prompt: T2, store: true }, hooks);
    const [, failed, retried] = posts('/v1/responses');
    assert.equal(failed?.status, 400);
    assert.equal((failed?.body as Body).previous_response_id, t.turns[0]?.responseId);
    assert.equal((retried?.body as Body).previous_response_id, undefined);
    assert.ok(bodyText(retried).includes('Alice'), 'history rebuilt from the local transcript');
    assert.equal(last(t)?.status, 'done');
    assert.equal(last(t)?.notice, NOTICE_RECOVERED);
    assert.match(last(t)?.answer ?? '', /Alice/);
    t = await runTurn(env(), t, { prompt: 'Thanks!', store: true }, hooks);
    assert.equal((posts('/v1/responses')[3]?.body as Body).previous_response_id, t.turns[1]?.responseId);
  });

  it('falls back to Chat Completions with the history when a model refuses the Responses API', async () => {
    await start();
    apiOverride[QWEN] = 'responses'; // a stale hint: the server will say no
    let t = createThread('t', QWEN, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    assert.equal(posts('/v1/responses')[0]?.status, 400);
    assert.equal(posts('/v1/chat/completions').length, 1);
    assert.equal(last(t)?.status, 'done');
    assert.equal(last(t)?.api, 'chat');
    assert.equal(last(t)?.notice, NOTICE_FELL_BACK);
  });

  it('Edit and resend forks: the branch chains from the response before the edited turn and resends nothing', async () => {
    await start();
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    t = await runTurn(env(), t, { prompt: 'My name is Bob.', store: true }, hooks);
    const branch = forkThread(t, t.turns[1]?.id ?? '', 'branch', 1);
    assert.ok(branch);
    const b = await runTurn(env(), branch, { prompt: T2, store: true }, hooks);
    const sent = posts('/v1/responses')[2];
    assert.equal((sent?.body as Body).previous_response_id, t.turns[0]?.responseId);
    assert.ok(!bodyText(sent).includes('Alice') && !bodyText(sent).includes('Bob'));
    assert.match(last(b)?.answer ?? '', /Alice/);
    assert.equal(t.turns.length, 2, 'the original thread is unchanged');
  });

  it('Stop aborts the HTTP request: the emulator sees the client close early, the partial answer is kept and never chained', async () => {
    await start(5);
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    const head = chainHead(t);
    const stop = new AbortController();
    const stopHooks: RunHooks = { onThread: () => undefined, onDelta: (_id, kind) => { if (kind === 'text' && !stop.signal.aborted) setTimeout(() => stop.abort(), 150); } };
    t = await runTurn(env(), t, { prompt: 'reply with 3000 tokens', store: true }, stopHooks, stop.signal);
    const turn = last(t);
    assert.equal(turn?.status, 'stopped');
    assert.ok((turn?.answer.length ?? 0) > 0, 'the partial answer stays');
    assert.equal(chainHead(t), head, 'a stopped turn never becomes the chain head');
    const entry = await emu.waitFor((e) => e.method === 'POST' && (e.body as Body | undefined)?.input !== undefined && bodyText(e).includes('3000 tokens') && e.clientClosedEarly, 5000);
    assert.equal(entry.clientClosedEarly, true);
    await runTurn(env(), t, { prompt: T2, store: true }, hooks);
    assert.equal((posts('/v1/responses').at(-1)?.body as Body).previous_response_id, head);
  });

  it('refuses an empty prompt without sending anything', async () => {
    await start();
    const t = createThread('t', GPT, 0);
    await assert.rejects(runTurn(env(), t, { prompt: '  \n ', store: true }, hooks), /empty/i);
    assert.equal(emu.log.filter((e) => e.method === 'POST').length, 0);
  });

  it('with chat.store=false nothing is stored on the server and the history travels', async () => {
    await start();
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: false }, hooks);
    t = await runTurn(env(), t, { prompt: T2, store: false }, hooks);
    const [a, b] = posts('/v1/responses');
    assert.equal((a?.body as Body).store, false);
    assert.equal((b?.body as Body).store, false);
    assert.equal((b?.body as Body).previous_response_id, undefined);
    assert.ok(bodyText(b).includes('Alice'));
    assert.deepEqual(emu.storedResponseIds(), []);
    assert.match(last(t)?.answer ?? '', /Alice/);
  });

  it('state round-trips through persistence and the next turn chains from the stored id', async () => {
    await start();
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true }, hooks);
    const restored = parseStoredThread(JSON.parse(JSON.stringify(serializeThread(t))));
    assert.deepEqual(restored, t);
    const next = await runTurn(env(), restored as Thread, { prompt: T2, store: true }, hooks);
    assert.equal((posts('/v1/responses')[1]?.body as Body).previous_response_id, t.turns[0]?.responseId);
    assert.match(last(next)?.answer ?? '', /cats/);
  });

  it('a background turn shows as running, is polled with GET /v1/responses/{id} until done, and chains afterwards', async () => {
    await start(1);
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: T1, store: true, background: true }, hooks);
    const turn = last(t);
    assert.equal(turn?.status, 'background');
    assert.equal((posts('/v1/responses')[0]?.body as Body).background, true);
    t = await pollBackgroundTurn(env(), t, turn?.id ?? '', hooks, new AbortController().signal, 20);
    assert.equal(last(t)?.status, 'done');
    assert.match(last(t)?.answer ?? '', /Alice/);
    assert.ok(emu.log.some((e) => e.method === 'GET' && e.path === `/v1/responses/${turn?.responseId}`));
    assert.equal(chainHead(t), turn?.responseId);
  });

  it('a background turn can be cancelled on the server and is then marked stopped', async () => {
    await start(20);
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: 'reply with 2000 tokens', store: true, background: true }, hooks);
    const id = last(t)?.responseId ?? '';
    t = await cancelBackgroundTurn(env(), t, last(t)?.id ?? '');
    assert.equal(last(t)?.status, 'stopped');
    assert.ok(emu.log.some((e) => e.method === 'POST' && e.path === `/v1/responses/${id}/cancel` && e.status === 200));
    const polled = await client.getResponse(id);
    assert.equal(polled.status, 'cancelled');
    assert.equal(chainHead(t), undefined);
  });
});
