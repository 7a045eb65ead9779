// Bad prompts typed into the real chat webview (Chromium, the loopback harness of test/hardening/): each one gets a
// message the person can read, nothing is posted to the host, and what was typed stays in the composer. A prompt
// just under the limit is posted whole. The host's own refusals are covered by the controller tests.
import { strict as assert } from 'node:assert';
import { MAX_PROMPT_CHARS } from '../../src/common/chat/input';
import type { HostMessage } from '../../src/common/protocol';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';
const STATE: HostMessage = {
  type: 'state', models: [{ id: MODEL, api: 'responses', reasoning: true }],
  threads: [{ id: 't1', title: 'New chat', model: MODEL, updatedAt: 1, turns: 0, running: false }],
  thread: { id: 't1', title: 'New chat', model: MODEL, createdAt: 1, updatedAt: 1, turns: [] },
  prefs: { showReasoning: true, effort: 'medium', store: true },
};

describe('hardening: bad prompts in the real chat webview', function () {
  this.timeout(90_000);
  const h = chatWebviewForSuite();


  /** Puts `text` into the composer as if pasted, presses Enter, and reports what the webview did. */
  async function submit(text: string): Promise<{ sent: { type: string; text?: string }[]; notice: string; composer: number }> {
    await h.open();
    await h.page.evaluate((m) => window.postMessage(m, '*'), STATE);
    await settled(h.page);
    await h.page.evaluate((t) => {
      const c = document.getElementById('composer') as HTMLTextAreaElement;
      c.value = t;
      c.dispatchEvent(new Event('input', { bubbles: true }));
    }, text);
    await h.page.locator('#composer').press('Enter');
    await settled(h.page, 100);
    return h.page.evaluate(() => ({
      sent: ((window as unknown as { __posted: { type: string; text?: string }[] }).__posted).filter((m) => m.type === 'send').map((m) => ({ type: m.type, text: m.text?.length === undefined ? undefined : String(m.text.length) })),
      notice: document.querySelector('.notice')?.textContent ?? '',
      composer: (document.getElementById('composer') as HTMLTextAreaElement).value.length,
    }));
  }

  for (const [what, text] of [['empty', ''], ['whitespace only', ' \n\t  \n']] as const) {
    it(`${what}: refused with a message, nothing sent`, async () => {
      const r = await submit(text);
      assert.deepEqual(r.sent, []);
      assert.match(r.notice, /empty prompt is not sent/);
    });
  }

  it('longer than one message may carry: refused with its size, nothing sent, the text stays in the composer', async () => {
    const r = await submit('y'.repeat(MAX_PROMPT_CHARS + 1));
    assert.deepEqual(r.sent, [], 'the host would drop it as malformed: it must not leave the webview');
    assert.match(r.notice, /2,000,001 characters long; the chat sends at most 2,000,000/);
    assert.equal(r.composer, MAX_PROMPT_CHARS + 1, 'nothing typed is lost');
  });

  it('a huge prompt within the limit is posted whole', async () => {
    const r = await submit(`${'z'.repeat(MAX_PROMPT_CHARS - 10)} end`);
    assert.deepEqual(r.sent, [{ type: 'send', text: String(MAX_PROMPT_CHARS - 6) }]);
    assert.equal(r.notice, '');
  });
});
