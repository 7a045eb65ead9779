// Issue 20, item 5: at the side bar's default width (about 290 px in code-server), a middle width and a wide editor,
// the chat's toolbar and its composer bar stay on one line each, the thread title stays readable, and every toolbar
// action is on screen — with a long thread title, a long model id, thread totals, a long-prompt hint and attachment
// chips. The real bundle and stylesheet in Chromium (the loopback harness of test/hardening/), with the editor's font
// size set as VS Code sets it.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import { settled, type WebviewHarness } from '../hardening/webviewHarness';
import { chatWebviewForSuite } from '../kit/webview';

const MODEL = 'qwen.qwen3-coder-480b-a35b-instruct';
const TITLE = 'Explain what the selected code does, how it works, and anything surprising or risky in it';
const stateWith = (model: string): HostMessage => ({
  type: 'state', models: [{ id: MODEL, api: 'chat' }, { id: 'openai.gpt-oss-120b', api: 'responses', reasoning: true }],
  threads: [{ id: 't1', title: TITLE, model: MODEL, updatedAt: 1, turns: 1, running: false }],
  thread: {
    id: 't1', title: TITLE, model, createdAt: 1, updatedAt: 2,
    turns: [{
      id: 'u1', prompt: 'hi', model: MODEL, answer: 'hello', reasoning: '', status: 'done', createdAt: 1,
      usage: { inputTokens: 12_345, outputTokens: 6_789, reasoningTokens: 1_234, cachedTokens: 4_321 },
    }],
  },
  prefs: { showReasoning: true, effort: 'medium', store: true, tools: true },
});
const STATE = stateWith(MODEL);
const ATTACHMENTS: HostMessage = {
  type: 'attachments',
  view: {
    chips: [
      { id: 'a1', kind: 'file', label: 'src/inventory.ts', tokens: 412 },
      { id: 'a2', kind: 'folder', label: 'src/', tokens: 3_100 },
      { id: 'a3', kind: 'problems', label: 'Problems in inventory.ts', tokens: 96 },
    ],
    tokens: 3_608, window: 262_144, maxTotal: 24_000, vision: false,
  },
};
/** Every action the toolbar and the composer bar offer, by the selector the editor tests use. */
const ACTIONS = ['[data-action="toggleThreads"]', '#thread-title', '[data-action="newThread"]', '[data-action="exportThread"]', '#model-select',
  '#effort-button', '#reasoning-toggle', '#tools-toggle', '#attach', '#send'];

/** The distinct vertical centres (6 px buckets) of the visible children of `selector`: one value means one line. */
function linesOf(h: WebviewHarness, selector: string): Promise<number> {
  return h.page.evaluate((sel) => {
    const bar = document.querySelector(sel);
    if (!bar) throw new Error(`${sel} is missing`);
    const centres = [...bar.children].map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0)
      .map((r) => Math.round((r.top + r.height / 2) / 6));
    return new Set(centres).size;
  }, selector);
}

describe('chat layout: one line for the toolbar and one for the composer bar', function () {
  this.timeout(90_000);
  const h = chatWebviewForSuite();


  for (const width of [290, 420, 1000]) {
    it(`at ${width} px`, async () => {
      await h.page.setViewportSize({ width, height: 700 });
      await h.open();
      await h.page.evaluate(([state, attachments]) => {
        // What VS Code sets on a webview's root (the default editor font), so text is as wide as in the editor.
        document.documentElement.style.setProperty('--vscode-font-size', '13px');
        document.documentElement.style.setProperty('--vscode-font-family', 'system-ui, sans-serif');
        window.postMessage(state, '*');
        window.postMessage(attachments, '*');
      }, [STATE, ATTACHMENTS]);
      await settled(h.page);
      await h.page.locator('.totals', { hasText: 'thread:' }).waitFor();
      await h.page.locator('.attachment-chip[data-kind="folder"]').waitFor();
      await h.page.locator('#composer').fill('x'.repeat(9_000));
      await h.page.locator('.prompt-size:not([hidden])').waitFor();

      assert.equal(await linesOf(h, '.toolbar'), 1, 'the toolbar wraps');
      assert.equal(await linesOf(h, '.composer-bar'), 1, 'the composer bar wraps');
      const title = await h.page.locator('#thread-title').boundingBox();
      assert.ok(title && title.width >= Math.min(150, width / 2), `the thread title is ${title?.width ?? 0} px wide`);
      for (const sel of ACTIONS) {
        const box = await h.page.locator(sel).boundingBox();
        assert.ok(box && box.width >= 16 && box.height >= 12, `${sel} is not visible`);
        assert.ok(box.x >= 0 && box.x + box.width <= width, `${sel} is outside the page (${box.x}…${box.x + box.width})`);
      }
      // The model select keeps room to show a model's name.
      const model = await h.page.locator('#model-select').boundingBox();
      assert.ok(model && model.width >= Math.min(120, width / 3), `the model select is ${model?.width ?? 0} px wide`);
    });
  }

  it('the effort menu works from the keyboard: arrows move, Enter picks, Escape only closes the menu', async () => {
    await h.page.setViewportSize({ width: 290, height: 700 });
    await h.open();
    await h.page.evaluate((m) => window.postMessage(m, '*'), stateWith('openai.gpt-oss-120b'));
    const button = h.page.locator('#effort-button:not([disabled])');
    await button.waitFor();
    assert.equal(await button.getAttribute('aria-label'), 'Reasoning effort: medium');
    await button.focus();
    await h.page.keyboard.press('ArrowDown');
    await h.page.locator('#effort-menu:not([hidden])').waitFor();
    assert.equal(await h.page.evaluate(() => document.activeElement?.getAttribute('data-effort')), 'medium', 'the menu opens on the current effort');
    await h.page.keyboard.press('ArrowDown');
    await h.page.keyboard.press('Enter');
    await h.page.locator('#effort-menu').waitFor({ state: 'hidden' });
    const posted = () => h.page.evaluate(() => (window as unknown as { __posted: { type: string; effort?: string }[] }).__posted.filter((m) => m.type !== 'ready'));
    assert.deepEqual(await posted(), [{ type: 'setEffort', effort: 'high' }]);
    assert.equal(await h.page.evaluate(() => document.activeElement?.id), 'effort-button', 'the focus returns to the button');
    await h.page.keyboard.press('Enter');
    await h.page.locator('#effort-menu:not([hidden])').waitFor();
    await h.page.keyboard.press('Escape');
    await h.page.locator('#effort-menu').waitFor({ state: 'hidden' });
    assert.deepEqual(await posted(), [{ type: 'setEffort', effort: 'high' }], 'Escape posted nothing (no stop)');
  });
});
