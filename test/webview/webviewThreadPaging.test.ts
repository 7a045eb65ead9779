// A long thread as the host posts it (src/common/chat/threadWindow.ts) in the real chat webview bundle and Chromium:
// the `state` carries the last turns only, the header shows the whole thread's figures from the host, and scrolling
// up asks the host for older pages (`loadTurns`) and renders them above what is on screen, down to the first turn;
// a turn boundary keeps what was paged in.
import { strict as assert } from 'node:assert';
import { formatCount } from '../../src/common/chat/usage';
import { PAGE_TURNS as HOST_PAGE, pageBefore, STATE_TURNS, threadFigures, windowOf } from '../../src/common/chat/threadWindow';
import type { HostMessage, WebviewMessage } from '../../src/common/protocol';
import type { Thread, Turn } from '../../src/common/threads/model';
import { END_CHARS, WINDOW_TURNS } from '../../src/webview/transcriptWindow';
import { longReply } from '../emulator/longReply';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const TURNS = 150;

function turn(i: number, status: Turn['status'] = 'done', answer = `Answer ${i}: a paragraph of text.\n\n- a point\n- another point`): Turn {
  return {
    id: `t${i}`, prompt: `Question ${i}`, model: MODEL, api: 'responses', answer, reasoning: '', status, createdAt: i,
    ...(status === 'done' ? { usage: { inputTokens: 1_000, outputTokens: 100, reasoningTokens: 0, cachedTokens: 0 } } : {}),
  };
}
const thread = (turns: Turn[]): Thread => ({ id: 'long', title: 'long', model: MODEL, createdAt: 1, updatedAt: 2, turns });
const all = () => Array.from({ length: TURNS }, (_, i) => turn(i + 1));

/** The `state` ChatCore.postState sends for this thread. */
function state(t: Thread): HostMessage {
  const { thread: shown, window } = windowOf(t, threadFigures(t, undefined));
  return {
    type: 'state', thread: shown, window, models: [{ id: MODEL, api: 'responses', reasoning: true }],
    threads: [{ id: t.id, title: t.title, model: t.model, updatedAt: t.updatedAt, turns: t.turns.length, running: false }],
    prefs: { showReasoning: true, effort: 'medium', store: true },
  };
}

describe('webview: a long thread posted as a window, older pages from the host (Chromium, real bundle)', function () {
  this.timeout(120_000);
  const h = chatWebviewForSuite();
  let answered = 0;
  const post = (m: HostMessage) => h.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const prompts = () => h.page.evaluate(() => Array.from(document.querySelectorAll('.user-text')).map((e) => e.textContent ?? ''));
  const loads = () => h.page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted.filter((m) => m.type === 'loadTurns'));
  /** Answers the webview's page requests not answered yet, as ChatCore does; returns how many it answered. */
  async function answerLoads(t: Thread): Promise<number> {
    const asked = await loads();
    for (const m of asked.slice(answered)) if (m.type === 'loadTurns') await post({ type: 'turns', threadId: m.threadId, ...pageBefore(t, m.before) });
    const n = asked.length - answered;
    answered = asked.length;
    await settled(h.page);
    return n;
  }

  beforeEach(async () => {
    await h.open();
    answered = 0;
    await post(state(thread(all())));
    await settled(h.page);
  });

  it('shows the end of the thread and the whole thread\'s figures from a state that holds its last turns only', async () => {
    const shown = await prompts();
    assert.equal(shown.length, WINDOW_TURNS);
    assert.equal(shown.at(-1), `Question ${TURNS}`);
    const totals = await h.page.locator('.totals').textContent();
    assert.match(totals ?? '', new RegExp(`in ${formatCount(TURNS * 1_000).replace('.', '\\.')} · out ${formatCount(TURNS * 100).replace('.', '\\.')}`), totals ?? '');
    const earlier = await h.page.locator('.earlier-button').textContent();
    assert.match(earlier ?? '', new RegExp(`\\(${(TURNS - WINDOW_TURNS) * 2} not shown\\)`));
    assert.deepEqual(await loads(), [], 'nothing asked while the window is a page away from the oldest turn held');
  });

  it('scrolling up asks the host for older pages and renders them above, down to the first turn', async () => {
    for (let rounds = 0; rounds < 40 && (await prompts())[0] !== 'Question 1'; rounds++) {
      await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement | null)?.click());
      await settled(h.page);
      await answerLoads(thread(all()));
    }
    const shown = await prompts();
    assert.equal(shown.length, TURNS);
    assert.deepEqual(shown, all().map((t) => t.prompt), 'every turn once, in order');
    const asked = await loads();
    assert.ok(asked.length >= Math.ceil((TURNS - STATE_TURNS) / HOST_PAGE), `${asked.length} pages asked`);
    assert.deepEqual(asked[0], { type: 'loadTurns', threadId: 'long', before: TURNS - STATE_TURNS });
    assert.equal(new Set(asked.map((m) => m.type === 'loadTurns' && m.before)).size, asked.length, 'no page asked twice');
    assert.equal(await h.page.locator('.earlier').count(), 0);
    assert.deepEqual((await h.findings()).pageErrors, []);
  });

  it('a page that arrives while the reader waits at the top renders above without moving what was on screen', async () => {
    // Render everything the first state holds, then ask for more than that.
    await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
    await settled(h.page);
    assert.equal((await prompts()).length, STATE_TURNS);
    const oldest = `Question ${TURNS - STATE_TURNS + 1}`;
    const topOf = () => h.page.evaluate((t) => Array.from(document.querySelectorAll('.user-text')).find((e) => e.textContent === t)?.getBoundingClientRect().top, oldest);
    await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
    await settled(h.page);
    assert.equal((await prompts()).length, STATE_TURNS, 'nothing more to render until the host answers');
    const before = await topOf();
    assert.equal(await answerLoads(thread(all())), 1);
    const shown = await prompts();
    assert.equal(shown.length, STATE_TURNS + HOST_PAGE);
    assert.equal(shown[0], `Question ${TURNS - STATE_TURNS - HOST_PAGE + 1}`);
    const after = await topOf();
    assert.ok(before !== undefined && after !== undefined && Math.abs(after - before) < 2, `the message on screen moved from ${before} to ${after}`);
  });

  it('a turn boundary keeps the paged-in turns held (not asked again); a streamed answer lands in the new last turn', async () => {
    for (let i = 0; i < 3; i++) {
      await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
      await settled(h.page);
      await answerLoads(thread(all()));
    }
    const paged = await prompts();
    assert.ok(paged.length > STATE_TURNS, `${paged.length} turns rendered`);
    const asked = (await loads()).length;
    // A new turn starts streaming and its deltas arrive: the view goes to the end, as for every new turn.
    const grown = thread([...all(), turn(TURNS + 1, 'streaming', '')]);
    await post(state(grown));
    await post({ type: 'delta', threadId: 'long', turnId: `t${TURNS + 1}`, text: 'Streamed after paging.', reasoning: '' });
    await settled(h.page);
    const shown = await prompts();
    assert.equal(shown.at(-1), `Question ${TURNS + 1}`);
    const last = await h.page.evaluate(() => Array.from(document.querySelectorAll('.msg.assistant .answer')).at(-1)?.textContent ?? '');
    assert.match(last, /Streamed after paging\./);
    // Going back up renders the turns paged in before from what the view holds, without asking the host again.
    while (!(await prompts()).includes(paged[0] ?? '')) {
      await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
      await settled(h.page);
    }
    const befores = (await loads()).map((m) => (m.type === 'loadTurns' ? m.before : -1));
    assert.ok(befores.length >= asked);
    assert.equal(new Set(befores).size, befores.length, `no page asked again: ${befores.join(', ')}`);
  });
  it('a thread of long answers opens with only the turns that fill its first screens, at the end', async () => {
    await h.open();
    const long = Array.from({ length: 200 }, (_, i) => turn(i + 1, 'done', `Answer ${i + 1}.\n\n${longReply(300)}`));
    await post(state(thread(long)));
    await settled(h.page);
    const shown = await prompts();
    const perTurn = long[0]!.prompt.length + long[0]!.answer.length;
    assert.equal(shown.length, Math.floor(END_CHARS / perTurn) + 1, `${shown.length} turns of ${perTurn} characters`);
    assert.ok(shown.length < WINDOW_TURNS);
    assert.equal(shown.at(-1), 'Question 200');
    const view = await h.page.evaluate(() => { const t = document.querySelector('.transcript') as HTMLElement; return { filled: t.scrollHeight > t.clientHeight, gap: t.scrollHeight - t.scrollTop - t.clientHeight }; });
    assert.ok(view.filled, 'the rendered turns fill the view');
    assert.ok(view.gap < 60, 'at the end');
  });
  it('a state after a page arrived in the background does not move a reader who scrolled up', async () => {
    await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
    await settled(h.page);
    assert.equal(await answerLoads(thread(all())), 1, 'the next page is fetched ahead');
    const middle = await h.page.evaluate(() => {
      const t = document.querySelector('.transcript') as HTMLElement;
      t.scrollTop = Math.round((t.scrollHeight - t.clientHeight) / 2);
      return t.scrollTop;
    });
    await settled(h.page);
    const rendered = (await prompts()).length;
    await post(state(thread(all()))); // e.g. the model list refreshed: same thread, no new turn
    await settled(h.page);
    const now = await h.page.evaluate(() => (document.querySelector('.transcript') as HTMLElement).scrollTop);
    assert.ok(Math.abs(now - middle) < 2, `the reader was moved from ${middle} to ${now}`);
    assert.equal((await prompts()).length, rendered);
  });
});
