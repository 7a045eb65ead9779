import { strict as assert } from 'node:assert';
import { contextUse, formatContextUse } from '../../src/common/account/contextMeter';

const usage = (inputTokens: number, outputTokens: number) => ({ inputTokens, outputTokens, reasoningTokens: 0, cachedTokens: 0 });

describe('account context meter', () => {
  it('uses the server\'s count of the last answered turn, plus estimates for what came after', () => {
    const turns = [
      { prompt: 'a', answer: 'b', status: 'done', usage: usage(1_000, 200) },
      { prompt: 'x'.repeat(30), answer: 'y'.repeat(30), status: 'done' },
      { prompt: 'failed', answer: '', status: 'error' },
    ];
    // 1,200 measured + (10 + 4) + (10 + 4) estimated (3 bytes a token, 4 per message) + the draft's (1 + 4)
    const u = contextUse(turns, 'openai.gpt-oss-120b', 'hi!');
    assert.deepEqual(u, { tokens: 1_233, window: 131_072, assumed: false });
    assert.equal(formatContextUse(u), 'context ≈ 1.2k of 131k tokens (1%)');
  });

  it('says when the window is only assumed, and shows nothing for an empty thread', () => {
    const u = contextUse([{ prompt: 'q', answer: 'a', status: 'done', usage: usage(16_000, 400) }], 'qwen.qwen3-32b', '');
    assert.equal(formatContextUse(u), 'context ≈ 16k of 33k tokens (50%, assumed window)');
    assert.equal(formatContextUse(contextUse([], 'qwen.qwen3-32b', '')), '');
  });
});
