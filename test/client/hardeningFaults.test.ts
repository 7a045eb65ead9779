// Faults injected by the emulator, through the chat's turn runner and the real Mantle client, with the thread
// persisted by the real ThreadStore and read back as after a window reload. Each case: turn 1 completes, turn 2 meets
// the fault, the thread is saved and reloaded, and turn 3 on the reloaded thread must still recall turn 1 — chained
// from the last completed response, so nothing completed before the fault was lost.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { runTurn, NOTICE_RECOVERED, type RunHooks, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { catalogApiFor } from '../../src/common/chat/modelOptions';
import { chainHead, createThread, type Thread, type Turn } from '../../src/common/threads/model';
import type { MantleClient } from '../../src/node/mantleClient';
import { ThreadFiles } from '../../src/node/threadFiles';
import { ThreadStore } from '../../src/vscode/chat/threadStore';
import type { FaultSpec } from '../emulator/faults';
import { startEmulator, type RequestLogEntry, type RunningEmulator } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

const GPT = 'openai.gpt-oss-120b';
const T1 = 'My name is Alice and I like cats.';
const T3 = 'What is my name and what do I like?';

/** globalState / workspaceState as plain JSON, the way VS Code keeps them between sessions. */
class JsonMemento {
  constructor(private readonly data: Record<string, string> = {}) {}
  keys(): readonly string[] { return Object.keys(this.data); }
  get<T>(key: string): T | undefined { const v = this.data[key]; return v === undefined ? undefined : (JSON.parse(v) as T); }
  update(key: string, value: unknown): Promise<void> {
    if (value === undefined) delete this.data[key]; else this.data[key] = JSON.stringify(value);
    return Promise.resolve();
  }
  setKeysForSync(): void { /* not used */ }
}

type Body = { previous_response_id?: string; input?: unknown };

describe('hardening: emulator faults through the chat turn runner, with a reload after each', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let client: MantleClient;
  let seq = 0;
  let global: JsonMemento;
  let workspace: JsonMemento;
  let threadsDir: string;

  const env = (): TurnRunnerEnv => ({ mantle: client, apiFor: catalogApiFor, now: () => Date.now(), newId: () => `id${++seq}`, log: () => undefined });
  const hooks = (onText?: (d: string) => void): RunHooks => ({ onThread: () => undefined, onDelta: (_t, kind, d) => { if (kind === 'text') onText?.(d); } });
  const store = () => new ThreadStore(
    new ThreadFiles(threadsDir, { warn: () => undefined }), global as unknown as vscode.Memento, workspace as unknown as vscode.Memento, () => undefined,
  );
  const turnPosts = (): RequestLogEntry[] => emu.log.filter((e) => e.method === 'POST' && e.path === '/v1/responses');
  const last = (t: Thread): Turn => t.turns[t.turns.length - 1] as Turn;

  async function start(o: { stallTimeoutMs?: number; tokenDelayMs?: number } = {}): Promise<void> {
    emu = await startEmulator({ port: 0, tokenDelayMs: o.tokenDelayMs ?? 0 });
    ({ client } = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key'), maxRetries: 2, stallTimeoutMs: o.stallTimeoutMs ?? 10_000 }));
  }
  beforeEach(() => { global = new JsonMemento(); workspace = new JsonMemento(); threadsDir = mkdtempSync(join(tmpdir(), 'mantle-threads-')); });
  afterEach(async () => { await emu?.close(); rmSync(threadsDir, { recursive: true, force: true }); });

  /** Turn 1, saved. */
  async function firstTurn(): Promise<Thread> {
    const t = await runTurn(env(), createThread('thread', GPT, 0), { prompt: T1, store: true }, hooks());
    assert.equal(last(t).status, 'done');
    await store().save(t);
    return t;
  }

  /** Saves the thread after the fault, reloads it from storage, and checks that turn 1 survived intact. */
  async function reloadAndContinue(afterFault: Thread, turn1: Turn): Promise<Thread> {
    // The last completed response: turn 2's if it got through after retries, else still turn 1's.
    const head = last(afterFault).status === 'done' ? last(afterFault).responseId : turn1.responseId;
    await store().save(afterFault);
    const [reloaded] = store().loadAll();
    assert.ok(reloaded, 'the thread is in storage');
    assert.deepEqual(reloaded.turns[0], turn1, 'turn 1 came back from storage unchanged');
    assert.equal(reloaded.turns.length, afterFault.turns.length, 'no turn was lost');
    assert.equal(chainHead(reloaded), head, 'the chain head is the last completed response');
    const before = turnPosts().length;
    const next = await runTurn(env(), reloaded, { prompt: T3, store: true }, hooks());
    const sent = turnPosts()[before];
    assert.equal((sent?.body as Body).previous_response_id, head, 'turn 3 chains from the last completed response');
    assert.equal(last(next).status, 'done');
    assert.match(last(next).answer, /Alice/);
    assert.match(last(next).answer, /cats/);
    return next;
  }

  async function withFault(faults: FaultSpec[], prompt = 'Thanks!'): Promise<{ turn1: Turn; faulted: Thread }> {
    const t = await firstTurn();
    const turn1 = t.turns[0] as Turn;
    emu.setFaults(faults);
    const faulted = await runTurn(env(), t, { prompt, store: true }, hooks());
    return { turn1, faulted };
  }

  it('429 with retry-after: waits as told, retries, the turn completes', async () => {
    await start();
    const started = Date.now();
    const { turn1, faulted } = await withFault([{ kind: '429', retryAfterSeconds: 1, path: '/responses' }]);
    assert.equal(last(faulted).status, 'done');
    assert.deepEqual(turnPosts().slice(1).map((e) => e.status), [429, 200]);
    assert.ok(Date.now() - started >= 1000, 'the retry waited for retry-after');
    await reloadAndContinue(faulted, turn1);
  });

  for (const kind of ['500', '503'] as const) {
    it(`${kind}: retried, then the turn completes`, async () => {
      await start();
      const { turn1, faulted } = await withFault([{ kind, times: 2, path: '/responses' }]);
      assert.equal(last(faulted).status, 'done');
      assert.deepEqual(turnPosts().slice(1).map((e) => e.status), [Number(kind), Number(kind), 200]);
      await reloadAndContinue(faulted, turn1);
    });
  }

  it('500 on every attempt: the turn fails with a server error after the retries, and the thread carries on', async () => {
    await start();
    const { turn1, faulted } = await withFault([{ kind: '500', times: 3, path: '/responses' }]);
    assert.equal(turnPosts().length, 1 + 3, 'one try and two retries');
    assert.equal(last(faulted).status, 'error');
    assert.equal(last(faulted).error?.kind, 'server');
    await reloadAndContinue(faulted, turn1);
  });

  for (const [kind, mapped, action] of [['401', 'auth', 'setApiKey'], ['403', 'forbidden', 'showLogs']] as const) {
    it(`${kind}: not retried, mapped to ${mapped} with its action, and the thread carries on`, async () => {
      await start();
      const { turn1, faulted } = await withFault([{ kind, path: '/responses' }]);
      assert.deepEqual(turnPosts().slice(1).map((e) => e.status), [Number(kind)], 'one request, no retry');
      const turn = last(faulted);
      assert.equal(turn.status, 'error');
      assert.equal(turn.error?.kind, mapped);
      assert.ok(turn.error?.actions.includes(action), `actions: ${turn.error?.actions.join(', ')}`);
      assert.ok((turn.error?.message.length ?? 0) > 10, 'a message for the person');
      await reloadAndContinue(faulted, turn1);
    });
  }

  it('a stream cut mid-way: the partial text is kept, the turn is marked as cut off, turn 3 chains from turn 1', async () => {
    await start();
    const { turn1, faulted } = await withFault([{ kind: 'cut', afterChunks: 60, path: '/responses' }], 'Reply with 300 tokens.');
    const turn = last(faulted);
    assert.equal(turn.status, 'error');
    assert.equal(turn.error?.kind, 'streamCut');
    assert.ok(turn.answer.length > 0, 'the text received before the cut is kept');
    assert.equal(chainHead(faulted), turn1.responseId, 'a cut turn never becomes the chain head');
    const next = await reloadAndContinue(faulted, turn1);
    assert.equal(next.turns[1]?.answer, turn.answer, 'the partial text survived the reload');
  });

  it('a stall: the turn times out with a message, the client closes the connection, the partial text stays', async () => {
    await start({ stallTimeoutMs: 800 });
    const started = Date.now();
    const { turn1, faulted } = await withFault([{ kind: 'stall', afterChunks: 60, path: '/responses' }], 'Reply with 300 tokens.');
    const turn = last(faulted);
    assert.equal(turn.status, 'error');
    assert.equal(turn.error?.kind, 'timeout');
    assert.match(turn.error?.message ?? '', /sent nothing for \d+ seconds/);
    assert.ok(turn.answer.length > 0, 'the text received before the stall is kept');
    assert.ok(Date.now() - started < 8000, 'gave up after the stall time, not much later');
    const entry = await emu.waitFor((e) => e.fault === 'stall-after=60' && e.clientClosedEarly, 3000);
    assert.equal(entry.clientClosedEarly, true, 'the connection was closed by the client');
    await reloadAndContinue(faulted, turn1);
  });

  it('an unknown previous_response_id after a reload: the history is rebuilt from the transcript, then chaining resumes', async () => {
    await start();
    const t = await firstTurn();
    const [reloaded] = store().loadAll();
    assert.ok(reloaded);
    emu.deleteStored(t.turns[0]?.responseId ?? '');
    const after = await runTurn(env(), reloaded, { prompt: T3, store: true }, hooks());
    const [, failed, retried] = turnPosts();
    assert.equal(failed?.status, 400);
    assert.equal((retried?.body as Body).previous_response_id, undefined);
    assert.ok(JSON.stringify(retried?.body).includes('Alice'), 'the history went with the retry');
    assert.equal(last(after).notice, NOTICE_RECOVERED);
    assert.match(last(after).answer, /Alice/);
    await store().save(after);
    const [again] = store().loadAll();
    const next = await runTurn(env(), again as Thread, { prompt: 'Thanks!', store: true }, hooks());
    assert.equal((turnPosts().at(-1)?.body as Body).previous_response_id, last(after).responseId);
    assert.equal(last(next).status, 'done');
  });

  it('Stop: the emulator sees the connection close promptly, the partial text is kept, the thread carries on', async () => {
    await start({ tokenDelayMs: 5 });
    const t = await firstTurn();
    const stop = new AbortController();
    let stoppedAt = 0;
    const faulted = await runTurn(env(), t, { prompt: 'Reply with 3000 tokens.', store: true }, hooks((d) => {
      if (!stoppedAt && d) setTimeout(() => { stoppedAt = Date.now(); stop.abort(); }, 100);
    }), stop.signal);
    assert.equal(last(faulted).status, 'stopped');
    assert.ok(last(faulted).answer.length > 0);
    const entry = await emu.waitFor((e) => e.clientClosedEarly && JSON.stringify(e.body).includes('3000 tokens'), 3000);
    assert.ok((entry.endedAt ?? Infinity) - stoppedAt < 500, `closed ${(entry.endedAt ?? 0) - stoppedAt} ms after Stop`);
    await reloadAndContinue(faulted, t.turns[0] as Turn);
  });
});
