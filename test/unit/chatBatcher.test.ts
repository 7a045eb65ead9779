import { strict as assert } from 'node:assert';
import { DeltaBatcher, type DeltaBatch } from '../../src/common/chat/batcher';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('streaming delta batcher', () => {
  it('sends the first delta at once, then coalesces the rest into one message per interval, per turn, in order', async () => {
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 20);
    for (let i = 0; i < 100; i++) b.push('t', 'u', 'text', `${i} `);
    b.push('t', 'u', 'reasoning', 'why');
    b.push('t', 'v', 'text', 'other');
    assert.deepEqual(out, [{ threadId: 't', turnId: 'u', text: '0 ', reasoning: '' }], 'only the first token goes out at once, not one per token');
    await tick(40);
    assert.equal(out.length, 3);
    assert.equal(out[1]?.text, Array.from({ length: 99 }, (_, i) => `${i + 1} `).join(''));
    assert.equal(out[1]?.reasoning, 'why');
    assert.equal(out[2]?.turnId, 'v');
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
