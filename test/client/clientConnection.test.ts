import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { MantleError, isMantleError } from '../../src/common/mantle/errors';
import { MantleClient } from '../../src/node/mantleClient';
import type { TurnEvent } from '../../src/common/mantle/types';
import { Redactor } from '../../src/common/redact';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, captureLog, testClient } from './clientHelpers';

const KEY = 'mantle-emulator-key';
const GPT = 'openai.gpt-oss-120b';
const QWEN = 'qwen.qwen3-coder-480b-a35b-instruct';

async function rejection(p: Promise<unknown>): Promise<MantleError> {
  try {
    await p;
  } catch (e) {
    assert.ok(isMantleError(e), `expected a MantleError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a rejection');
}

describe('client: bearer connection against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  beforeEach(async () => { emu = await startEmulator({ port: 0 }); });
  afterEach(async () => { await emu.close(); });

  it('lists models and streams both APIs with the API key', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const models = await client.listModels();
    assert.ok(models.length > 10);
    assert.ok(models.some((m) => m.id === GPT));

    const events: TurnEvent[] = [];
    const r = await client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'My name is Alice and I like cats.' }] }, (e) => events.push(e));
    assert.match(r.id ?? '', /^resp_/);
    assert.deepEqual(events[0], { kind: 'started', responseId: r.id });
    assert.equal(events.filter((e) => e.kind === 'text').map((e) => (e as { delta: string }).delta).join(''), r.text);
    assert.match(r.text, /Alice/);
    assert.ok(r.reasoning.length > 0, 'gpt-oss streams reasoning');
    assert.equal(r.finishReason, 'completed');
    assert.ok(r.usage && r.usage.outputTokens > 0);

    const chained = await client.streamTurn({ model: GPT, api: 'responses', previousResponseId: r.id, messages: [{ role: 'user', content: 'What is my name and what do I like?' }] }, () => {});
    assert.match(chained.text, /Alice/);

    const c = await client.streamTurn({ model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'hello' }] }, () => {});
    assert.match(c.id ?? '', /^chatcmpl-/);
    assert.equal(c.finishReason, 'stop');
    assert.ok(c.usage && c.usage.outputTokens > 0, 'usage arrives through stream_options.include_usage');
    assert.ok(emu.log.every((e) => e.auth === 'bearer'));
    assert.equal((emu.log.find((e) => e.path.includes('chat'))?.body as { stream_options?: unknown }).stream_options !== undefined, true);
  });

  it('a wrong key gives the mapped auth error, with no retry', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer('bedrock-api-key-WRONGWRONGWRONG') });
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'auth');
    assert.equal(e.status, 401);
    assert.deepEqual(e.actions, ['setApiKey', 'showLogs']);
    assert.ok(e.requestId, 'the request id is kept');
    assert.equal(emu.log.length, 1, '401 is not retried');
  });

  it('reports connection health: ok after a success, an error for a wrong key or a connection that cannot be built', async () => {
    const good = testClient({ baseURL: emu.url, auth: bearer(KEY) }).client;
    const seen: string[] = [];
    good.onHealth((h) => seen.push(h.ok ? 'ok' : h.error.kind));
    await good.listModels();
    const bad = testClient({ baseURL: emu.url, auth: bearer('bedrock-api-key-WRONGWRONGWRONG') }).client;
    bad.onHealth((h) => seen.push(h.ok ? 'ok' : h.error.kind));
    await rejection(bad.listModels());
    const none = new MantleClient({
      connection: async () => { throw new MantleError({ kind: 'noCredentials', message: 'no key' }); },
      logger: captureLog().logger,
      redact: (s) => s,
    });
    none.onHealth((h) => seen.push(h.ok ? 'ok' : h.error.kind));
    assert.equal((await rejection(none.listModels())).kind, 'noCredentials');
    // A model that does not exist says nothing against the connection.
    await rejection(good.streamTurn({ model: 'nobody.model-x', api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
    assert.deepEqual(seen, ['ok', 'auth', 'noCredentials', 'ok']);
  });

  it('marks the unsupported-API 400 as a routing fact for the router, and nothing else', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const e = await rejection(client.streamTurn({ model: QWEN, api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
    assert.equal(e.kind, 'unsupportedApi');
    assert.equal(e.routeFact, 'apiError');
    const nf = await rejection(client.streamTurn({ model: 'nobody.model-x', api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
    assert.equal(nf.routeFact, undefined);
  });

  it('maps an unknown model (404) and a forgotten previous response', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const nf = await rejection(client.streamTurn({ model: 'nobody.model-x', api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
    assert.equal(nf.kind, 'modelNotFound');
    assert.ok(nf.actions.includes('selectRegion'));
    const first = await client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => {});
    emu.deleteStored(first.id!);
    const gone = await rejection(client.streamTurn({ model: GPT, api: 'responses', previousResponseId: first.id, messages: [{ role: 'user', content: 'again' }] }, () => {}));
    assert.equal(gone.kind, 'previousResponseNotFound');
  });

  it('retries 429 and 500 up to maxRetries, then says what happened; 401 and 403 are never retried', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY), maxRetries: 2 });
    emu.setFaults([{ kind: '429', times: 10, retryAfterSeconds: 0 }]);
    const rl = await rejection(client.listModels());
    assert.equal(rl.kind, 'rateLimited');
    assert.match(rl.message, /tokens-per-minute/);
    assert.equal(emu.log.filter((e) => e.status === 429).length, 3, 'one attempt + 2 retries');

    emu.log.splice(0);
    emu.setFaults([{ kind: '500', times: 10 }]);
    const se = await rejection(client.streamTurn({ model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
    assert.equal(se.kind, 'server');
    assert.equal(emu.log.filter((e) => e.status === 500).length, 3);

    for (const kind of ['401', '403'] as const) {
      emu.log.splice(0);
      emu.setFaults([{ kind, times: 10 }]);
      const e = await rejection(client.listModels());
      assert.equal(e.kind, kind === '401' ? 'auth' : 'forbidden');
      assert.equal(emu.log.length, 1, `${kind} is not retried`);
    }
  });

  it('recovers when a retry succeeds (one 429, then 200)', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY), maxRetries: 2 });
    emu.setFaults([{ kind: '429', times: 1, retryAfterSeconds: 0 }]);
    const models = await client.listModels();
    assert.ok(models.length > 0);
    assert.deepEqual(emu.log.map((e) => e.status), [429, 200]);
  });

  it('a stream that goes silent is stopped after the stall timeout, keeping the partial answer', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY), stallTimeoutMs: 400 });
    emu.setFaults([{ kind: 'stall', afterChunks: 8 }]);
    const events: TurnEvent[] = [];
    const started = Date.now();
    const e = await rejection(client.streamTurn({ model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'reply with 200 tokens' }] }, (ev) => events.push(ev)));
    assert.equal(e.kind, 'timeout');
    assert.ok(Date.now() - started < 5000);
    assert.ok(events.some((ev) => ev.kind === 'text'), 'partial text was delivered first');
    const entry = await emu.waitFor((x) => x.endedAt !== undefined, 2000);
    assert.equal(entry.clientClosedEarly, true, 'the connection was closed');
  });

  it('a stream whose first token never comes is stopped by the stall timer too', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY), stallTimeoutMs: 300 });
    emu.setFaults([{ kind: 'slow-first-token', ms: 5000 }]);
    const e = await rejection(client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
    assert.equal(e.kind, 'timeout');
  });

  it('a server that never sends headers times out (per attempt) and is mapped to timeout', async () => {
    const silent = createServer(() => { /* never answers */ });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as AddressInfo).port;
      const { client } = testClient({ baseURL: `http://127.0.0.1:${port}/v1`, auth: bearer(KEY), stallTimeoutMs: 300, maxRetries: 0 });
      const started = Date.now();
      const e = await rejection(client.streamTurn({ model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => {}));
      assert.equal(e.kind, 'timeout');
      assert.ok(Date.now() - started < 3000);
    } finally {
      silent.closeAllConnections();
      await new Promise((r) => silent.close(r));
    }
  });

  it('a stream cut before completion maps to streamCut after delivering the partial text', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    for (const api of ['responses', 'chat'] as const) {
      emu.setFaults([{ kind: 'cut', afterChunks: 8 }]);
      const events: TurnEvent[] = [];
      const e = await rejection(client.streamTurn({ model: api === 'chat' ? QWEN : GPT, api, messages: [{ role: 'user', content: 'reply with 200 tokens' }] }, (ev) => events.push(ev)));
      assert.equal(e.kind, 'streamCut', api);
      assert.ok(events.length > 1, `${api}: partial events delivered`);
    }
  });

  it('an abort from the caller maps to cancelled and closes the connection', async () => {
    const emuSlow = await startEmulator({ port: 0, tokenDelayMs: 20 });
    try {
      const { client } = testClient({ baseURL: emuSlow.url, auth: bearer(KEY) });
      const ac = new AbortController();
      const events: TurnEvent[] = [];
      const p = client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'reply with 300 tokens' }] }, (ev) => {
        events.push(ev);
        if (events.length === 5) ac.abort();
      }, ac.signal);
      const e = await rejection(p);
      assert.equal(e.kind, 'cancelled');
      const entry = await emuSlow.waitFor((x) => x.endedAt !== undefined, 2000);
      assert.equal(entry.clientClosedEarly, true);
    } finally {
      await emuSlow.close();
    }
  });

  it('a refused connection is a network error that names the host', async () => {
    const port = emu.port;
    await emu.close();
    const { client } = testClient({ baseURL: `http://127.0.0.1:${port}/v1`, auth: bearer(KEY), maxRetries: 0 });
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'network');
    assert.match(e.message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port}.*ECONNREFUSED`));
    emu = await startEmulator({ port: 0 }); // for afterEach
  });
});

describe('client: ambient OPENAI_* environment is ignored', function () {
  this.timeout(20_000);
  let real: RunningEmulator;
  let decoy: RunningEmulator;
  const saved: Record<string, string | undefined> = {};
  const VARS = ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_ORG_ID', 'OPENAI_PROJECT_ID', 'OPENAI_CUSTOM_HEADERS', 'OPENAI_LOG'];
  beforeEach(async () => {
    real = await startEmulator({ port: 0 });
    // The decoy knows the ambient Project, so the control request is answered (an unknown Project is refused).
    decoy = await startEmulator({ port: 0, projects: [{ id: 'proj-ambient', name: 'ambient', status: 'active' }] });
    for (const v of VARS) saved[v] = process.env[v];
    process.env.OPENAI_BASE_URL = decoy.url;
    process.env.OPENAI_API_KEY = KEY;
    process.env.OPENAI_ORG_ID = 'org-ambient';
    process.env.OPENAI_PROJECT_ID = 'proj-ambient';
    process.env.OPENAI_CUSTOM_HEADERS = 'X-Exfiltrate: yes\nOpenAI-Beta: ambient';
    process.env.OPENAI_LOG = 'debug';
  });
  afterEach(async () => {
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    await real.close();
    await decoy.close();
  });

  it('a plain SDK client would follow OPENAI_BASE_URL (control)', async () => {
    await new OpenAI({ logLevel: 'off' }).models.list();
    assert.equal(decoy.log.length, 1);
  });

  it('OPENAI_BASE_URL does not redirect the client, and no OPENAI_* header is sent', async () => {
    const sent: Headers[] = [];
    const { client } = testClient({
      baseURL: real.url,
      auth: bearer(KEY),
      fetch: (input, init) => { sent.push(new Headers(init?.headers)); return fetch(input, init); },
    });
    await client.listModels();
    await client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => {});
    assert.equal(decoy.log.length, 0, 'nothing reached OPENAI_BASE_URL');
    assert.equal(real.log.length, 2);
    for (const h of sent) {
      for (const name of ['openai-organization', 'openai-project', 'x-exfiltrate', 'openai-beta']) assert.equal(h.has(name), false, `${name} not sent`);
    }
  });
});

describe('client: the API key never reaches the log', function () {
  this.timeout(20_000);
  it('across successes, a wrong key, retries and trace-level bodies', async () => {
    const emu = await startEmulator({ port: 0, apiKeys: ['bedrock-api-key-CORRECTKEY123456'] });
    const savedLog = process.env.OPENAI_LOG;
    process.env.OPENAI_LOG = 'debug'; // must not switch on the SDK's own request logging
    try {
      // An identity redactor: the client must not emit the key at all, not rely on masking it afterwards.
      const ok = testClient({ baseURL: emu.url, auth: bearer('bedrock-api-key-CORRECTKEY123456'), redactor: { redact: (s: string) => s } as Redactor });
      await ok.client.listModels();
      await ok.client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => {});
      emu.setFaults([{ kind: '429', times: 1, retryAfterSeconds: 0 }]);
      await ok.client.listModels();
      const bad = testClient({ baseURL: emu.url, auth: bearer('bedrock-api-key-WRONGKEY98765432'), redactor: { redact: (s: string) => s } as Redactor });
      const e = await rejection(bad.client.listModels());
      const all = [...ok.log.lines, ...bad.log.lines, e.message].join('\n');
      assert.ok(ok.log.lines.some((l) => l.startsWith('trace ')), 'trace lines were captured');
      assert.ok(ok.log.lines.some((l) => /GET \/v1\/models \(retry 1\) → 200/.test(l)), 'each attempt is logged');
      assert.doesNotMatch(all, /CORRECTKEY123456|WRONGKEY98765432/);
      assert.doesNotMatch(all, /Bearer /);
    } finally {
      if (savedLog === undefined) delete process.env.OPENAI_LOG;
      else process.env.OPENAI_LOG = savedLog;
      await emu.close();
    }
  });
});
