// Figures over repeated runs: medians, the first (cold) call kept apart, tokens per second over generation time,
// and the table / Markdown built from them.
import { strict as assert } from 'node:assert';
import { median, modelStats, outputTokensPerSecond, type RunSample } from '../../src/common/compare/statistics';
import { createSnapshot, runEnded, runStarted, type CompareSnapshot } from '../../src/common/compare/session';
import { comparisonMarkdown, comparisonTable, formatLatency } from '../../src/common/compare/table';
import type { TurnResult } from '../../src/common/mantle/types';

const usage = (out: number, reasoning = 0, input = 20) => ({ inputTokens: input, outputTokens: out, reasoningTokens: reasoning, cachedTokens: 0 });

describe('compare: statistics', () => {
  it('median of odd and even counts, ignoring missing values', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([undefined, 7, Number.NaN]), 7);
    assert.equal(median([]), undefined);
  });

  it('output tokens per second counts the time after the first token', () => {
    assert.equal(outputTokensPerSecond({ ok: true, ttftMs: 500, totalMs: 2500, usage: usage(100) }), 50);
    assert.equal(outputTokensPerSecond({ ok: true, totalMs: 2000, usage: usage(100) }), 50, 'no first-token time: the whole request');
    assert.equal(outputTokensPerSecond({ ok: false, ttftMs: 1, totalMs: 2, usage: usage(100) }), undefined);
    assert.equal(outputTokensPerSecond({ ok: true, ttftMs: 900, totalMs: 900, usage: usage(100) }), undefined, 'no generation time');
  });

  it('reports the first call on its own and the median of the later runs as the latency', () => {
    const runs: RunSample[] = [
      { ok: true, ttftMs: 3000, totalMs: 4260, usage: usage(90) },
      { ok: true, ttftMs: 400, totalMs: 2400, usage: usage(80) },
      { ok: true, ttftMs: 600, totalMs: 2600, usage: usage(100, 30) },
      { ok: true, ttftMs: 500, totalMs: 2460, usage: usage(96) },
    ];
    const s = modelStats(runs);
    assert.deepEqual(s.cold, { ttftMs: 3000, totalMs: 4260 });
    assert.equal(s.warmRuns, 3);
    assert.equal(s.totalMs, 2460, 'median of 2400, 2600, 2460 — the cold 4260 is not in it');
    assert.equal(s.ttftMs, 500);
    assert.equal(s.completed, 4);
    assert.equal(s.outputTokens, 93, 'tokens: median of all runs (90, 80, 100, 96), rounded');
    assert.equal(s.reasoningTokens, 0);
    assert.equal(s.reasoned, true, 'one run reasoned');
  });

  it('with one run, latency is that run; failed runs count for nothing', () => {
    const one = modelStats([{ ok: true, ttftMs: 300, totalMs: 1410, usage: usage(60) }]);
    assert.equal(one.totalMs, 1410);
    assert.equal(one.warmRuns, 0);
    assert.equal(one.reasoned, false);
    const coldFailed = modelStats([{ ok: false }, { ok: true, ttftMs: 200, totalMs: 1000, usage: usage(10) }, { ok: false }]);
    assert.equal(coldFailed.cold, undefined);
    assert.equal(coldFailed.completed, 1);
    assert.equal(coldFailed.totalMs, 1000);
    const none = modelStats([{ ok: false }]);
    assert.equal(none.totalMs, undefined);
    assert.equal(none.tokensPerSecond, undefined);
  });

  it('reasoning text counts as reasoning even when the server reports no reasoning tokens', () => {
    assert.equal(modelStats([{ ok: true, totalMs: 10, usage: usage(5), hasReasoning: true }]).reasoned, true);
  });
});

function result(over: Partial<TurnResult>): TurnResult {
  return { api: 'chat', text: 'answer', reasoning: '', totalMs: 1000, timeToFirstTokenMs: 200, usage: usage(40), ...over };
}

function finished(runs: number, outcomes: Record<number, (TurnResult | 'error')[]>): CompareSnapshot {
  let s = createSnapshot({ id: 's', prompt: 'Explain | pipes\nsecond line', runs, showReasoning: true, models: [
    { id: 'zai.glm-5', name: 'GLM 5' }, { id: 'moonshotai.kimi-k2-thinking', name: 'Kimi K2 Thinking' }] });
  for (const [col, list] of Object.entries(outcomes)) {
    list.forEach((o, run) => {
      s = runStarted(s, Number(col), run, 'chat');
      s = runEnded(s, Number(col), run, o === 'error'
        ? { ok: false, cancelled: false, fellBack: false, error: { kind: 'rateLimited', message: 'Too many requests', actions: [] } }
        : { ok: true, result: o, fellBack: false }, false);
    });
  }
  return s;
}

describe('compare: table and Markdown', () => {
  it('one run: model, API, runs, first token, latency, tokens, reasoning, tokens/s', () => {
    const s = finished(1, { 0: [result({ totalMs: 2510, timeToFirstTokenMs: 510, usage: usage(59) })], 1: [result({ totalMs: 3730, timeToFirstTokenMs: 730, reasoning: 'think', usage: usage(306, 250) })] });
    const t = comparisonTable(s);
    assert.deepEqual(t.headers, ['Model', 'API', 'Runs', 'First token', 'Latency', 'Input tokens', 'Output tokens', 'Reasoning', 'Output tokens/s']);
    assert.deepEqual(t.rows, [
      ['GLM 5', 'Chat Completions', '1', '510 ms', '2.51 s', '20', '59', 'no', '29.5'],
      ['Kimi K2 Thinking', 'Chat Completions', '1', '730 ms', '3.73 s', '20', '306', 'yes (250)', '102'],
    ]);
  });

  it('repeated runs add the cold first call; a failed model says why', () => {
    const s = finished(3, {
      0: [result({ totalMs: 4260 }), result({ totalMs: 2400 }), result({ totalMs: 2500 })],
      1: ['error'],
    });
    const t = comparisonTable(s);
    assert.deepEqual(t.headers.slice(3, 6), ['First token (median)', 'Latency (median)', 'First call (cold)']);
    assert.deepEqual(t.rows[0]!.slice(2, 6), ['3', '200 ms', '2.45 s', '4.26 s']);
    assert.deepEqual(t.rows[1]!.slice(2, 6), ['failed (rateLimited)', '–', '–', '–']);
    assert.match(t.note, /medians of the runs after the first/);
  });

  it('Markdown: prompt line, header, separator, one row per model, pipes escaped', () => {
    const md = comparisonMarkdown(finished(1, { 0: [result({ totalMs: 1410 })], 1: [result({})] }));
    const lines = md.split('\n');
    assert.equal(lines[0], 'Prompt: Explain \\| pipes …');
    assert.equal(lines[2], '| Model | API | Runs | First token | Latency | Input tokens | Output tokens | Reasoning | Output tokens/s |');
    assert.equal(lines[3], '|---|---|---|---|---|---|---|---|---|');
    assert.equal(lines[4], '| GLM 5 | Chat Completions | 1 | 200 ms | 1.41 s | 20 | 40 | no | 33.1 |');
    assert.equal(lines.filter((l) => l.startsWith('|')).length, 4);
  });

  it('formats latency in ms under a second and in seconds with two decimals above', () => {
    assert.deepEqual([undefined, 86.4, 999, 1000, 2456].map(formatLatency), ['–', '86 ms', '999 ms', '1.00 s', '2.46 s']);
  });
});
