// Compare Models against the emulator with the real client and openai SDK: three models at once (GPT-OSS through
// Responses, two others through Chat Completions), one failing model isolated from the others, Stop closing every
// connection (the emulator's log shows clientClosedEarly for each), and repeated runs feeding the statistics.
import { strict as assert } from 'node:assert';
import { startComparison, type RunOutcome } from '../../src/common/compare/fanOut';
import { createSnapshot, runEnded, runStarted, applyDelta, columnStats, type CompareSnapshot } from '../../src/common/compare/session';
import { comparisonTable } from '../../src/common/compare/table';
import type { ApiKind } from '../../src/common/mantle/types';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

const KEY = 'mantle-emulator-key';
const MODELS = ['openai.gpt-oss-120b', 'zai.glm-5', 'moonshotai.kimi-k2-thinking'];
const apiFor = (m: string): ApiKind => (m.startsWith('openai.gpt-oss') ? 'responses' : 'chat');

/** Runs a comparison and folds it into a snapshot the way the panel does. */
async function compare(
  emu: RunningEmulator, prompt: string, runs: number, during?: (s: () => CompareSnapshot, stop: () => void) => Promise<void>,
): Promise<{ snapshot: CompareSnapshot; outcomes: RunOutcome[] }> {
  const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY), maxRetries: 0 });
  let s = createSnapshot({ id: 'c', prompt, runs, showReasoning: true, models: MODELS.map((id) => ({ id, name: id })) });
  const outcomes: RunOutcome[] = [];
  const running = startComparison({ mantle: client, apiFor }, { models: MODELS, prompt, runs, store: true, effort: 'low' }, {
    onRunStart: (c, r, api) => { s = runStarted(s, c, r, api); },
    onEvent: (c, r, e) => { if (e.kind !== 'started') s = applyDelta(s, c, r, e.kind === 'text' ? e.delta : '', e.kind === 'reasoning' ? e.delta : ''); },
    onRunEnd: (c, r, o) => { outcomes.push(o); s = runEnded(s, c, r, o, true); },
  });
  if (during) await during(() => s, () => running.stop());
  await running.done;
  return { snapshot: s, outcomes };
}

describe('compare against the emulator', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  afterEach(async () => { await emu?.close(); });

  it('asks three models at once, each through the API it supports, and every column gets its answer and usage', async () => {
    emu = await startEmulator({ port: 0, tokenDelayMs: 2 });
    const { snapshot } = await compare(emu, 'Hello there', 1);
    const posts = emu.log.filter((e) => e.method === 'POST');
    assert.deepEqual(posts.map((e) => `${e.model} ${e.path}`).sort(), [
      'moonshotai.kimi-k2-thinking /v1/chat/completions', 'openai.gpt-oss-120b /v1/responses', 'zai.glm-5 /v1/chat/completions']);
    // They overlapped in time: each started before any of them ended.
    const lastStart = Math.max(...posts.map((e) => e.startedAt));
    assert.ok(posts.every((e) => (e.endedAt ?? 0) >= lastStart), 'the three requests were open together');
    for (const col of snapshot.columns) {
      const run = col.runs[0]!;
      assert.equal(run.status, 'done', col.model);
      assert.match(run.text, /Hello/i, col.model);
      assert.ok(run.usage && run.usage.outputTokens > 0, col.model);
      assert.ok(run.ttftMs !== undefined && run.totalMs !== undefined && run.ttftMs <= run.totalMs, col.model);
    }
    const [gpt, glm, kimi] = snapshot.columns;
    assert.ok(gpt!.runs[0]!.reasoning.length > 0 && kimi!.runs[0]!.reasoning.length > 0, 'reasoning models sent reasoning');
    assert.equal(glm!.runs[0]!.reasoning, '');
    assert.equal(gpt!.runs[0]!.stored, true);
    assert.match(gpt!.runs[0]!.responseId ?? '', /^resp_/);
    assert.deepEqual(comparisonTable(snapshot).rows.map((r) => r[7]!.startsWith('yes')), [true, false, true]);
  });

  it('one failing model shows its error while the others finish', async () => {
    emu = await startEmulator({ port: 0, tokenDelayMs: 1 });
    emu.setFaults([{ kind: '403', model: 'zai.glm-5', times: 5 }]);
    const { snapshot } = await compare(emu, 'Hello there', 2);
    const [gpt, glm, kimi] = snapshot.columns;
    assert.deepEqual(glm!.runs.map((r) => r.status), ['error', 'pending'], 'the failed model is not asked again');
    assert.equal(glm!.runs[0]!.error?.kind, 'forbidden');
    assert.ok(glm!.runs[0]!.error!.message.length > 0);
    assert.deepEqual(gpt!.runs.map((r) => r.status), ['done', 'done']);
    assert.deepEqual(kimi!.runs.map((r) => r.status), ['done', 'done']);
    assert.equal(emu.log.filter((e) => e.model === 'zai.glm-5').length, 1);
  });

  it('Stop cancels every request: the emulator sees each connection closed early', async () => {
    emu = await startEmulator({ port: 0, tokenDelayMs: 20 });
    const { snapshot, outcomes } = await compare(emu, 'Please reply with 3000 tokens.', 3, async (s, stop) => {
      // Wait until every column is streaming text (the reasoning models send their reasoning first).
      const deadline = Date.now() + 15_000;
      while (!s().columns.every((c) => c.runs[0]!.text.length > 0)) {
        if (Date.now() > deadline) throw new Error('not every model started answering');
        await new Promise((r) => setTimeout(r, 20));
      }
      stop();
    });
    assert.equal(outcomes.length, 3);
    assert.ok(outcomes.every((o) => !o.ok && o.cancelled), 'every run ended as cancelled, none as an error');
    assert.deepEqual(snapshot.columns.map((c) => c.runs.map((r) => r.status)), MODELS.map(() => ['stopped', 'pending', 'pending']));
    for (const model of MODELS) {
      const entry = await emu.waitFor((e) => e.model === model && e.clientClosedEarly, 5000);
      assert.equal(entry.clientClosedEarly, true, model);
    }
    assert.equal(emu.log.filter((e) => e.method === 'POST').length, 3, 'no further runs after Stop');
  });

  it('repeats each model\'s runs and feeds the statistics: cold first call apart, medians of the rest', async () => {
    emu = await startEmulator({ port: 0, tokenDelayMs: 1 });
    emu.setFaults([{ kind: 'slow-first-token', ms: 400, model: 'zai.glm-5' }]);
    const { snapshot } = await compare(emu, 'Hello there', 3);
    assert.equal(emu.log.filter((e) => e.method === 'POST').length, 9);
    const glm = columnStats(snapshot.columns[1]!);
    assert.equal(glm.completed, 3);
    assert.equal(glm.warmRuns, 2);
    assert.ok(glm.cold!.ttftMs! >= 400, `the slowed first call is reported as the cold one (${glm.cold!.ttftMs} ms)`);
    assert.ok(glm.ttftMs! < 400, `and is not in the median of the later runs (${glm.ttftMs} ms)`);
    assert.ok(glm.tokensPerSecond! > 0);
  });
});
