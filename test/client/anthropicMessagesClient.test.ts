// AnthropicMessagesClient (src/node/anthropicMessagesClient.ts) against the emulator: each auth form (SigV4 checked
// by the emulator), thinking on and off per model form with signatures kept for later turns, cached input on turn 2+,
// 529 retried by the SDK, a refused thinking form not sent twice, and the error kinds and actions of the OpenAI paths.
import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import type { ChatMessage, TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';
import { Redactor } from '../../src/common/redact';
import { AnthropicMessagesClient } from '../../src/node/anthropicMessagesClient';
import { loadAnthropicSdk } from '../../src/node/anthropicSdk';
import type { ConnectionAuth, ConnectionConfig } from '../../src/node/connection';
import { DECEMBER_2026_MODELS, startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, captureLog } from './clientHelpers';

const OPUS = 'anthropic.claude-opus-4-8';
const HAIKU = 'anthropic.claude-haiku-4-5';
const profile = (secretAccessKey = 'emulator-secret-key'): ConnectionAuth => ({ mode: 'awsProfile', profile: 'dev', credentials: async () => ({ accessKeyId: 'AKIDEMULATOR', secretAccessKey }) });

interface Sent { url: string; headers: Headers }

function messagesClient(emu: RunningEmulator, auth: ConnectionAuth, o: { maxRetries?: number; stallTimeoutMs?: number } = {}) {
  const log = captureLog();
  const sent: Sent[] = [];
  const config: ConnectionConfig = { baseURL: emu.url, region: 'us-east-1', customEndpoint: true, auth, maxRetries: o.maxRetries ?? 0, stallTimeoutMs: o.stallTimeoutMs ?? 10_000 };
  const redactor = new Redactor();
  const client = new AnthropicMessagesClient({
    connection: async () => config, logger: log.logger, redact: (s) => redactor.redact(s),
    fetch: (input, init) => { sent.push({ url: String(input), headers: new Headers(init?.headers) }); return fetch(input, init); },
  });
  return { client, log, sent };
}

async function turn(
  client: AnthropicMessagesClient, req: Partial<TurnRequest> & { messages: ChatMessage[] }, signal?: AbortSignal,
): Promise<{ result: TurnResult; events: TurnEvent[] }> {
  const events: TurnEvent[] = [];
  const result = await client.streamTurn({ model: OPUS, api: 'chat', ...req }, (e) => events.push(e), signal);
  return { result, events };
}

async function failure(p: Promise<unknown>): Promise<MantleError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  assert.ok(e instanceof MantleError, `expected a MantleError, got ${String(e)}`);
  return e;
}

interface SentBody { thinking?: unknown; output_config?: unknown; messages: { content: { type: string }[] }[] }
const lastBody = (emu: RunningEmulator) => emu.log.filter((e) => e.path.startsWith('/anthropic/')).at(-1)!.body as unknown as SentBody;

describe('Anthropic Messages client against the emulator', () => {
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ population: 'december-2026' }); });
  after(() => emu.close());

  it('API key: streams text to {origin}/anthropic/v1/messages as Bearer with anthropic-version 2023-06-01, nothing else', async () => {
    process.env.ANTHROPIC_CUSTOM_HEADERS = 'x-leak: 1';
    process.env.ANTHROPIC_BASE_URL = 'http://127.0.0.1:9/elsewhere';
    try {
      const { client, sent } = messagesClient(emu, bearer('mantle-emulator-key'));
      const { result, events } = await turn(client, { messages: [{ role: 'user', content: 'hello' }] });
      assert.equal(events[0].kind, 'started');
      assert.match(result.id ?? '', /^msg_bdrk_/);
      assert.equal(events.filter((e) => e.kind === 'text').map((e) => (e as { delta: string }).delta).join(''), result.text);
      assert.match(result.text, /^Hello!/);
      assert.equal(result.reasoning, '');
      assert.equal(result.finishReason, 'end_turn');
      assert.equal(sent[0].url, `${emu.origin}/anthropic/v1/messages`);
      assert.equal(sent[0].headers.get('authorization'), 'Bearer mantle-emulator-key');
      assert.equal(sent[0].headers.get('anthropic-version'), '2023-06-01');
      assert.equal(sent[0].headers.get('x-leak'), null, 'ANTHROPIC_CUSTOM_HEADERS does not reach the wire');
      assert.equal(emu.log.at(-1)!.auth, 'bearer');
    } finally {
      delete process.env.ANTHROPIC_CUSTOM_HEADERS;
      delete process.env.ANTHROPIC_BASE_URL;
    }
  });

  it('AWS profile: every request is SigV4-signed for bedrock-mantle and the emulator verifies it; a wrong secret is auth + Use AWS Profile', async () => {
    const { client, sent } = messagesClient(emu, profile());
    const { result } = await turn(client, { messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(result.text.length > 0);
    assert.equal(emu.log.at(-1)!.auth, 'sigv4');
    assert.match(sent[0].headers.get('authorization') ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDEMULATOR\/\d{8}\/us-east-1\/bedrock-mantle\/aws4_request/);
    const e = await failure(turn(messagesClient(emu, profile('wrong')).client, { messages: [{ role: 'user', content: 'hello' }] }));
    assert.equal(e.kind, 'auth');
    assert.deepEqual(e.actions, ['useAwsProfile', 'showLogs']);
  });

  it('thinking on (adaptive model): reasoning events, signed thinking kept, sent back on the next turn and accepted', async () => {
    const { client } = messagesClient(emu, bearer('mantle-emulator-key'));
    const one = await turn(client, { reasoningEffort: 'high', messages: [{ role: 'user', content: 'My name is Ada.' }] });
    assert.deepEqual(lastBody(emu).thinking, { type: 'adaptive' });
    assert.deepEqual(lastBody(emu).output_config, { effort: 'high' });
    assert.ok(one.events.some((e) => e.kind === 'reasoning'));
    assert.ok(one.result.reasoning.length > 0);
    assert.equal(one.result.thinking?.length, 1);
    assert.equal(one.result.thinking?.[0].thinking, one.result.reasoning);
    const two = await turn(client, { reasoningEffort: 'high', messages: [
      { role: 'user', content: 'My name is Ada.' }, { role: 'assistant', content: one.result.text, thinking: one.result.thinking }, { role: 'user', content: 'What is my name?' },
    ] });
    assert.match(two.result.text, /Your name is Ada/);
    assert.equal(lastBody(emu).messages[1].content[0].type, 'thinking', 'the signed thinking went back and the emulator verified it');
  });

  it('thinking on (budget model) and off: budget_tokens for Haiku 4.5; no thinking and no reasoning without an effort', async () => {
    const { client } = messagesClient(emu, bearer('mantle-emulator-key'));
    const on = await turn(client, { model: HAIKU, reasoningEffort: 'low', messages: [{ role: 'user', content: 'hello' }] });
    assert.deepEqual(lastBody(emu).thinking, { type: 'enabled', budget_tokens: 2048 });
    assert.ok(on.result.reasoning.length > 0);
    const off = await turn(client, { model: HAIKU, messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(lastBody(emu).thinking, undefined);
    assert.equal(off.result.reasoning, '');
    assert.ok(!off.events.some((e) => e.kind === 'reasoning'));
  });

  it('prompt caching: turn 1 writes, turns 2 and 3 read the growing history at the cached rate', async () => {
    const { client } = messagesClient(emu, bearer('mantle-emulator-key'));
    const history: ChatMessage[] = [];
    const usage = [];
    for (const text of ['My name is Kim and I like tea.', 'What is my name?', 'What do I like?']) {
      history.push({ role: 'user', content: text });
      const { result } = await turn(client, { model: 'anthropic.claude-sonnet-5', instructions: 'You are a helpful assistant.', messages: [...history] });
      history.push({ role: 'assistant', content: result.text });
      usage.push(result.usage!);
    }
    assert.equal(usage[0].cachedTokens, 0);
    assert.ok((usage[0].cacheWriteTokens ?? 0) > 0);
    assert.ok(usage[1].cachedTokens > 0 && usage[2].cachedTokens > usage[1].cachedTokens, JSON.stringify(usage));
    for (const u of usage) assert.ok(u.inputTokens >= u.cachedTokens + (u.cacheWriteTokens ?? 0));
    assert.match(history[5].content, /you like tea/);
  });

  it('529 overloaded and 429 are retried by the SDK; a lasting 529 is a server error with Retry', async () => {
    emu.setFaults([{ kind: '529', path: '/anthropic/v1/messages' }, { kind: '429', path: '/anthropic/v1/messages', retryAfterSeconds: 0 }]);
    const retried = messagesClient(emu, bearer('mantle-emulator-key'), { maxRetries: 2 });
    const before = emu.log.length;
    const { result } = await turn(retried.client, { model: HAIKU, messages: [{ role: 'user', content: 'hello' }] });
    assert.ok(result.text.length > 0);
    assert.deepEqual(emu.log.slice(before).map((e) => e.status), [529, 429, 200]);
    emu.setFaults([{ kind: '529', path: '/anthropic/v1/messages', times: 2 }]);
    const e = await failure(turn(messagesClient(emu, bearer('mantle-emulator-key'), { maxRetries: 1 }).client, { model: HAIKU, messages: [{ role: 'user', content: 'hello' }] }));
    assert.equal(e.kind, 'server');
    assert.equal(e.status, 529);
    assert.match(e.message, /overloaded on Mantle \(529\) on every one of 2 attempts/);
    assert.deepEqual(e.actions, ['retry', 'showLogs']);
  });

  it('an overloaded_error event mid-stream keeps the part received and offers Retry', async () => {
    emu.setFaults([{ kind: 'model-timeout', path: '/anthropic/v1/messages' }]);
    const texts: string[] = [];
    const { client } = messagesClient(emu, bearer('mantle-emulator-key'));
    const e = await failure(client.streamTurn({ model: HAIKU, api: 'chat', messages: [{ role: 'user', content: 'Reply with 40 tokens.' }] }, (ev) => { if (ev.kind === 'text') texts.push(ev.delta); }));
    assert.equal(e.kind, 'server');
    assert.equal(e.code, 'overloaded_error');
    assert.match(e.message, /was overloaded while answering \(Overloaded\); the part received so far is kept/);
    assert.ok(texts.length > 0);
  });

  it('a model that refuses a thinking form is asked again in the other and never sent the refused form twice', async () => {
    const custom = await startEmulator({ models: [...DECEMBER_2026_MODELS, { id: 'anthropic.claude-opus-4', vendor: 'Anthropic', kind: 'general', path: '/anthropic/v1', apis: ['messages'], reasoning: true }] });
    try {
      const { client, log } = messagesClient(custom, bearer('mantle-emulator-key'));
      for (let i = 0; i < 2; i++) {
        const { result } = await turn(client, { model: 'anthropic.claude-opus-4', reasoningEffort: 'medium', messages: [{ role: 'user', content: 'hello' }] });
        assert.ok(result.reasoning.length > 0);
      }
      const forms = custom.log.map((e) => (e.body as { thinking?: { type: string } }).thinking?.type);
      assert.deepEqual(forms, ['enabled', 'adaptive', 'adaptive']);
      assert.deepEqual(custom.log.map((e) => e.status), [400, 200, 200]);
      assert.ok(log.lines.some((l) => /refused budget_tokens thinking .*asking again with adaptive thinking/.test(l)));
    } finally {
      await custom.close();
    }
  });

  it('maps errors like the OpenAI paths: 401 Set API Key, 404 unknown model, 400 with the server\'s words, route error', async () => {
    const bad = await failure(turn(messagesClient(emu, bearer('wrong-key')).client, { messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(bad.kind, 'auth');
    assert.deepEqual(bad.actions, ['setApiKey', 'showLogs']);
    const { client } = messagesClient(emu, bearer('mantle-emulator-key'));
    const unknown = await failure(turn(client, { model: 'us.anthropic.claude-opus-4-8', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(unknown.kind, 'modelNotFound');
    assert.match(unknown.message, /'us\.anthropic\.claude-opus-4-8' is not available/);
    const empty = await failure(turn(client, { messages: [{ role: 'user', content: '   ' }] }));
    assert.equal(empty.kind, 'badRequest');
    assert.match(empty.message, /server said: messages: List should have at least 1 item after validation, not 0/);
    const notClaude = await failure(turn(client, { model: 'openai.gpt-oss-120b', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(notClaude.kind, 'unsupportedApi');
  });

  it('loads the SDK on the first Claude turn only, once', async () => {
    let loads = 0;
    const config: ConnectionConfig = { baseURL: emu.url, region: 'us-east-1', customEndpoint: true, auth: bearer('mantle-emulator-key'), maxRetries: 0, stallTimeoutMs: 10_000 };
    const client = new AnthropicMessagesClient({
      connection: async () => config, logger: captureLog().logger, redact: (s) => s,
      loadSdk: () => { loads++; return loadAnthropicSdk(); },
    });
    assert.equal(loads, 0, 'constructing the client loads nothing');
    await turn(client, { model: HAIKU, messages: [{ role: 'user', content: 'hello' }] });
    await turn(client, { model: HAIKU, messages: [{ role: 'user', content: 'hello' }] });
    assert.equal(loads, 1);
  });

  it('Stop cancels the stream: kind cancelled, and the emulator sees the client leave', async () => {
    const slow = await startEmulator({ population: 'december-2026', tokenDelayMs: 20 });
    try {
      const { client } = messagesClient(slow, bearer('mantle-emulator-key'));
      const controller = new AbortController();
      const e = await failure(client.streamTurn({ model: HAIKU, api: 'chat', messages: [{ role: 'user', content: 'Reply with 500 tokens.' }] }, (ev) => { if (ev.kind === 'text') controller.abort(); }, controller.signal));
      assert.equal(e.kind, 'cancelled');
      await slow.waitFor((entry) => entry.clientClosedEarly);
    } finally {
      await slow.close();
    }
  });
});
