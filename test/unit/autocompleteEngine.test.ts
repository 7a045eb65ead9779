// The cost and speed rules of autocomplete with a fake clock: no real sleeps. The engine's `send` is a fake that
// records what it was asked and settles when the test says so.
import { strict as assert } from 'node:assert';
import { PrefixCache } from '../../src/common/autocomplete/cache';
import { CompletionEngine, type EngineOptions, type EngineStatus } from '../../src/common/autocomplete/completionEngine';
import type { CompletionTurnRequest } from '../../src/common/autocomplete/completionTurn';
import { debounce, type Timers } from '../../src/common/autocomplete/debounce';
import { BACKOFF_MAX_MS, BACKOFF_START_MS, RateGate } from '../../src/common/autocomplete/rateGate';
import { MantleError } from '../../src/common/mantle/errors';
import type { TurnResult } from '../../src/common/mantle/types';

/** A clock and timers that move only when the test advances them. */
class FakeClock implements Timers {
  t = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  now = () => this.t;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers.delete(handle as number); }
  get pending(): number { return this.timers.size; }
  /** Moves time forward, running each timer that falls due (and the promise callbacks it releases) in order. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].fn();
      await flush();
    }
    this.t = end;
    await flush();
  }
}

const flush = async () => { for (let i = 0; i < 10; i++) await Promise.resolve(); };

interface Sent { req: CompletionTurnRequest; signal: AbortSignal; resolve(text: string): void; reject(e: unknown): void; firstToken(): void }

function harness(over: Partial<EngineOptions> = {}) {
  const clock = new FakeClock();
  const sent: Sent[] = [];
  const statuses: EngineStatus[] = [];
  const logs: string[] = [];
  const engine = new CompletionEngine({
    model: () => 'qwen.qwen3-coder-30b-a3b-instruct',
    mode: () => 'multiLine',
    debounceMs: () => 300,
    maxRequestsPerMinute: () => 30,
    send: (req, signal, onFirstToken) => new Promise<TurnResult>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(new MantleError({ kind: 'cancelled', message: 'cancelled' })), { once: true });
      sent.push({ req, signal, firstToken: onFirstToken, reject, resolve: (text) => resolve({ api: 'chat', text, reasoning: '', totalMs: 0 }) });
    }),
    now: clock.now,
    timers: clock,
    log: (level, m) => logs.push(`${level} ${m}`),
    onStatus: (s) => statuses.push(s),
    ...over,
  });
  return { clock, sent, statuses, logs, engine };
}

const ASK = { scope: 'file:///a.ts', prefix: 'export function add(a: number, b: number): number {\n  ', suffix: '\n}\n', languageId: 'typescript', path: 'a.ts' };
const BODY = '```typescript\n  return a + b;\n}\n```';

describe('autocomplete: debounce', () => {
  it('resolves true after the delay, and false at once when aborted first', async () => {
    const clock = new FakeClock();
    const done = new AbortController();
    let result: boolean | undefined;
    void debounce(300, done.signal, clock).then((r) => { result = r; });
    await clock.advance(299);
    assert.equal(result, undefined);
    await clock.advance(1);
    assert.equal(result, true);
    const typed = new AbortController();
    void debounce(300, typed.signal, clock).then((r) => { result = r; });
    await clock.advance(100);
    typed.abort();
    await flush();
    assert.equal(result, false);
    assert.equal(clock.pending, 0, 'the timer is cleared');
  });
});

describe('autocomplete: prefix cache', () => {
  it('answers the exact prefix and the rest of a suggestion being typed through, per document', () => {
    const cache = new PrefixCache();
    cache.set('a', 'const x = ', 'compute(1);');
    assert.equal(cache.get('a', 'const x = '), 'compute(1);');
    assert.equal(cache.get('a', 'const x = comp'), 'ute(1);');
    assert.equal(cache.get('a', 'const x = compute(1);'), undefined, 'fully typed: nothing left to offer');
    assert.equal(cache.get('a', 'const x = other'), undefined, 'diverged from the suggestion');
    assert.equal(cache.get('b', 'const x = '), undefined, 'another document');
  });

  it('keeps at most its capacity, newest first', () => {
    const cache = new PrefixCache(2);
    cache.set('a', 'p1', 'x');
    cache.set('a', 'p2', 'y');
    cache.set('a', 'p3', 'z');
    assert.equal(cache.size, 2);
    assert.equal(cache.get('a', 'p1'), undefined);
    assert.equal(cache.get('a', 'p3'), 'z');
  });
});

describe('autocomplete: rate gate', () => {
  it('caps requests in a sliding minute', () => {
    let t = 0;
    const gate = new RateGate(() => 3, () => t);
    for (let i = 0; i < 3; i++) { assert.equal(gate.check().ok, true); gate.recordSent(); t += 1000; }
    const blocked = gate.check();
    assert.deepEqual(blocked, { ok: false, reason: 'cap', retryInMs: 57_000 });
    t = 60_000;
    assert.equal(gate.check().ok, true, 'the first request left the window');
  });

  it('backs off after a 429, doubling while they continue, honouring a longer retry-after, reset by a success', () => {
    let t = 0;
    const gate = new RateGate(() => 100, () => t);
    assert.equal(gate.recordRateLimited(), BACKOFF_START_MS);
    assert.equal(gate.check().ok, false);
    t += BACKOFF_START_MS;
    assert.equal(gate.check().ok, true);
    assert.equal(gate.recordRateLimited(), BACKOFF_START_MS * 2);
    assert.equal(gate.recordRateLimited(60_000), 60_000, 'retry-after is longer');
    for (let i = 0; i < 10; i++) gate.recordRateLimited();
    assert.equal(gate.recordRateLimited(), BACKOFF_MAX_MS);
    gate.recordSuccess();
    assert.equal(gate.recordRateLimited(), BACKOFF_START_MS);
  });
});

describe('autocomplete: engine', () => {
  it('waits out the debounce, sends one request, and offers the cleaned answer', async () => {
    const h = harness();
    const done = h.engine.complete(ASK, new AbortController().signal);
    await h.clock.advance(299);
    assert.equal(h.sent.length, 0, 'nothing before the debounce ends');
    await h.clock.advance(1);
    assert.equal(h.sent.length, 1);
    assert.equal(h.sent[0].req.model, 'qwen.qwen3-coder-30b-a3b-instruct');
    assert.equal(h.statuses.at(-1)?.kind, 'thinking');
    await h.clock.advance(120);
    h.sent[0].firstToken();
    await h.clock.advance(5);
    h.sent[0].resolve(BODY);
    assert.deepEqual(await done, { text: 'return a + b;', replacesRestOfLine: false, source: 'model' });
    assert.deepEqual(h.statuses.at(-1), { kind: 'idle', lastLatencyMs: 125 });
    assert.deepEqual(h.engine.stats.firstTokenToOfferMs, [5]);
  });

  it('keystrokes during the debounce send nothing; only the last ask is sent', async () => {
    const h = harness();
    const results: unknown[] = [];
    let prefix = ASK.prefix;
    for (let i = 0; i < 5; i++) {
      const typing = new AbortController();
      prefix += 'r';
      // The editor cancels the previous ask on each keystroke.
      void h.engine.complete({ ...ASK, prefix }, typing.signal).then((r) => results.push(r));
      await h.clock.advance(100);
    }
    await h.clock.advance(300);
    assert.equal(h.sent.length, 1);
    assert.deepEqual(results, [undefined, undefined, undefined, undefined]);
  });

  it('a newer ask aborts the request in flight (the signal the client closes the HTTP request on)', async () => {
    const h = harness();
    const first = h.engine.complete(ASK, new AbortController().signal);
    await h.clock.advance(300);
    assert.equal(h.sent.length, 1);
    void h.engine.complete({ ...ASK, prefix: `${ASK.prefix}r` }, new AbortController().signal);
    assert.equal(h.sent[0].signal.aborted, true);
    assert.equal(await first, undefined);
    assert.equal(h.engine.stats.cancelled, 1);
    assert.match(h.logs.join('\n'), /debug Autocomplete: request cancelled/);
  });

  it('the editor\'s cancellation aborts the request in flight too', async () => {
    const h = harness();
    const editor = new AbortController();
    const first = h.engine.complete(ASK, editor.signal);
    await h.clock.advance(300);
    editor.abort();
    assert.equal(h.sent[0].signal.aborted, true);
    assert.equal(await first, undefined);
  });

  it('typing through a shown completion is answered from the cache: no request, no debounce', async () => {
    const h = harness();
    const first = h.engine.complete(ASK, new AbortController().signal);
    await h.clock.advance(300);
    h.sent[0].resolve(BODY);
    await first;
    const next = await h.engine.complete({ ...ASK, prefix: `${ASK.prefix}retu` }, new AbortController().signal);
    assert.deepEqual(next, { text: 'rn a + b;', replacesRestOfLine: false, source: 'cache' });
    assert.equal(h.sent.length, 1);
    assert.equal(h.engine.stats.fromCache, 1);
  });

  it('stops at the per-minute cap', async () => {
    const h = harness({ maxRequestsPerMinute: () => 2, debounceMs: () => 0 });
    for (let i = 0; i < 3; i++) {
      const p = h.engine.complete({ ...ASK, prefix: `${ASK.prefix}${i}` }, new AbortController().signal);
      await flush();
      h.sent[i]?.resolve('');
      await p;
    }
    assert.equal(h.sent.length, 2);
    assert.equal(h.engine.stats.skippedByGate, 1);
  });

  it('after a 429 sends nothing until the back-off has passed, and shows it', async () => {
    const h = harness({ debounceMs: () => 0 });
    const p = h.engine.complete(ASK, new AbortController().signal);
    await flush();
    h.sent[0].reject(new MantleError({ kind: 'rateLimited', message: 'Too many requests', status: 429 }));
    assert.equal(await p, undefined);
    assert.equal(h.statuses.at(-1)?.kind, 'backoff');
    assert.match(h.logs.join('\n'), /warn Autocomplete: Mantle answered 429/);
    await h.engine.complete({ ...ASK, prefix: 'x' }, new AbortController().signal);
    assert.equal(h.sent.length, 1, 'blocked');
    await h.clock.advance(BACKOFF_START_MS);
    void h.engine.complete({ ...ASK, prefix: 'y' }, new AbortController().signal);
    await flush();
    assert.equal(h.sent.length, 2, 'sent again after the back-off');
  });

  it('logs sizes and timings at debug level, never the code', async () => {
    const h = harness({ debounceMs: () => 0 });
    const secretish = { ...ASK, prefix: 'const token = "do-not-log-me";\n' };
    const p = h.engine.complete(secretish, new AbortController().signal);
    await flush();
    h.sent[0].resolve('```ts\nconsole.log("also-not-logged");\n```');
    await p;
    const line = h.logs.find((l) => l.includes('prompt'))!;
    assert.match(line, /^debug Autocomplete: qwen\.qwen3-coder-30b-a3b-instruct multiLine, prompt \d+ chars \(prefix \d+, suffix \d+\), answer \d+ chars → \d+ offered; first token/);
    assert.ok(!h.logs.join('\n').includes('do-not-log-me') && !h.logs.join('\n').includes('also-not-logged'));
  });

  it('a failure other than 429 is logged and shown as an error state, without back-off', async () => {
    const h = harness({ debounceMs: () => 0 });
    const p = h.engine.complete(ASK, new AbortController().signal);
    await flush();
    h.sent[0].reject(new MantleError({ kind: 'server', message: 'Mantle had an internal error', status: 500 }));
    assert.equal(await p, undefined);
    assert.deepEqual(h.statuses.at(-1), { kind: 'error', message: 'Mantle had an internal error' });
    assert.equal(h.engine.gate.check().ok, true);
  });
});
