// The chat core without an editor: threads, one turn at a time per thread, persistence after turn changes, background
// polling, the pending compose, dialogs through the surface, and 1,000+ malformed webview messages refused with one
// log line each and nothing done. Fakes stand in for the client, the storage and the views.
import { strict as assert } from 'node:assert';
import { ChatCore, type ChatMantle } from '../../src/common/chat/chatCore';
import { MantleError } from '../../src/common/mantle/errors';
import type { TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';
import { MAX_MESSAGE_STRING } from '../../src/common/protocol';
import type { Thread } from '../../src/common/threads/model';
import { CHAT_SHAPES, malformedMessages } from '../hardening/malformedMessages';
import { chatDeps, MemoryThreads, RecordingSurface } from '../kit/chat';
import { recordingLog } from '../kit/log';

const MODEL = 'openai.gpt-oss-120b';

/** Answers every turn with the prompt echoed; a prompt containing "fail" is refused with an auth error. */
class EchoMantle implements ChatMantle {
  readonly requests: TurnRequest[] = [];
  polls = 0;
  async listModels() { return []; }
  async streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void): Promise<TurnResult> {
    this.requests.push(req);
    const prompt = req.messages[req.messages.length - 1]?.content ?? '';
    if (prompt.includes('fail')) throw new MantleError({ kind: 'auth', message: 'Mantle rejected the API key (401).', actions: ['setApiKey', 'showLogs'] });
    onEvent({ kind: 'started', responseId: 'resp_1' });
    onEvent({ kind: 'text', delta: `echo: ${prompt}` });
    return { id: `resp_${this.requests.length}`, api: req.api, text: `echo: ${prompt}`, reasoning: '', totalMs: 1, ...(req.background ? { status: 'queued' } : {}) };
  }
  async getResponse(): Promise<TurnResult> {
    this.polls++;
    return { id: 'resp_bg', api: 'responses', text: this.polls < 2 ? '' : 'done in the background', reasoning: '', totalMs: 1, status: this.polls < 2 ? 'in_progress' : 'completed' };
  }
  async cancelResponse(): Promise<void> { /* nothing is running here */ }
}

function setup(opts: { threads?: Thread[]; active?: string } = {}) {
  const store = new MemoryThreads(opts.threads, opts.active);
  const surface = new RecordingSurface();
  const mantle = new EchoMantle();
  const log = recordingLog();
  const { warnings, errors } = log;
  const prefChanges: string[] = [];
  const core = new ChatCore(chatDeps({
    store, surface, mantle,
    prefs: {
      store: true, showReasoning: true, defaultModel: MODEL, effort: 'low',
      setShowReasoning: async (show) => { prefChanges.push(`showReasoning ${show}`); },
      setEffort: async (effort) => { prefChanges.push(`effort ${effort}`); },
    },
    log, pollIntervalMs: 1,
  }));
  // The view the webview host would connect: it gets the core's snapshot when it says `ready`.
  const view = surface.view(core);
  return { core, store, surface, mantle, warnings, errors, prefChanges, view };
}

const storedThread = (): Thread => ({
  id: 't1', title: 'kept', model: MODEL, createdAt: 1, updatedAt: 2,
  turns: [{ id: 'u1', prompt: 'hi', model: MODEL, answer: 'hello', reasoning: '', status: 'done', createdAt: 1 }],
});

describe('chat core (plain Node)', () => {
  it('a view that says ready gets the state with a thread to type into, then the chips, without storing that thread', async () => {
    const { core, store, view } = setup();
    await view.ready();
    const [state, chips] = view.seen;
    assert.ok(state?.type === 'state' && state.thread);
    assert.equal(state.thread.model, MODEL);
    assert.equal(chips?.type, 'attachments');
    assert.equal(store.saved.size, 0);
    core.dispose();
  });

  it('a view hidden mid-answer and shown again gets the answer so far in its snapshot, not the deltas it missed', async () => {
    const { core, surface, view } = setup();
    const other = surface.view(core);
    await other.ready();
    await view.ready();
    const threadId = core.activeThread?.id ?? '';
    view.hide();
    const before = view.seen.length;
    await core.receive({ type: 'send', threadId, text: 'Hello', background: false });
    assert.equal(view.seen.length, before, 'nothing reaches a hidden view');
    assert.ok(other.seen.some((m) => m.type === 'delta' || m.type === 'state'), 'the other view kept streaming');
    const seenByOther = other.seen.length;
    await view.ready();
    const replay = view.seen.slice(before);
    assert.deepEqual(replay.slice(0, 2).map((m) => m.type), ['state', 'attachments'], 'the snapshot comes first');
    const state = replay[0];
    assert.equal(state?.type === 'state' ? state.thread?.turns[0]?.answer : undefined, 'echo: Hello');
    assert.deepEqual(other.seen.slice(seenByOther).filter((m) => m.type === 'state'), [], 'a view that reloads does not repaint the others');
    core.dispose();
  });

  it('a sent turn streams, finishes, is stored and chains the next one', async () => {
    const { core, store, surface, mantle, view } = setup();
    await view.ready();
    const threadId = core.activeThread?.id ?? '';
    await core.receive({ type: 'send', threadId, text: 'My name is Alice.', background: false });
    await core.receive({ type: 'send', threadId, text: 'What is my name?', background: false });
    const turns = store.saved.get(threadId)?.turns ?? [];
    assert.deepEqual(turns.map((t) => [t.status, t.answer]), [['done', 'echo: My name is Alice.'], ['done', 'echo: What is my name?']]);
    assert.equal(mantle.requests[1]?.previousResponseId, 'resp_1', 'the second turn chains on the first');
    assert.ok(surface.posts.some((p) => p.type === 'delta' || p.type === 'state'));
    core.dispose();
  });

  it('refuses an empty prompt with a notice, and records a failed turn with its actions', async () => {
    const { core, store, surface, view } = setup();
    await view.ready();
    const threadId = core.activeThread?.id ?? '';
    await core.receive({ type: 'send', threadId, text: ' \n\t ', background: false });
    assert.deepEqual(surface.posts.filter((p) => p.type === 'notice').length, 1);
    await core.receive({ type: 'send', threadId, text: 'this will fail', background: false });
    const turn = store.saved.get(threadId)?.turns[0];
    assert.equal(turn?.status, 'error');
    assert.deepEqual(turn?.error?.actions, ['setApiKey', 'showLogs']);
    core.dispose();
  });

  it('runs error actions through the surface, retries the turn, and logs an unknown action', async () => {
    const { core, surface, warnings } = setup({ threads: [storedThread()], active: 't1' });
    await core.receive({ type: 'runAction', action: 'showLogs', threadId: 't1', turnId: 'u1' });
    await core.receive({ type: 'runAction', action: 'workbench.action.quit', threadId: 't1', turnId: 'u1' });
    assert.deepEqual(surface.actions, ['runErrorAction showLogs', 'runErrorAction workbench.action.quit']);
    assert.match(warnings.at(-1) ?? '', /ignored an unknown error action/);
    await core.receive({ type: 'runAction', action: 'retry', threadId: 't1', turnId: 'u1' });
    assert.equal(core.activeThread?.turns.length, 2, 'retry sent the turn\'s prompt again');
    core.dispose();
  });

  it('renames and deletes only with the person\'s answer', async () => {
    const { core, store, surface } = setup({ threads: [storedThread()], active: 't1' });
    surface.title = undefined;
    await core.receive({ type: 'renameThread', threadId: 't1' });
    assert.equal(store.saved.get('t1')?.title, 'kept');
    surface.title = '  Renamed  ';
    await core.receive({ type: 'renameThread', threadId: 't1' });
    assert.equal(store.saved.get('t1')?.title, 'Renamed');
    surface.confirm = false;
    await core.receive({ type: 'deleteThread', threadId: 't1' });
    assert.ok(store.saved.has('t1'));
    surface.confirm = true;
    await core.receive({ type: 'deleteThread', threadId: 't1' });
    assert.ok(!store.saved.has('t1'));
    core.dispose();
  });

  it('keeps a composed prompt until a view is ready, and sends a seeded exchange as its own thread', async () => {
    const { core, surface, store, view } = setup();
    surface.hasViews = false;
    await core.open({ prompt: 'Explain this', attachment: { file: 'a.ts', startLine: 1, endLine: 2, languageId: 'typescript', code: 'x()' } });
    assert.equal(surface.posts.filter((p) => p.type === 'compose').length, 0);
    surface.hasViews = true;
    await view.ready();
    const compose = surface.posts.find((p) => p.type === 'compose');
    assert.ok(compose && compose.type === 'compose' && compose.text.startsWith('Explain this'));
    await core.open({ model: MODEL, seed: { prompt: 'Q', answer: 'A', api: 'responses', responseId: 'resp_9', stored: true } });
    const seeded = core.activeThread;
    assert.deepEqual(seeded?.turns.map((t) => [t.prompt, t.answer, t.responseId]), [['Q', 'A', 'resp_9']]);
    assert.ok(seeded && store.saved.has(seeded.id));
    core.dispose();
  });

  it('polls a background turn until the server says it is complete', async () => {
    const { core, store, view } = setup();
    await view.ready();
    const threadId = core.activeThread?.id ?? '';
    await core.receive({ type: 'send', threadId, text: 'Take your time.', background: true });
    for (let i = 0; i < 100 && store.saved.get(threadId)?.turns[0]?.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 5));
    assert.equal(store.saved.get(threadId)?.turns[0]?.answer, 'done in the background');
    core.dispose();
  });

  it('ignores 1,000+ malformed messages: no throw, no request, no post, no action, one log line each', async () => {
    const { core, surface, mantle, warnings, errors, prefChanges, store } = setup({ threads: [storedThread()], active: 't1' });
    await new Promise((r) => setTimeout(r, 0));
    surface.posts.length = 0;
    const messages = malformedMessages({ ...CHAT_SHAPES, maxString: MAX_MESSAGE_STRING }, 1_000);
    assert.ok(messages.length >= 1_000);
    for (const { why, message } of messages) {
      const before = warnings.length;
      await core.receive(message);
      assert.equal(warnings.length - before, 1, `${why}: logged ${warnings.length - before} times`);
      assert.match(warnings.at(-1) ?? '', /ignored a malformed webview message/, why);
    }
    assert.deepEqual(
      { posts: surface.posts, actions: surface.actions, requests: mantle.requests, errors, prefChanges },
      { posts: [], actions: [], requests: [], errors: [], prefChanges: [] },
    );
    assert.deepEqual(store.saved.get('t1'), storedThread());
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    core.dispose();
  });
});
