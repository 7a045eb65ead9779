import { strict as assert } from 'node:assert';
import { DeltaBatcher, type DeltaBatch } from '../../src/common/chat/batcher';

describe('streaming delta batcher', () => {
  it('coalesces many deltas into one message per interval, per turn, in order', async () => {
    const out: DeltaBatch[] = [];
    const b = new DeltaBatcher((x) => out.push(x), 20);
    for (let i = 0; i < 100; i++) b.push('t', 'u', 'text', `${i} `);
    b.push('t', 'u', 'reasoning', 'why');
    b.push('t', 'v', 'text', 'other');
    assert.equal(out.length, 0, 'nothing is sent per token');
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(out.length, 2);
    assert.equal(out[0]?.text, Array.from({ length: 100 }, (_, i) => `${i} `).join(''));
    assert.equal(out[0]?.reasoning, 'why');
    assert.equal(out[1]?.turnId, 'v');
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
