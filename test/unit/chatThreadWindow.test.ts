// The window of a long thread the host posts to the chat webview (src/common/chat/threadWindow.ts): only the last
// turns, where they start and the whole thread's figures; older pages on request; the webview's merge of a new window
// with the pages it already holds. And the chat core: the `state` it posts for a 10,000-message thread is bounded, a
// `loadTurns` is answered with the page before, and a malformed one is refused.
import { strict as assert } from 'node:assert';
import { ChatCore, type ChatSurface } from '../../src/common/chat/chatCore';
import { contextUse } from '../../src/common/account/contextMeter';
import { totalCost, type PricingContext } from '../../src/common/account/pricing';
import { checkWindow, mergeWindow, PAGE_TURNS, pageBefore, prependPage, STATE_TURNS, threadFigures, windowOf, withDraft } from '../../src/common/chat/threadWindow';
import { threadTotals } from '../../src/common/chat/usage';
import { estimateMessageTokens } from '../../src/common/lm/tokenEstimate';
import { parseWebviewMessage, type HostMessage } from '../../src/common/protocol';
import type { Thread, Turn } from '../../src/common/threads/model';
import { initialState, reduce, type UiState } from '../../src/webview/state';

const MODEL = 'openai.gpt-oss-120b';
const PRICING: PricingContext = { region: 'us-east-1', overrides: { [MODEL]: { input: 1, output: 2, cachedInput: 0.5 } } };

function turn(i: number, extra: Partial<Turn> = {}): Turn {
  return {
    id: `t${i}`, prompt: `Question ${i}`, model: MODEL, api: 'responses', answer: `Answer ${i}`, reasoning: '', status: 'done', createdAt: i,
    usage: { inputTokens: 10 + i, outputTokens: 5, reasoningTokens: 1, cachedTokens: 2 }, ...extra,
  };
}
const thread = (n: number, id = 'long'): Thread => ({ id, title: id, model: MODEL, createdAt: 1, updatedAt: 2, turns: Array.from({ length: n }, (_, i) => turn(i)) });

describe('chat thread window (plain Node)', () => {
  it('a window holds the last STATE_TURNS turns, where they start, and figures of the whole thread', () => {
    const t = thread(5_000);
    const { thread: shown, window } = windowOf(t, threadFigures(t, PRICING));
    assert.equal(shown.turns.length, STATE_TURNS);
    assert.equal(shown.turns[0]?.id, `t${5_000 - STATE_TURNS}`);
    assert.equal(shown.turns.at(-1)?.id, 't4999');
    assert.equal(window.first, 5_000 - STATE_TURNS);
    assert.equal(window.total, 5_000);
    assert.deepEqual(window.figures.totals, threadTotals(t));
    assert.equal(window.figures.totals.turns, 5_000);
    assert.equal(window.figures.totals.inputTokens, 5_000 * 10 + (4_999 * 5_000) / 2);
    assert.deepEqual(window.figures.cost, totalCost(t.turns, PRICING));
    assert.ok(window.figures.cost.micros > 0, 'priced');
    assert.deepEqual(window.figures.context, contextUse(t.turns, MODEL, ''));
    // A short thread is posted whole.
    const short = thread(3);
    assert.deepEqual(windowOf(short, threadFigures(short, PRICING)).window.first, 0);
    assert.equal(windowOf(short, threadFigures(short, PRICING)).thread.turns.length, 3);
  });

  it('figures are computed once per thread version and pricing, and the view adds the draft to the context use', () => {
    const t = thread(10);
    const a = threadFigures(t, PRICING);
    assert.equal(threadFigures(t, PRICING), a, 'the same turns give the cached figures');
    assert.notEqual(threadFigures(t, undefined), a, 'other pricing: computed again');
    assert.equal(threadFigures(t, undefined).cost.priced, 0);
    const grown = { ...t, turns: [...t.turns, turn(10)] };
    assert.equal(threadFigures(grown, PRICING).totals.turns, 11);
    const draft = 'a question typed but not sent';
    assert.equal(withDraft(a.context, draft).tokens, contextUse(t.turns, MODEL, draft).tokens);
    assert.equal(withDraft(a.context, '  ').tokens, a.context.tokens);
    assert.equal(withDraft(a.context, draft).tokens - a.context.tokens, estimateMessageTokens(draft));
  });

  it('the view gets no signed thinking blocks and no attachment bytes, in windows and pages alike', () => {
    const t = thread(50);
    t.turns[49] = turn(49, { thinking: [{ thinking: 'secret', signature: 'c2ln' }] });
    t.turns[5] = turn(5, { thinking: [{ thinking: 'secret', signature: 'c2ln' }] });
    const shown = windowOf(t, threadFigures(t, undefined)).thread.turns;
    assert.ok(shown.every((x) => !('thinking' in x)));
    assert.ok(pageBefore(t, 18).turns.every((x) => !('thinking' in x)));
  });

  it('pages go backwards from a given index and stop at the first turn', () => {
    const t = thread(100);
    const p = pageBefore(t, 68);
    assert.equal(p.first, 68 - PAGE_TURNS);
    assert.deepEqual(p.turns.map((x) => x.id), Array.from({ length: PAGE_TURNS }, (_, i) => `t${48 + i}`));
    assert.deepEqual(pageBefore(t, 7), { first: 0, turns: t.turns.slice(0, 7) });
    assert.deepEqual(pageBefore(t, 0), { first: 0, turns: [] });
    assert.equal(pageBefore(t, 1_000).first, 100 - PAGE_TURNS, 'past the end: the last page');
  });

  it('a new window keeps the older pages that join up with it; anything else replaces them', () => {
    const t = thread(100);
    const held = { threadId: 'long', first: 40, turns: t.turns.slice(40, 90) };
    const next = { threadId: 'long', first: 68, turns: [...t.turns.slice(68), turn(100)] };
    const merged = mergeWindow(held, next);
    assert.equal(merged.first, 40);
    assert.deepEqual(merged.turns.map((x) => x.id), [...t.turns.slice(40), turn(100)].map((x) => x.id));
    assert.equal(mergeWindow({ ...held, threadId: 'other' }, next), next, 'another thread');
    assert.equal(mergeWindow({ ...held, first: 10, turns: t.turns.slice(10, 30) }, next), next, 'a gap between them');
    assert.equal(mergeWindow({ ...held, turns: held.turns.map((x, i) => (i === 28 ? { ...x, id: 'forked' } : x)) }, next), next, 'a different turn at the joint');
    assert.equal(mergeWindow(undefined, next), next);
  });

  it('a page is put in front only when it ends exactly where the held turns begin', () => {
    const t = thread(100);
    const held = { threadId: 'long', first: 68, turns: t.turns.slice(68) };
    const page = { threadId: 'long', ...pageBefore(t, 68) };
    assert.deepEqual(prependPage(held, page)?.turns.map((x) => x.id), t.turns.slice(48).map((x) => x.id));
    assert.equal(prependPage(held, { ...page, threadId: 'other' }), undefined);
    assert.equal(prependPage(held, { threadId: 'long', ...pageBefore(t, 60) }), undefined, 'overlaps');
    assert.equal(prependPage(held, { threadId: 'long', first: 68, turns: [] }), undefined);
  });

  it('a window that does not add up is read as a whole thread', () => {
    const figures = threadFigures(thread(2), undefined);
    assert.deepEqual(checkWindow({ first: 8, total: 10, figures }, 2), { first: 8, total: 10, figures });
    assert.deepEqual(checkWindow(undefined, 2), { first: 0, total: 2 });
    assert.deepEqual(checkWindow({ first: 9, total: 10, figures }, 2), { first: 0, total: 2 }, 'runs past the end');
    assert.deepEqual(checkWindow({ first: -1, total: 10 }, 2), { first: 0, total: 2 });
    assert.deepEqual(checkWindow({ first: 1.5, total: 10 }, 2), { first: 0, total: 2 });
    assert.deepEqual(checkWindow({ first: 0, total: 2, figures: 'x' }, 2), { first: 0, total: 2 });
  });

  it('the webview reducer: a window, an older page in front, a new window keeping it, deltas on the streaming turn', () => {
    const t = thread(100);
    const stateOf = (th: Thread): HostMessage => {
      const { thread: shown, window } = windowOf(th, threadFigures(th, undefined));
      return { type: 'state', threads: [], thread: shown, models: [], prefs: { showReasoning: true, effort: 'low', store: true }, window };
    };
    let s: UiState = reduce(initialState(), stateOf(t));
    assert.equal(s.first, 100 - STATE_TURNS);
    assert.equal(s.total, 100);
    assert.equal(s.thread?.turns.length, STATE_TURNS);
    assert.equal(s.figures?.totals.turns, 100);
    s = reduce(s, { type: 'turns', threadId: 'long', ...pageBefore(t, s.first) });
    assert.equal(s.first, 100 - STATE_TURNS - PAGE_TURNS);
    assert.equal(s.thread?.turns.length, STATE_TURNS + PAGE_TURNS);
    const same = reduce(s, { type: 'turns', threadId: 'long', ...pageBefore(t, 10) });
    assert.equal(same, s, 'a page that does not join up is ignored');
    const streaming = { ...t, turns: [...t.turns, turn(100, { status: 'streaming', answer: '', usage: undefined })] };
    s = reduce(s, stateOf(streaming));
    assert.equal(s.first, 100 - STATE_TURNS - PAGE_TURNS, 'the paged-in turns are kept');
    assert.equal(s.total, 101);
    assert.equal(s.thread?.turns.at(-1)?.id, 't100');
    const before = s.thread?.turns ?? [];
    s = reduce(s, { type: 'delta', threadId: 'long', turnId: 't100', text: 'Hel', reasoning: '' });
    s = reduce(s, { type: 'delta', threadId: 'long', turnId: 't100', text: 'lo', reasoning: 'r' });
    assert.equal(s.thread?.turns.at(-1)?.answer, 'Hello');
    assert.equal(s.thread?.turns.at(-1)?.reasoning, 'r');
    assert.equal(s.thread?.turns[0], before[0], 'other turns are shared, not copied');
    s = reduce(s, stateOf(thread(3, 'other')));
    assert.deepEqual([s.first, s.total, s.thread?.turns.length], [0, 3, 3], 'another thread replaces what was held');
  });
});

describe('chat core: long threads are posted as windows (plain Node)', () => {
  function core(threads: Thread[]) {
    const posts: HostMessage[] = [];
    const warnings: string[] = [];
    const surface = { post: (m: HostMessage) => posts.push(m), hasViews: true } as unknown as ChatSurface;
    const c = new ChatCore({
      store: {
        loadAll: () => threads, save: async () => undefined, delete: async () => undefined,
        activeThreadId: () => threads[0]?.id, setActiveThreadId: async () => undefined,
      },
      prefs: { store: true, showReasoning: true, defaultModel: MODEL, effort: 'low', setShowReasoning: async () => undefined, setEffort: async () => undefined, pricing: PRICING },
      models: { list: async () => [], apiFor: () => 'responses' },
      mantle: { listModels: async () => [], streamTurn: async () => { throw new Error('not used'); } },
      surface, log: { debug: () => undefined, info: () => undefined, warn: (m) => warnings.push(m), error: () => undefined },
      newId: () => 'id', now: () => 1,
    });
    return { c, posts, warnings };
  }

  it('the state of a 10,000-message thread holds its last turns and the whole thread\'s figures, and stays small', async () => {
    const t = thread(5_000);
    const { c } = core([t]);
    // What a view gets when it says `ready` (the webview host's ready gate sends it the snapshot).
    const state = c.snapshot().find((p) => p.type === 'state');
    assert.ok(state?.type === 'state' && state.thread && state.window);
    assert.equal(state.thread.turns.length, STATE_TURNS);
    assert.equal(state.thread.turns.at(-1)?.id, 't4999');
    assert.deepEqual([state.window.first, state.window.total], [5_000 - STATE_TURNS, 5_000]);
    assert.equal(state.window.figures.totals.turns, 5_000);
    assert.deepEqual(state.window.figures.cost, totalCost(t.turns, PRICING));
    const bytes = JSON.stringify(state).length;
    assert.ok(bytes < 20_000, `the state is ${bytes} bytes`);
    c.dispose();
  });

  it('loadTurns is answered with the page before the given index, to the first turn', async () => {
    const { c, posts } = core([thread(5_000)]);
    await c.receive({ type: 'loadTurns', threadId: 'long', before: 5_000 - STATE_TURNS });
    const page = posts.find((p) => p.type === 'turns');
    assert.ok(page?.type === 'turns');
    assert.equal(page.threadId, 'long');
    assert.equal(page.first, 5_000 - STATE_TURNS - PAGE_TURNS);
    assert.deepEqual(page.turns.map((x) => x.id), Array.from({ length: PAGE_TURNS }, (_, i) => `t${page.first + i}`));
    posts.length = 0;
    await c.receive({ type: 'loadTurns', threadId: 'long', before: 0 });
    await c.receive({ type: 'loadTurns', threadId: 'nope', before: 40 });
    assert.deepEqual(posts, [], 'nothing before the first turn, nothing for an unknown thread');
    c.dispose();
  });

  it('a malformed loadTurns is refused with a reason and nothing is posted', async () => {
    for (const bad of [
      { type: 'loadTurns', threadId: 'long' },
      { type: 'loadTurns', threadId: 'long', before: -1 },
      { type: 'loadTurns', threadId: 'long', before: 2.5 },
      { type: 'loadTurns', threadId: 'long', before: '40' },
      { type: 'loadTurns', threadId: 'long', before: Number.MAX_SAFE_INTEGER },
      { type: 'loadTurns', threadId: 7, before: 40 },
    ]) {
      const parsed = parseWebviewMessage(bad);
      assert.equal(parsed.ok, false, JSON.stringify(bad));
      const { c, posts, warnings } = core([thread(100)]);
      await c.receive(bad);
      assert.deepEqual(posts.filter((p) => p.type === 'turns'), []);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0] ?? '', /malformed webview message \(loadTurns\.(before|threadId) is not a valid/);
      c.dispose();
    }
    assert.deepEqual(parseWebviewMessage({ type: 'loadTurns', threadId: 'long', before: 40, extra: 1 }), { ok: true, message: { type: 'loadTurns', threadId: 'long', before: 40 } });
  });
});
