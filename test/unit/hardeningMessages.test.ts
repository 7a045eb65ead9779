// The validators in front of the host, against ≥1,000 generated malformed messages each (test/hardening/
// malformedMessages.ts): every one is refused with a reason, none throws, and nothing leaks onto Object.prototype.
// The controllers that run these validators are tested with the same messages in the extension host
// (test/integration/suite/hardeningMessages.test.ts).
import { strict as assert } from 'node:assert';
import { parseCompareWebviewMessage } from '../../src/common/compareProtocol';
import { MAX_MESSAGE_STRING, parseWebviewMessage } from '../../src/common/protocol';
import { CHAT_SHAPES, COMPARE_SHAPES, malformedMessages } from '../hardening/malformedMessages';

const polluted = () => Object.keys(Object.prototype).concat(['polluted', 'isAdmin'].filter((k) => k in {}));

describe('hardening: malformed webview messages against the validators', () => {
  for (const [name, parse, shapes] of [
    ['chat', parseWebviewMessage, CHAT_SHAPES],
    ['compare', parseCompareWebviewMessage, COMPARE_SHAPES],
  ] as const) {
    it(`${name}: refuses each of 1,000+ generated malformed messages with a reason, never throwing`, () => {
      const messages = malformedMessages({ ...shapes, maxString: MAX_MESSAGE_STRING }, 1_000);
      assert.ok(messages.length >= 1_000, `${messages.length} messages`);
      const accepted: string[] = [];
      for (const { why, message } of messages) {
        let r;
        try { r = parse(message); } catch (err) { assert.fail(`${why}: threw ${String(err)}`); }
        if (r.ok) accepted.push(why);
        else assert.ok(r.reason.length > 0 && r.reason.length < 200, `${why}: reason ${JSON.stringify(r.reason.slice(0, 80))}`);
      }
      assert.deepEqual(accepted, [], `accepted malformed messages`);
      assert.deepEqual(polluted(), [], 'Object.prototype was polluted');
    });

    it(`${name}: still accepts each well-formed kind, keeping only its declared fields`, () => {
      for (const [kind, fields] of Object.entries(shapes.withFields)) {
        const r = parse({ type: kind, ...fields, extra: { evil: true }, ...JSON.parse('{"__proto__":{"x":1}}') });
        assert.ok(r.ok, kind);
        if (r.ok) assert.deepEqual(Object.keys(r.message).sort(), ['type', ...Object.keys(fields)].sort(), kind);
      }
      for (const kind of shapes.bare) assert.ok(parse({ type: kind }).ok, kind);
    });
  }
});
