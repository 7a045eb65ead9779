// The comparison runner over an in-process MantleApi double: every model at once, each one's runs in sequence, a
// failing model isolated from the others, one Stop that aborts every open request, the Responses → Chat fallback.
import { strict as assert } from 'node:assert';
import { clampRuns, startComparison, type FanOutHooks, type RunOutcome } from '../../src/common/compare/fanOut';
import { MantleError } from '../../src/common/mantle/errors';
import { routedEngine } from '../../src/common/mantle/turnEngine';
import type { CatalogEntry } from '../../src/common/models/catalog';
import { ModelRouter } from '../../src/common/models/router';
import type { ApiKind, TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';

interface Script { fail?: MantleError; words?: string[]; stepMs?: number }

/** Streams scripted words with a delay between them, honours the abort signal like the real client (kind 'cancelled'). */
class FakeMantle {
  readonly calls: { req: TurnRequest; signal?: AbortSignal }[] = [];
  open = 0;
  maxOpen = 0;
  constructor(private readonly script: (req: TurnRequest) => Script) {}

  async streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
    this.calls.push({ req, signal });
    this.open++;
    this.maxOpen = Math.max(this.maxOpen, this.open);
    const started = Date.now();
    try {
      const s = this.script(req);
      let text = '';
      for (const w of s.words ?? ['a', 'b']) {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, s.stepMs ?? 2);
          signal?.addEventListener('abort', () => { clearTimeout(t); reject(new MantleError({ kind: 'cancelled', message: 'Stopped.' })); }, { once: true });
          if (signal?.aborted) { clearTimeout(t); reject(new MantleError({ kind: 'cancelled', message: 'Stopped.' })); }
        });
        if (s.fail) throw s.fail;
        text += w;
        onEvent({ kind: 'text', delta: w });
      }
      return { api: req.api, text, reasoning: '', totalMs: Date.now() - started, timeToFirstTokenMs: 1, usage: { inputTokens: 3, outputTokens: text.length, reasoningTokens: 0, cachedTokens: 0 } };
    } finally {
      this.open--;
    }
  }
}

interface Recorded { starts: [number, number, ApiKind][]; ends: [number, number, RunOutcome][]; text: Map<number, string> }

function recorder(): { hooks: FanOutHooks; seen: Recorded } {
  const seen: Recorded = { starts: [], ends: [], text: new Map() };
  return {
    seen,
    hooks: {
      onRunStart: (c, r, api) => seen.starts.push([c, r, api]),
      onEvent: (c, _r, e) => { if (e.kind === 'text') seen.text.set(c, (seen.text.get(c) ?? '') + e.delta); },
      onRunEnd: (c, r, o) => seen.ends.push([c, r, o]),
    },
  };
}

const MODELS = ['openai.gpt-oss-120b', 'zai.glm-5', 'moonshotai.kimi-k2.5'];
const apiFor = (m: string): ApiKind => (m.startsWith('openai.') ? 'responses' : 'chat');

describe('compare: concurrent fan-out', () => {
  it('asks every model at once, each through its own API, and repeats each model\'s runs in sequence', async () => {
    const mantle = new FakeMantle(() => ({ words: ['x', 'y', 'z'], stepMs: 5 }));
    const { hooks, seen } = recorder();
    const run = startComparison({ mantle, apiFor }, { models: MODELS, prompt: 'Hi', runs: 2, store: false }, hooks);
    await run.done;
    assert.equal(mantle.calls.length, 6);
    assert.equal(mantle.maxOpen, 3, 'three models in flight together, never two runs of one model');
    assert.deepEqual(mantle.calls.map((c) => `${c.req.model}:${c.req.api}`).sort(), MODELS.flatMap((m) => [`${m}:${apiFor(m)}`, `${m}:${apiFor(m)}`]).sort());
    const responsesCall = mantle.calls.find((c) => c.req.api === 'responses')!;
    assert.equal(responsesCall.req.store, false, 'store goes only with Responses requests');
    assert.equal(mantle.calls.find((c) => c.req.api === 'chat')!.req.store, undefined);
    assert.deepEqual(responsesCall.req.messages, [{ role: 'user', content: 'Hi' }]);
    assert.ok(seen.ends.every(([, , o]) => o.ok));
    for (let c = 0; c < 3; c++) assert.deepEqual(seen.ends.filter(([col]) => col === c).map(([, r]) => r), [0, 1]);
    assert.equal(seen.text.get(1), 'xyzxyz');
  });

  it('isolates a failing model: it records its error and stops its own runs, the others finish all of theirs', async () => {
    const mantle = new FakeMantle((req) => (req.model === 'zai.glm-5'
      ? { fail: new MantleError({ kind: 'modelNotFound', message: 'The model zai.glm-5 is not offered in this Region.', actions: ['selectRegion', 'showLogs'] }) }
      : { words: ['ok'], stepMs: 3 }));
    const { hooks, seen } = recorder();
    await startComparison({ mantle, apiFor }, { models: MODELS, prompt: 'Hi', runs: 3, store: true }, hooks).done;
    const failed = seen.ends.filter(([c]) => c === 1);
    assert.equal(failed.length, 1, 'the failing model is not asked again');
    const outcome = failed[0]![2];
    assert.ok(!outcome.ok && !outcome.cancelled);
    assert.deepEqual(!outcome.ok && outcome.error, { kind: 'modelNotFound', message: 'The model zai.glm-5 is not offered in this Region.', actions: ['selectRegion', 'showLogs'] });
    for (const c of [0, 2]) assert.deepEqual(seen.ends.filter(([col]) => col === c).map(([, r, o]) => `${r}:${o.ok}`), ['0:true', '1:true', '2:true']);
    assert.equal(mantle.calls.filter((c) => c.req.model === 'zai.glm-5').length, 1);
  });

  it('Stop aborts every open request with one signal and starts no further runs', async () => {
    const mantle = new FakeMantle(() => ({ words: Array.from({ length: 200 }, () => 'w'), stepMs: 5 }));
    const { hooks, seen } = recorder();
    const run = startComparison({ mantle, apiFor }, { models: MODELS, prompt: 'Long', runs: 3, store: false }, hooks);
    while (seen.text.size < 3) await new Promise((r) => setTimeout(r, 2));
    run.stop();
    await run.done;
    assert.equal(mantle.calls.length, 3, 'no second run started after Stop');
    assert.ok(mantle.calls.every((c) => c.signal?.aborted), 'every request saw the abort');
    assert.equal(new Set(mantle.calls.map((c) => c.signal)).size, 1, 'one AbortController for the whole comparison');
    assert.deepEqual(seen.ends.map(([c, r, o]) => [c, r, !o.ok && o.cancelled]).sort(), [[0, 0, true], [1, 0, true], [2, 0, true]]);
    assert.equal(mantle.open, 0);
  });

  it('asks a model that refuses the Responses API again through Chat Completions, within the same run', async () => {
    const mantle = new FakeMantle((req) => (req.api === 'responses'
      ? { fail: new MantleError({ kind: 'unsupportedApi', message: 'does not support the /v1/responses API', routeFact: 'apiError' }), words: ['-'] }
      : { words: ['fine'] }));
    const { hooks, seen } = recorder();
    // The product's router, told (wrongly, for this server) that both models take Responses on /v1.
    const hint = (id: string): CatalogEntry => ({ id, vendor: 'Test', kind: 'general', path: '/v1', apis: ['chat', 'responses'], responses: true });
    const router = new ModelRouter({ catalog: [hint('a'), hint('b')] });
    const turns = routedEngine({ plan: (m, accept) => router.plan('s', m, accept) }, { chat: mantle, responses: mantle });
    await startComparison({ mantle, apiFor: () => 'responses', turns }, { models: ['a', 'b'], prompt: 'Hi', runs: 2, store: true }, hooks).done;
    assert.deepEqual(mantle.calls.filter((c) => c.req.model === 'a').map((c) => c.req.api), ['responses', 'chat', 'chat'], 'learned for the later runs too');
    assert.deepEqual(seen.starts.filter(([c]) => c === 0).map(([, r, api]) => `${r}:${api}`), ['0:responses', '0:chat', '1:chat']);
    assert.ok(seen.ends.every(([, , o]) => o.ok && o.fellBack));
  });

  it('a throwing display hook does not end anyone\'s run', async () => {
    const mantle = new FakeMantle(() => ({ words: ['a'] }));
    const ends: number[] = [];
    await startComparison({ mantle, apiFor }, { models: MODELS, prompt: 'Hi', runs: 1, store: false }, {
      onRunStart: () => { throw new Error('paint failed'); },
      onEvent: () => { throw new Error('paint failed'); },
      onRunEnd: (c, _r, o) => { if (o.ok) ends.push(c); },
    }).done;
    assert.deepEqual(ends.sort(), [0, 1, 2]);
  });

  it('clamps the number of runs to 1…10', () => {
    assert.deepEqual([0, 1, 3, 5, 2.6, 99, Number.NaN, -4].map(clampRuns), [1, 1, 3, 5, 3, 10, 1, 1]);
  });
});
