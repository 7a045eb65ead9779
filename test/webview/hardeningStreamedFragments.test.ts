// A streaming answer's blocks are the very nodes DOMPurify returns (markdown.ts renderTokens, RETURN_DOM_FRAGMENT),
// not HTML parsed again. This checks that path while it streams, after every paint — final blocks and the block still
// growing, an open code fence included — not only the finished answer: no script, form control, handler or style
// attribute, no link other than a web or mail link, no script ran, and every node belongs to the page's document.
// GFM task lists are the canary: marked itself writes `<input type="checkbox">` for them, and only the sanitizer
// (FORBID_TAGS) takes it out, so this fails if the fragment path skips DOMPurify or its settings.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread, TurnStatus } from '../../src/common/threads/model';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const ID = 'fragments';
const TURN = `${ID}-turn`;

const HOSTILE = [
  "# Title <script>__hit('heading')</script>\n\n",
  "- [ ] open task <img src=x onerror=\"__hit('task')\">\n- [x] done task\n\n",
  "[js link](javascript:__hit('link')) and [ref link][r] and <javascript:__hit('auto')> and [web link](https://example.com/ok)\n\n",
  "[r]: javascript:__hit('ref')\n\n",
  "<a href=\"javascript:__hit('raw')\" onclick=\"__hit('raw')\">raw anchor</a>\n\n",
  "| a | b |\n|---|:-:|\n| <b onmouseover=\"__hit('cell')\">cell</b> | 2 |\n\n",
  "```js\nconst x = '<img src=x onerror=__hit(1)>';\n",
  "```\n\nAfter the fence, still growing <svg onload=\"__hit('svg')\">",
].join('');

function state(answer: string, status: TurnStatus): HostMessage {
  const t: Thread = {
    id: ID, title: 'fragments', model: MODEL, createdAt: 1, updatedAt: 2,
    turns: [{ id: TURN, prompt: 'Show me something', model: MODEL, api: 'responses', answer, reasoning: '', status, createdAt: 1 }],
  };
  return {
    type: 'state', thread: t, models: [{ id: MODEL, api: 'responses', reasoning: true }],
    threads: [{ id: t.id, title: t.title, model: t.model, updatedAt: t.updatedAt, turns: 1, running: status === 'streaming' }],
    prefs: { showReasoning: true, effort: 'medium', store: true },
  };
}

describe('hardening: a streaming answer\'s sanitized fragments, after every paint (Chromium, real bundle)', function () {
  this.timeout(120_000);
  const h = chatWebviewForSuite();
  const post = (m: HostMessage) => h.page.evaluate((msg) => window.postMessage(msg, '*'), m);
  const caughtUp = () => h.page.waitForFunction(() => !document.querySelector('.answer[data-pending]'), undefined, { polling: 'raf', timeout: 60_000 });

  /** What is unsafe in the answer's DOM right now (the view's own code-block buttons are chrome, not answer markup). */
  const inspect = () => h.page.evaluate(() => {
    const answer = document.querySelector('.msg.assistant .answer');
    const all = answer ? [...answer.querySelectorAll('*')].filter((e) => e.closest('.code-block > .code-bar') === null) : [];
    const banned = ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'img', 'form', 'input', 'button', 'textarea', 'select', 'link', 'meta', 'base', 'template', 'frame'];
    return {
      text: answer?.textContent ?? '',
      items: answer?.querySelectorAll('li').length ?? 0,
      bad: all.filter((e) => banned.includes(e.tagName.toLowerCase())).map((e) => e.tagName.toLowerCase()),
      attrs: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || ['style', 'srcset', 'srcdoc', 'target', 'formaction'].includes(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
      hrefs: all.filter((e) => e.hasAttribute('href')).map((e) => e.getAttribute('href') ?? ''),
      foreign: answer ? [...answer.querySelectorAll('*')].filter((e) => e.ownerDocument !== document).length : 0,
    };
  });

  it('no paint of a hostile answer shows unsafe markup, and it ends as the whole render does', async () => {
    await h.open();
    await post(state('', 'streaming'));
    let paints = 0;
    for (let i = 0; i < HOSTILE.length; i += 11) {
      await post({ type: 'delta', threadId: ID, turnId: TURN, text: HOSTILE.slice(i, i + 11), reasoning: '' });
      await caughtUp();
      const dom = await inspect();
      const at = `after ${Math.min(i + 11, HOSTILE.length)} characters`;
      assert.deepEqual(dom.bad, [], `${at}: dangerous elements`);
      assert.deepEqual(dom.attrs, [], `${at}: handler/style attributes`);
      for (const href of dom.hrefs) assert.match(href, /^(?:https?:|mailto:|#)/i, `${at}: link ${JSON.stringify(href)}`);
      assert.equal(dom.foreign, 0, `${at}: nodes of another document in the page`);
      paints++;
    }
    await post(state(HOSTILE, 'done'));
    await caughtUp();
    await settled(h.page);
    const end = await inspect();
    assert.ok(paints > 40, `${paints} paints`);
    assert.ok(end.items >= 2 && end.text.includes('open task') && end.text.includes('done task'), 'the task list was rendered (the canary reached the sanitizer)');
    assert.deepEqual(end.hrefs.filter((x) => !x.startsWith('#')), ['https://example.com/ok']);
    const f = await h.findings();
    assert.deepEqual(f.hits, [], 'a script ran');
    assert.deepEqual(f.pageErrors, [], 'the page threw');
    assert.deepEqual(f.leaks, [], 'a request reached the outside');
    const streamed = await h.page.evaluate(() => document.querySelector('.msg.assistant .answer')?.innerHTML ?? '');
    // The same answer rendered whole (markdown.ts render: a sanitized string) ends as exactly the same HTML.
    await h.open();
    await post(state(HOSTILE, 'done'));
    await settled(h.page);
    assert.equal(await h.page.evaluate(() => document.querySelector('.msg.assistant .answer')?.innerHTML ?? ''), streamed);
  });
});
