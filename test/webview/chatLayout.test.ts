// Issue 20, item 5: the chat's toolbar and composer bar stay on one line each at the side bar's default width (about
// 300 px) and in a wide editor, with a long thread title, a long model id, thread totals and attachments on. The
// real bundle and stylesheet in Chromium (the loopback harness of test/hardening/).
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { HostMessage } from '../../src/common/protocol';
import { settled, startWebviewHarness, type WebviewHarness } from '../hardening/webviewHarness';

const MODEL = 'qwen.qwen3-coder-480b-a35b-instruct';
const TITLE = 'Explain what the selected code does, how it works, and anything surprising or risky in it';
const STATE: HostMessage = {
  type: 'state', models: [{ id: MODEL, api: 'chat' }, { id: 'openai.gpt-oss-120b', api: 'responses', reasoning: true }],
  threads: [{ id: 't1', title: TITLE, model: MODEL, updatedAt: 1, turns: 1, running: false }],
  thread: {
    id: 't1', title: TITLE, model: MODEL, createdAt: 1, updatedAt: 2,
    turns: [{
      id: 'u1', prompt: 'hi', model: MODEL, answer: 'hello', reasoning: '', status: 'done', createdAt: 1,
      usage: { inputTokens: 12_345, outputTokens: 6_789, reasoningTokens: 1_234, cachedTokens: 4_321 },
    }],
  },
  prefs: { showReasoning: true, effort: 'medium', store: true, tools: true },
};

/** The distinct tops (rounded) of the visible children of `selector`: one value means one line. */
function rowsOf(h: WebviewHarness, selector: string): Promise<number[]> {
  return h.page.evaluate((sel) => {
    const bar = document.querySelector(sel);
    if (!bar) throw new Error(`${sel} is missing`);
    const tops = [...bar.children]
      .filter((c) => (c as HTMLElement).offsetParent !== null && c.getBoundingClientRect().width > 0)
      .map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2));
    return [...new Set(tops.map((t) => Math.round(t / 6)))];
  }, selector);
}

describe('chat layout: one line for the toolbar and one for the composer bar', function () {
  this.timeout(90_000);
  let h: WebviewHarness;

  before(async function () {
    this.timeout(90_000);
    h = await startWebviewHarness(join(__dirname, '..', '..', 'dist'));
  });
  after(async () => { await h?.close(); });

  for (const width of [300, 420, 1000]) {
    it(`at ${width} px`, async () => {
      await h.page.setViewportSize({ width, height: 700 });
      await h.open();
      await h.page.evaluate((m) => window.postMessage(m, '*'), STATE);
      await settled(h.page);
      await h.page.locator('.composer-bar .totals', { hasText: 'thread:' }).waitFor();
      assert.equal((await rowsOf(h, '.toolbar')).length, 1, 'the toolbar wraps');
      assert.equal((await rowsOf(h, '.composer-bar')).length, 1, 'the composer bar wraps');
      // Nothing is pushed out of sight: the last button of each bar ends inside the page.
      const overflow = await h.page.evaluate(() => ['.toolbar', '.composer-bar'].map((s) => {
        const last = [...document.querySelector(s)!.children].filter((c) => (c as HTMLElement).offsetParent !== null).at(-1)!;
        return last.getBoundingClientRect().right - document.documentElement.clientWidth;
      }));
      for (const o of overflow) assert.ok(o <= 0, `a bar overflows by ${o} px`);
    });
  }
});
