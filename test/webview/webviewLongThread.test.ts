// A long thread in the real chat webview bundle and real Chromium (src/webview/transcriptWindow.ts): the transcript
// renders the last turns only; scrolling up (or the "earlier messages" button) renders older ones above without
// moving what is on screen; the reader at the end gets the short window back; a streamed answer still lands in the
// last turn; exporting still asks the host for the whole thread.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread, Turn } from '../../src/common/threads/model';
import { PAGE_TURNS, WINDOW_TURNS } from '../../src/webview/transcriptWindow';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite, threadState } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const TURNS = 300;

function turn(i: number, status: Turn['status'] = 'done', answer = `Answer ${i}: a paragraph of text.\n\n- a point\n- another point`): Turn {
  return { id: `t${i}`, prompt: `Question ${i}`, model: MODEL, api: 'responses', answer, reasoning: '', status, createdAt: i };
}

function thread(id: string, turns: Turn[]): Thread {
  return { id, title: id, model: MODEL, createdAt: 1, updatedAt: 2, turns };
}

function state(t: Thread): HostMessage {
  return threadState(t, MODEL);
}

const long = (n = TURNS) => Array.from({ length: n }, (_, i) => turn(i + 1));

describe('webview: long threads render a window of turns (Chromium, real bundle)', function () {
  this.timeout(120_000);
  const h = chatWebviewForSuite();
  const post = (m: HostMessage) => h.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const prompts = () => h.page.evaluate(() => Array.from(document.querySelectorAll('.user-text')).map((e) => e.textContent ?? ''));


  beforeEach(async () => {
    await h.open();
    await post(state(thread('long', long())));
    await settled(h.page);
  });

  it('renders the last turns of a long thread, at the end, with a row saying how many are not shown', async () => {
    const shown = await prompts();
    assert.equal(shown.length, WINDOW_TURNS);
    assert.equal(shown.at(-1), `Question ${TURNS}`);
    assert.equal(shown[0], `Question ${TURNS - WINDOW_TURNS + 1}`);
    const earlier = await h.page.locator('.earlier-button').textContent();
    assert.match(earlier ?? '', new RegExp(`\\(${(TURNS - WINDOW_TURNS) * 2} not shown\\)`));
    const atEnd = await h.page.evaluate(() => { const t = document.querySelector('.transcript') as HTMLElement; return t.scrollHeight - t.scrollTop - t.clientHeight < 60; });
    assert.ok(atEnd, 'the transcript is scrolled to the end');
  });

  it('scrolling up renders older turns above without moving what was on screen', async () => {
    const firstShown = `Question ${TURNS - WINDOW_TURNS + 1}`;
    const topOf = (text: string) => h.page.evaluate((t) => Array.from(document.querySelectorAll('.user-text')).find((e) => e.textContent === t)?.getBoundingClientRect().top, text);
    // Bring the oldest rendered message into view just below the top, then scroll to the top edge.
    await h.page.evaluate((t) => {
      const el = Array.from(document.querySelectorAll('.user-text')).find((e) => e.textContent === t) as HTMLElement;
      const transcript = document.querySelector('.transcript') as HTMLElement;
      transcript.scrollTop = el.offsetTop - transcript.offsetTop - 100;
    }, firstShown);
    await settled(h.page);
    const before = (await prompts()).length;
    if (before === WINDOW_TURNS) {
      const top = await topOf(firstShown);
      await h.page.evaluate(() => { const t = document.querySelector('.transcript') as HTMLElement; t.scrollTop = 0; t.dispatchEvent(new Event('scroll')); });
      await h.page.waitForFunction((n) => document.querySelectorAll('.user-text').length > n, before);
      const after = await prompts();
      assert.equal(after.length, WINDOW_TURNS + PAGE_TURNS);
      assert.equal(after[0], `Question ${TURNS - WINDOW_TURNS - PAGE_TURNS + 1}`);
      assert.ok(top !== undefined);
    } else {
      // Scrolling near the top already rendered older turns (the window grew on the first scroll).
      assert.equal(before, WINDOW_TURNS + PAGE_TURNS);
    }
    assert.ok((await prompts()).includes(`Question ${TURNS - WINDOW_TURNS}`), 'the turn just above the first window is rendered');
    // What was rendered before stays in place: the first message of the old window did not jump to the top.
    const top = await topOf(firstShown);
    assert.ok(top !== undefined && top > 0, `the message that was on screen stays below the new ones (top ${top})`);
  });

  it('the earlier-messages button renders the next page, down to the first turn', async () => {
    for (let shown = WINDOW_TURNS; shown < TURNS; shown = Math.min(TURNS, shown + PAGE_TURNS)) {
      assert.equal((await prompts()).length, shown);
      await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
      await settled(h.page);
    }
    const all = await prompts();
    assert.equal(all.length, TURNS);
    assert.equal(all[0], 'Question 1');
    assert.equal(await h.page.locator('.earlier').count(), 0, 'no earlier-messages row once everything is rendered');
  });

  it('a new streamed turn lands at the end and the window stays short for a reader at the end', async () => {
    const turns = [...long(), turn(TURNS + 1, 'streaming', '')];
    await post(state(thread('long', turns)));
    await post({ type: 'delta', threadId: 'long', turnId: `t${TURNS + 1}`, text: 'Streamed into the long thread.', reasoning: '' });
    await settled(h.page);
    const shown = await prompts();
    assert.equal(shown.at(-1), `Question ${TURNS + 1}`);
    assert.ok(shown.length <= WINDOW_TURNS, `${shown.length} turns rendered`);
    const last = await h.page.evaluate(() => Array.from(document.querySelectorAll('.msg.assistant .answer')).at(-1)?.textContent ?? '');
    assert.match(last, /Streamed into the long thread\./);
  });

  it('switching threads starts the other thread at its end; exporting still names the whole thread', async () => {
    await h.page.evaluate(() => (document.querySelector('.earlier-button') as HTMLButtonElement).click());
    await settled(h.page);
    assert.equal((await prompts()).length, WINDOW_TURNS + PAGE_TURNS);
    await post(state(thread('other', long(100))));
    await settled(h.page);
    const shown = await prompts();
    assert.equal(shown.length, WINDOW_TURNS);
    assert.equal(shown.at(-1), 'Question 100');
    // Export is built by the host from the stored thread: the webview only names it, whatever it renders.
    await h.page.locator('[data-action="exportThread"]').click();
    const posted = await h.page.evaluate(() => (window as unknown as { __posted: { type: string; threadId?: string }[] }).__posted.filter((m) => m.type === 'exportThread'));
    assert.deepEqual(posted.map((m) => m.threadId), ['other']);
  });
});
