import { strict as assert } from 'node:assert';
import { MAX_MESSAGE_STRING, parseHostMessage, parseWebviewMessage } from '../../src/common/protocol';

describe('host↔webview protocol validation', () => {
  it('accepts well-formed webview messages and keeps only declared fields', () => {
    const r = parseWebviewMessage({ type: 'send', threadId: 't', text: 'hi', background: false, extra: 'evil' });
    assert.deepEqual(r, { ok: true, message: { type: 'send', threadId: 't', text: 'hi', background: false } });
    assert.equal(parseWebviewMessage({ type: 'ready' }).ok, true);
    assert.equal(parseWebviewMessage({ type: 'setEffort', effort: 'high' }).ok, true);
  });

  it('rejects malformed messages with a reason instead of throwing', () => {
    const bad: unknown[] = [
      null, undefined, 42, 'send', [], {}, { type: 'nope' }, { type: '__proto__' }, { type: 'toString' },
      { type: 'send', threadId: 't', text: 5, background: false },
      { type: 'send', threadId: 't', text: 'x' },
      { type: 'setEffort', effort: 'extreme' },
      { type: 'setShowReasoning', show: 'yes' },
      { type: 'copy', text: 'x'.repeat(MAX_MESSAGE_STRING + 1) },
    ];
    for (const b of bad) {
      const r = parseWebviewMessage(b);
      assert.equal(r.ok, false, JSON.stringify(b)?.slice(0, 80));
      if (!r.ok) assert.ok(r.reason.length > 0);
    }
  });

  it('validates host messages for the webview', () => {
    assert.equal(parseHostMessage({ type: 'delta', threadId: 't', turnId: 'u', text: 'a', reasoning: '' }).ok, true);
    assert.equal(parseHostMessage({ type: 'state', threads: [], models: [], prefs: {} }).ok, true);
    assert.equal(parseHostMessage({ type: 'state', threads: [], models: [], prefs: {}, thread: 'x' }).ok, false);
    assert.equal(parseHostMessage({ type: 'delta', threadId: 't' }).ok, false);
  });
});
