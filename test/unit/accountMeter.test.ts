import { strict as assert } from 'node:assert';
import { UsageMeter } from '../../src/common/account/usageMeter';
import { formatTotal } from '../../src/common/account/pricing';
import type { TurnStreamer } from '../../src/common/mantle/turnEngine';

describe('account usage meter', () => {
  it('adds every answered turn since the window opened, priced when the price is known', async () => {
    const meter = new UsageMeter(() => ({ region: 'us-east-1', overrides: {} }));
    let changes = 0;
    meter.onChange(() => changes++);
    const client: TurnStreamer = {
      streamTurn: async (req) => ({ api: 'chat', text: 'ok', reasoning: '', totalMs: 1, usage: req.model === 'no-usage' ? undefined : { inputTokens: 1_000, outputTokens: 100, reasoningTokens: 0, cachedTokens: 0 } }),
    };
    const wrapped = meter.wrap(client);
    await wrapped.streamTurn({ model: 'openai.gpt-oss-20b', api: 'chat', messages: [] }, () => undefined);
    await wrapped.streamTurn({ model: 'unknown.model', api: 'chat', messages: [] }, () => undefined);
    await wrapped.streamTurn({ model: 'no-usage', api: 'chat', messages: [] }, () => undefined);
    // 1,000 × 0.075 + 100 × 0.30 = 105 µ$
    assert.equal(meter.total.micros, 105);
    assert.equal(meter.total.inputTokens, 2_000);
    assert.equal(meter.total.unpriced, 1);
    assert.equal(changes, 2);
    assert.equal(formatTotal(meter.total), '$0.0001 + 1 turn without a price');
  });
});
