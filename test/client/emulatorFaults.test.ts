// Fault injection and the request log, seen through the openai SDK's own retry, streaming and abort behaviour.
import { strict as assert } from 'node:assert';
import OpenAI, { type ClientOptions } from 'openai';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorSdk } from './clientHelpers';

const MODEL = 'openai.gpt-oss-120b';

describe('emulator: faults and the request log', () => {
  let emu: RunningEmulator;
  const sdk = (opts: ClientOptions = {}): OpenAI => emulatorSdk(emu.url, opts);

  beforeEach(async () => { emu = await startEmulator(); });
  afterEach(() => emu.close());

  it('429 with retry-after is retried by the SDK after the advertised delay, then succeeds', async () => {
    emu.setFaults([{ kind: '429', retryAfterSeconds: 1 }]);
    const started = Date.now();
    const res = await sdk({ maxRetries: 2 }).chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(res.choices[0].message.content);
    assert.deepEqual(emu.log.map((e) => e.status), [429, 200]);
    assert.equal(emu.log[0].fault, '429;retry-after=1');
    assert.ok(emu.log[1].startedAt - emu.log[0].startedAt >= 900, 'waited for retry-after');
    assert.ok(Date.now() - started < 5000);
  });

  it('surfaces status faults as the SDK\'s typed errors, with retry-after on 429', async () => {
    const client = sdk();
    emu.setFaults([{ kind: '429', retryAfterSeconds: 7 }]);
    await assert.rejects(client.models.list(), (e: unknown) => e instanceof OpenAI.RateLimitError && e.headers.get('retry-after') === '7');
    emu.setFaults([{ kind: '500' }]);
    await assert.rejects(client.models.list(), (e: unknown) => e instanceof OpenAI.InternalServerError && e.status === 500);
    emu.setFaults([{ kind: '503' }]);
    await assert.rejects(client.models.list(), (e: unknown) => e instanceof OpenAI.InternalServerError && e.status === 503);
    emu.setFaults([{ kind: '401' }]);
    await assert.rejects(client.models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    emu.setFaults([{ kind: '403' }]);
    await assert.rejects(client.models.list(), (e: unknown) => e instanceof OpenAI.PermissionDeniedError);
    // Each queued fault was used once: the next request is healthy.
    assert.equal((await client.models.list()).data.length, 38);
  });

  it('matches queued faults by path and applies them `times` times', async () => {
    const client = sdk();
    emu.setFaults([{ kind: '500', path: '/chat/completions', times: 2 }]);
    await client.models.list();
    for (let i = 0; i < 2; i++) {
      await assert.rejects(client.chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'x' }] }), OpenAI.InternalServerError);
    }
    await client.chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'x' }] });
    assert.deepEqual(emu.log.map((e) => e.status), [200, 500, 500, 200]);
  });

  it('applies per-request faults from the x-emulator-fault header', async () => {
    const client = sdk({ defaultHeaders: { 'x-emulator-fault': '429;retry-after=3' } });
    await assert.rejects(client.models.list(), (e: unknown) => e instanceof OpenAI.RateLimitError && e.headers.get('retry-after') === '3');
    const bad = sdk({ defaultHeaders: { 'x-emulator-fault': 'explode' } });
    await assert.rejects(bad.models.list(), (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'invalid_fault');
  });

  it('cuts a stream mid-way: the SDK raises, and the log blames the server, not the client', async () => {
    emu.setFaults([{ kind: 'cut', afterChunks: 5 }]);
    const stream = await sdk().chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'Reply with 200 tokens.' }], stream: true });
    let chunks = 0;
    await assert.rejects((async () => { for await (const _ of stream) chunks++; })());
    assert.equal(chunks, 5);
    const entry = await emu.waitFor((e) => e.endedAt !== undefined);
    assert.equal(entry.fault, 'cut-after=5');
    assert.equal(entry.clientClosedEarly, false);
  });

  it('cuts a non-streaming request before any response: the SDK retries the connection error', async () => {
    emu.setFaults([{ kind: 'cut' }]);
    const res = await sdk({ maxRetries: 1 }).responses.create({ model: MODEL, input: 'hi' });
    assert.equal(res.status, 'completed');
    assert.deepEqual(emu.log.map((e) => e.status), [0, 200]);
  });

  it('logs clientClosedEarly when the client aborts a stalled stream', async () => {
    emu.setFaults([{ kind: 'stall', afterChunks: 3 }]);
    const controller = new AbortController();
    const stream = sdk().responses.stream({ model: MODEL, input: 'hello' }, { signal: controller.signal });
    let events = 0;
    stream.on('event', () => {
      events++;
      if (events === 3) setTimeout(() => controller.abort(), 100);
    });
    await assert.rejects(stream.finalResponse());
    const entry = await emu.waitFor((e) => e.clientClosedEarly, 2000);
    assert.equal(entry.fault, 'stall-after=3');
    assert.equal(events, 3);
  });

  it('logs clientClosedEarly on Stop mid-stream and keeps the partial answer as a cancelled response', async () => {
    const controller = new AbortController();
    const client = sdk({ defaultHeaders: { 'x-emulator-fault': 'token-ms=5' } });
    const stream = client.responses.stream({ model: MODEL, input: 'Reply with 400 tokens.' }, { signal: controller.signal });
    let id = '';
    let text = '';
    stream.on('response.created', (e) => { id = e.response.id; });
    stream.on('response.output_text.delta', (e) => { text += e.delta; if (text.length > 40) controller.abort(); });
    await assert.rejects(stream.finalResponse(), (e: unknown) => e instanceof OpenAI.APIUserAbortError);
    const entry = await emu.waitFor((e) => e.clientClosedEarly, 2000);
    assert.equal(entry.path, '/v1/responses');
    assert.ok(entry.endedAt! - entry.startedAt < 2000, 'stopped long before 400 tokens at 5 ms each');
    const stored = await client.responses.retrieve(id, {}, { headers: { 'x-emulator-fault': null } });
    assert.equal(stored.status, 'cancelled');
    assert.ok(stored.output_text.startsWith(text) && stored.output_text.length < 400);
  });

  it('delays the first token for slow-first-token and paces tokens for token-rate', async () => {
    emu.setFaults([{ kind: 'slow-first-token', ms: 300 }, { kind: 'token-rate', ms: 20 }]);
    const started = Date.now();
    const stream = await sdk().chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'Reply with 10 tokens.' }], stream: true });
    const times: number[] = [];
    for await (const chunk of stream) if (chunk.choices[0]?.delta.content) times.push(Date.now() - started);
    assert.equal(times.length, 10);
    assert.ok(times[0] >= 280, `first token after ${times[0]} ms`);
    assert.ok(times[9] - times[0] >= 9 * 20 - 20, `tokens spread over ${times[9] - times[0]} ms`);
    assert.equal(emu.log[0].fault, 'first-token-ms=300,token-ms=20');
  });

  it('streams at tokensPerSecond, above the timers\' 1 ms granularity, tokens due at one tick leaving together', async () => {
    // 2,000 tokens at 2,000 tokens/s: about one second after the first. A 0.5 ms wait per token would take at
    // least 2 s (timers fire after 1 ms at the soonest); with no pacing the reply arrives in a few tens of ms.
    const paced = await startEmulator({ tokensPerSecond: 2_000 });
    try {
      const stream = await emulatorSdk(paced.url).chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'Reply with 2000 tokens.' }], stream: true });
      const times: number[] = [];
      for await (const chunk of stream) if (chunk.choices[0]?.delta.content) times.push(performance.now());
      assert.equal(times.length, 2_000);
      const spread = times[times.length - 1] - times[0];
      assert.ok(spread >= 950 && spread < 1_800, `2,000 tokens spread over ${spread.toFixed(0)} ms`);
      // Half a second in, about half of them had arrived: the rate is even, not a burst at either end.
      const byHalf = times.filter((t) => t - times[0] <= 500).length;
      assert.ok(byHalf >= 700 && byHalf <= 1_300, `${byHalf} tokens in the first 500 ms`);
    } finally { await paced.close(); }
    await assert.rejects(startEmulator({ tokensPerSecond: 0 }), /tokensPerSecond must be a positive number/);
  });

  it('serves the admin surface: health, log, clear, faults', async () => {
    const admin = emu.url.replace(/\/v1$/, '/__emulator');
    assert.equal(((await (await fetch(`${admin}/health`)).json()) as { ok: boolean }).ok, true);
    const queued = await fetch(`${admin}/faults`, { method: 'POST', body: JSON.stringify([{ kind: '503', retryAfterSeconds: 2 }]) });
    assert.equal(queued.status, 200);
    await assert.rejects(sdk().models.list(), (e: unknown) => e instanceof OpenAI.InternalServerError && e.headers.get('retry-after') === '2');
    const log = (await (await fetch(`${admin}/log`)).json()) as { status: number; fault?: string }[];
    assert.deepEqual(log.map((e) => [e.status, e.fault]), [[503, '503;retry-after=2']]);
    await fetch(`${admin}/log/clear`, { method: 'POST' });
    assert.deepEqual(await (await fetch(`${admin}/log`)).json(), []);
    const invalid = await fetch(`${admin}/faults`, { method: 'POST', body: JSON.stringify([{ kind: 'teapot' }]) });
    assert.equal(invalid.status, 400);
    assert.equal(emu.log.length, 0, 'admin calls are not logged');
  });

  it('lets the admin surface see pending faults, page the log and expire stored responses', async () => {
    const admin = emu.url.replace(/\/v1$/, '/__emulator');
    await fetch(`${admin}/faults`, { method: 'POST', body: JSON.stringify({ kind: '500', times: 3, path: '/responses' }) });
    assert.deepEqual(await (await fetch(`${admin}/faults`)).json(), [{ kind: '500', times: 3, path: '/responses' }]);
    await fetch(`${admin}/faults`, { method: 'POST', body: '[]' });
    const client = sdk();
    const res = await client.responses.create({ model: MODEL, input: 'My name is Gus.' });
    await client.models.list();
    const since = (await (await fetch(`${admin}/log?since=1`)).json()) as { path: string }[];
    assert.deepEqual(since.map((e) => e.path), ['/v1/models']);
    assert.deepEqual(await (await fetch(`${admin}/responses`)).json(), [res.id]);
    await fetch(`${admin}/responses/${res.id}`, { method: 'DELETE' });
    await assert.rejects(
      client.responses.create({ model: MODEL, input: 'What is my name?', previous_response_id: res.id }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'previous_response_not_found',
    );
  });

  it('waitFor rejects when nothing matches in time', async () => {
    await assert.rejects(emu.waitFor((e) => e.path === '/never', 50), /no request log entry matched/);
  });
});
