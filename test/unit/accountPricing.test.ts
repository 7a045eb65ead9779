import { strict as assert } from 'node:assert';
import { PRICE_TABLE } from '../../src/common/account/priceTable';
import { addCost, emptyTotal, formatTotal, formatTurnCost, formatUsd, parsePriceOverrides, priceFor, turnCost } from '../../src/common/account/pricing';
import type { TurnUsage } from '../../src/common/mantle/types';

const usage = (u: Partial<TurnUsage>): TurnUsage => ({ inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedTokens: 0, ...u });

describe('account pricing', () => {
  it('prices a GPT-5.5 turn with cached input as calculated by hand', () => {
    // 4,000 uncached × $5.50 + 8,000 cached × $0.55 + 1,500 out × $33.00, per 1M tokens:
    // 0.022 + 0.0044 + 0.0495 = $0.0759; the cache saved 8,000 × (5.50 − 0.55) / 1M = $0.0396.
    const cost = turnCost(usage({ inputTokens: 12_000, cachedTokens: 8_000, outputTokens: 1_500, reasoningTokens: 300 }), priceFor('openai.gpt-5.5', 'us-east-1'));
    assert.deepEqual(cost, { micros: 75_900, savedMicros: 39_600, asOf: '2026-09-18', overridden: false });
    assert.equal(formatTurnCost(cost), '$0.0759 (cache saved $0.0396)');
  });

  it('bills Claude cache writes at their own rate and rounds the turn once, to a whole micro-dollar', () => {
    // 1,500 × 1.10 + 1,000 × 0.11 + 500 × 1.375 + 200 × 5.50 = 1,650 + 110 + 687.5 + 1,100 = 3,547.5 µ$ → 3,548.
    const cost = turnCost(usage({ inputTokens: 3_000, cachedTokens: 1_000, cacheWriteTokens: 500, outputTokens: 200 }), priceFor('anthropic.claude-haiku-4-5', 'us-west-2'));
    assert.equal(cost?.micros, 3_548);
    assert.equal(formatUsd(cost?.micros ?? 0), '$0.0035');
  });

  it('uses the long-context rates above 272K input tokens', () => {
    const p = priceFor('openai.gpt-5.4', 'us-east-1');
    assert.equal(turnCost(usage({ inputTokens: 272_000, outputTokens: 1_000 }), p)?.micros, 272_000 * 2.75 + 1_000 * 16.5);
    // 300,000 × 5.50 + 1,000 × 24.75 = 1,674,750 µ$ = $1.67
    const long = turnCost(usage({ inputTokens: 300_000, outputTokens: 1_000 }), p);
    assert.equal(long?.micros, 1_674_750);
    assert.equal(formatUsd(long?.micros ?? 0), '$1.67');
  });

  it('uses a Region row where the price differs', () => {
    assert.equal(priceFor('google.gemma-4-31b', 'eu-central-1')?.rates.input, 0.168);
    assert.equal(priceFor('google.gemma-4-31b', 'us-east-1')?.rates.input, 0.14);
  });

  it('gives no cost for an unknown model or an unknown component, never a guess', () => {
    assert.equal(priceFor('deepseek.v3.2', 'us-east-1'), undefined);
    assert.equal(turnCost(usage({ inputTokens: 10, outputTokens: 10 }), undefined), undefined);
    // gpt-oss-120b has no sourced cached-input price: a turn that read the cache has no cost.
    assert.equal(turnCost(usage({ inputTokens: 100, cachedTokens: 10, outputTokens: 10 }), priceFor('openai.gpt-oss-120b', 'us-east-1')), undefined);
    assert.equal(turnCost(usage({ inputTokens: 100, outputTokens: 10 }), priceFor('openai.gpt-oss-120b', 'us-east-1'))?.micros, 21);
  });

  it('recognises dated aliases and -v1 spellings of a priced model', () => {
    assert.equal(priceFor('openai.gpt-5.5-2026-04-23', 'us-east-1')?.rates.output, 33);
    assert.equal(priceFor('anthropic.claude-sonnet-4-6-v1', 'us-east-1')?.rates.input, 3.3);
  });

  it('dates and sources every row of the shipped table', () => {
    for (const [id, p] of Object.entries(PRICE_TABLE)) {
      assert.match(p.asOf, /^\d{4}-\d{2}(-\d{2})?$/, id);
      assert.ok(p.source.length > 10, id);
      assert.ok(p.input > 0 && p.output > 0, id);
    }
  });

  it('lets overrides win, per Region first, and skips malformed entries with a reason', () => {
    const { overrides, problems } = parsePriceOverrides({
      'openai.gpt-5.5': { input: 4, output: 30, cachedInput: 0.4 },
      'openai.gpt-5.5@us-east-2': { input: 3, output: 20 },
      'bad key!': { input: 1, output: 1 },
      'openai.gpt-oss-20b': { input: 'cheap' },
    });
    assert.equal(problems.length, 2);
    assert.deepEqual(Object.keys(overrides).sort(), ['openai.gpt-5.5', 'openai.gpt-5.5@us-east-2']);
    const east1 = priceFor('openai.gpt-5.5', 'us-east-1', overrides);
    assert.equal(east1?.overridden, true);
    assert.equal(turnCost(usage({ inputTokens: 1_000_000 }), east1)?.micros, 4_000_000);
    assert.equal(priceFor('openai.gpt-5.5', 'us-east-2', overrides)?.rates.input, 3);
    assert.equal(parsePriceOverrides([1]).problems.length, 1);
  });

  it('formats dollars and totals', () => {
    assert.equal(formatUsd(0), '$0');
    assert.equal(formatUsd(49), '<$0.0001');
    assert.equal(formatUsd(50), '$0.0001');
    assert.equal(formatUsd(123_456), '$0.1235');
    assert.equal(formatUsd(12_345_678), '$12.35');
    let total = addCost(emptyTotal(), { micros: 75_900, savedMicros: 39_600, asOf: 'x', overridden: false });
    total = addCost(total, undefined);
    assert.equal(formatTotal(total), '$0.0759 (cache saved $0.0396) + 1 turn without a price');
    assert.equal(formatTotal(addCost(emptyTotal(), undefined)), ''); // nothing priced: tokens only
  });
});
