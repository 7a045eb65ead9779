import { strict as assert } from 'node:assert';
import { DeltaBatcher, type DeltaBatch } from '../../src/common/chat/batcher';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('streaming delta batcher', () => {
  it('sends the first delta at once, then coalesces the rest into one message per interval, per turn, in order', async () => {
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 20);
    for (let i = 0; i < 100; i++) b.push('t', 'u', 'text', `${i} `);
    b.push('t', 'u', 'reasoning', 'why');
    assert.deepEqual(out, [{ threadId: 't', turnId: 'u', text: '0 ', reasoning: '' }], 'only the first token goes out at once, not one per token');
    await tick(40);
    assert.equal(out.length, 2);
    assert.equal(out[1]?.text, Array.from({ length: 99 }, (_, i) => `${i + 1} `).join(''));
    assert.equal(out[1]?.reasoning, 'why');
    b.dispose();
  });

  it("sends a turn's first delta at once even when another turn was sent a moment ago (what was pending goes with it)", () => {
    let clock = 0;
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 40, () => clock);
    b.push('t', 'u', 'text', 'a');             // sent at 0
    clock = 10; b.push('t', 'u', 'text', 'b');  // u waits for its interval
    clock = 12; b.push('t2', 'v', 'text', 'x'); // v's first token: not held back by u's send at 0
    assert.deepEqual(out.map((o) => `${o.turnId}:${o.text}`), ['u:a', 'u:b', 'v:x']);
    clock = 20; b.push('t2', 'v', 'text', 'y'); // v was just sent: waits now
    clock = 25; b.push('t3', 'w', 'text', 'z'); // a third turn's first token, with v's pending text
    assert.deepEqual(out.map((o) => `${o.turnId}:${o.text}`), ['u:a', 'u:b', 'v:x', 'v:y', 'w:z']);
    b.dispose();
  });

  it('never sends twice within one interval while deltas keep coming', () => {
    let clock = 0;
    const sentAt: number[] = [];
    const b = new DeltaBatcher(() => sentAt.push(clock), 40, () => clock);
    b.push('t', 'u', 'text', 'a');            // quiet before: sent at 0
    clock = 10; b.push('t', 'u', 'text', 'b'); // waits for the interval
    clock = 39; b.push('t', 'u', 'text', 'c');
    assert.deepEqual(sentAt, [0]);
    b.flush();                                  // the timer's send, at 39
    clock = 50; b.push('t', 'u', 'text', 'd'); // only 11 ms after the last send: waits
    assert.deepEqual(sentAt, [0, 39]);
    clock = 100; b.flush();
    clock = 200; b.push('t', 'u', 'text', 'e'); // quiet again: sent at once
    assert.deepEqual(sentAt, [0, 39, 100, 200]);
    b.dispose();
  });

  it('flushes on demand and ignores empty deltas', () => {
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 1000);
    b.push('t', 'u', 'text', '');
    b.flush();
    assert.equal(out.length, 0);
    b.push('t', 'u', 'text', 'a');
    b.flush();
    assert.deepEqual(out, [{ threadId: 't', turnId: 'u', text: 'a', reasoning: '' }]);
    b.dispose();
  });
});
