// Issue 20: the chat's model picker marks the models that read images, and the composer's "does not read images"
// warning offers them as buttons that switch the thread's model. The real bundle in Chromium.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import { settled } from '../hardening/webviewHarness';
import { chatWebviewForSuite } from '../kit/webview';

const STATE: HostMessage = {
  type: 'state',
  models: [{ id: 'openai.gpt-oss-120b', api: 'responses', reasoning: true }, { id: 'google.gemma-3-27b-it', api: 'chat', vision: true }],
  threads: [{ id: 't1', title: 'New chat', model: 'openai.gpt-oss-120b', updatedAt: 1, turns: 0, running: false }],
  thread: { id: 't1', title: 'New chat', model: 'openai.gpt-oss-120b', createdAt: 1, updatedAt: 1, turns: [] },
  prefs: { showReasoning: true, effort: 'medium', store: true },
};
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const ATTACHMENTS: HostMessage = {
  type: 'attachments',
  view: {
    chips: [{ id: 'i1', kind: 'image', label: 'dot.png', tokens: 85, thumb: `data:image/png;base64,${PNG}`, note: 'not sent: this model does not read images' }],
    tokens: 85, window: 131_072, maxTotal: 24_000, vision: false,
    warning: 'openai.gpt-oss-120b does not read images, so the image was not sent. Remove it or pick a vision model. Models that read images: google.gemma-3-27b-it.',
    visionModels: ['google.gemma-3-27b-it'],
  },
};

describe('chat: vision models in the picker and in the image warning', function () {
  this.timeout(90_000);
  const h = chatWebviewForSuite();

  it('marks vision models in the picker and switches to one from the warning', async () => {
    await h.open();
    await h.page.evaluate(([s, a]) => { window.postMessage(s, '*'); window.postMessage(a, '*'); }, [STATE, ATTACHMENTS]);
    await settled(h.page);
    const options = await h.page.locator('#model-select option').evaluateAll((os) => os.map((o) => [(o as HTMLOptionElement).value, o.textContent, o.getAttribute('title')]));
    assert.deepEqual(options, [['openai.gpt-oss-120b', 'openai.gpt-oss-120b', null], ['google.gemma-3-27b-it', 'google.gemma-3-27b-it · vision', 'Reads images']]);
    const offer = h.page.locator('.attachment-warning [data-action="useModel"]');
    assert.equal(await offer.innerText(), 'Switch to google.gemma-3-27b-it');
    await offer.click();
    const posted = await h.page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'setModel'));
    assert.deepEqual(posted, [{ type: 'setModel', threadId: 't1', model: 'google.gemma-3-27b-it' }]);
  });
});
