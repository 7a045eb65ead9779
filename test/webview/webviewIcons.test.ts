// The webview ships only the codicons its source names (esbuild.codicons.mjs cuts codicon.css and codicon.ttf). The
// real bundle, style sheet and font in Chromium: with turns in every state, tool calls, attachments, the thread list
// and the effort menu on screen, every icon has its glyph rule and the cut font loads.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const turn = (id: string, more: object) => ({ id, prompt: 'hi', model: MODEL, answer: 'hello', reasoning: '', status: 'done', createdAt: 1, ...more });
const STATE: HostMessage = {
  type: 'state', models: [{ id: MODEL, api: 'responses', reasoning: true }],
  threads: [{ id: 't1', title: 'Icons', model: MODEL, updatedAt: 2, turns: 4, running: false }, { id: 't2', title: 'Busy', model: MODEL, updatedAt: 1, turns: 1, running: true }],
  thread: {
    id: 't1', title: 'Icons', model: MODEL, createdAt: 1, updatedAt: 2,
    turns: [
      turn('u1', { reasoning: 'thinking', notice: 'The history was resent.', tools: [{ name: 'readFile', args: '{}', summary: 'ok' }, { name: 'listFiles', args: '{}', summary: 'failed', isError: true }] }),
      turn('u2', { status: 'stopped' }),
      turn('u3', { status: 'error', answer: '', error: { kind: 'auth', message: 'The key was refused.', actions: ['setApiKey', 'showLogs', 'retry'] } }),
      turn('u4', { status: 'background', answer: '' }),
    ],
  },
  prefs: { showReasoning: true, effort: 'medium', store: true, tools: true },
} as HostMessage;
const ATTACHMENTS: HostMessage = {
  type: 'attachments',
  view: {
    chips: [{ id: 'a1', kind: 'file', label: 'a.ts', tokens: 4 }, { id: 'a2', kind: 'folder', label: 'src/', tokens: 9 }, { id: 'a3', kind: 'problems', label: 'Problems', tokens: 3 }],
    tokens: 16, window: 131_072, maxTotal: 24_000, vision: false,
  },
};

describe('chat webview icons (codicon subset)', function () {
  this.timeout(90_000);
  const h = chatWebviewForSuite();

  it('draws every icon on screen from the cut font', async () => {
    await h.open();
    await h.page.evaluate(([state, attachments]) => { window.postMessage(state, '*'); window.postMessage(attachments, '*'); }, [STATE, ATTACHMENTS]);
    await h.page.locator('.background-bar').waitFor();
    await h.page.locator('.attachment-chip[data-kind="problems"]').waitFor();
    await h.page.locator('[data-action="toggleThreads"]').click();
    await h.page.locator('.thread-row .codicon-loading').waitFor();
    await h.page.locator('#effort-button').click();
    await settled(h.page);

    const icons = await h.page.evaluate(() => [...document.querySelectorAll('.codicon')].map((el) => ({
      cls: el.className, content: getComputedStyle(el, '::before').content,
    })));
    const names = new Set(icons.map((i) => /codicon-(?!modifier)([a-z0-9-]+)/.exec(i.cls)?.[1]));
    // The states above put these on screen (so the check below is about real icons, not an empty page).
    for (const n of ['chevron-down', 'tools', 'warning', 'info', 'debug-stop', 'error', 'loading', 'file', 'folder', 'list-unordered', 'dashboard', 'check', 'copy', 'edit', 'trash', 'close']) {
      assert.ok(names.has(n), `no .codicon-${n} on screen`);
    }
    const blank = icons.filter((i) => !/^"\\?.+"$/.test(i.content) || i.content === '""');
    assert.deepEqual(blank, [], 'icons without a glyph rule');
    const face = await h.page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'codicon').map((f) => f.status);
    });
    assert.deepEqual(face, ['loaded'], 'the codicon font face');
    assert.deepEqual((await h.findings()).pageErrors, []);
  });
});
