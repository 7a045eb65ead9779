// The emulator's /anthropic/v1/messages as addendum §3 describes it, driven with the official @anthropic-ai/sdk (its
// stream helper must accept the stream) and with raw fetch where the bytes matter: the event grammar, the
// non-streaming shape, the scripted model, prompt-cache accounting, thinking per model form, signatures, tool use,
// auth forms, the version header, 529 and in-stream errors, count_tokens.
import { strict as assert } from 'node:assert';
import Anthropic from '@anthropic-ai/sdk';
import { createSigV4Fetch } from '../../src/node/sigv4Fetch';
import { DECEMBER_2026_MODELS, startEmulator, type RunningEmulator } from '../emulator/server';

const KEY = 'mantle-emulator-key';
const OPUS = 'anthropic.claude-opus-4-8';
const HAIKU = 'anthropic.claude-haiku-4-5';
const V = { 'anthropic-version': '2023-06-01' };

function sdk(emu: RunningEmulator, opts: ConstructorParameters<typeof Anthropic>[0] = {}): Anthropic {
  return new Anthropic({ baseURL: `${emu.origin}/anthropic`, apiKey: KEY, maxRetries: 0, defaultHeaders: V, ...opts });
}

async function post(emu: RunningEmulator, body: unknown, headers: Record<string, string> = {}, path = '/anthropic/v1/messages') {
  const res = await fetch(`${emu.origin}${path}`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json', ...V, ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: <T = Record<string, unknown>>() => JSON.parse(text) as T };
}

/** The fields of a stream event's data these tests read. */
interface EventData {
  type: string;
  message: { id: string; model: string; usage: Record<string, unknown> };
  content_block: { type: string };
  delta: { type: string; stop_reason?: string };
  usage: { output_tokens: number };
}
interface MessageBody { content: { type: string }[]; model: string; usage: { cache_creation: unknown } & Record<string, unknown> }

const user = (content: string) => ({ role: 'user' as const, content });
const errorOf = (r: { json<T>(): T }) => r.json<{ type: string; error: { type: string; message: string } }>();

describe('emulator: Anthropic Messages on /anthropic/v1', () => {
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ population: 'december-2026', projects: [{ id: 'proj_other', name: 'other', status: 'active' }] }); });
  after(() => emu.close());

  it('streams the §3.4 grammar in order: message_start, ping, thinking with signature_delta, text, message_delta, message_stop', async () => {
    const res = await post(emu, { model: OPUS, max_tokens: 500, stream: true, thinking: { type: 'adaptive' }, output_config: { effort: 'low' }, messages: [user('hello')] });
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const frames = [...res.text.matchAll(/^event: (.+)\ndata: (.+)$/gm)].map((m) => ({ event: m[1], data: JSON.parse(m[2]) as EventData }));
    assert.ok(frames.every((f) => f.event === f.data.type), 'event: names the data type');
    const shape = frames.map((f) => (f.event === 'content_block_delta' ? `delta:${f.data.delta.type}` : f.event === 'content_block_start' ? `start:${f.data.content_block.type}` : f.event));
    const squeezed = shape.filter((s, i) => s !== shape[i - 1]);
    assert.deepEqual(squeezed, ['message_start', 'ping', 'start:thinking', 'delta:thinking_delta', 'delta:signature_delta', 'content_block_stop',
      'start:text', 'delta:text_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const start = frames[0].data.message;
    assert.match(start.id, /^msg_bdrk_[a-z2-7]{52}$/);
    assert.equal(start.model, 'claude-opus-4-8');
    assert.deepEqual(Object.keys(start.usage).sort(), ['cache_creation', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'input_tokens', 'output_tokens', 'service_tier']);
    const delta = frames.find((f) => f.event === 'message_delta')!.data;
    assert.deepEqual(delta.delta, { stop_reason: 'end_turn', stop_sequence: null });
    const deltas = frames.filter((f) => f.event === 'content_block_delta' && f.data.delta.type !== 'signature_delta').length;
    assert.equal(delta.usage.output_tokens, deltas, 'output tokens = the thinking and text deltas streamed');
  });

  it('the SDK\'s messages.stream() helper rebuilds the final message, thinking signature included', async () => {
    const stream = sdk(emu).messages.stream({ model: OPUS, max_tokens: 500, thinking: { type: 'adaptive' }, messages: [user('hello')] });
    let text = '';
    stream.on('text', (t) => { text += t; });
    const final = await stream.finalMessage();
    assert.deepEqual(final.content.map((b) => b.type), ['thinking', 'text']);
    const thinking = final.content[0] as Anthropic.ThinkingBlock;
    assert.ok(thinking.thinking.length > 0 && thinking.signature.length > 0);
    assert.equal((final.content[1] as Anthropic.TextBlock).text, text);
    assert.match(text, /^Hello! I'm the scripted model/);
    assert.equal(final.stop_reason, 'end_turn');
  });

  it('answers without streaming in the live shape of §3.3', async () => {
    const res = await post(emu, { model: OPUS, max_tokens: 200, messages: [user('hello')] });
    assert.equal(res.status, 200);
    const body = res.json<MessageBody>();
    assert.deepEqual(Object.keys(body).sort(), ['content', 'id', 'model', 'role', 'stop_details', 'stop_reason', 'stop_sequence', 'type', 'usage']);
    assert.deepEqual(Object.keys(body.usage).sort(), ['cache_creation', 'cache_creation_input_tokens', 'cache_read_input_tokens', 'input_tokens', 'output_tokens', 'output_tokens_details', 'service_tier']);
    assert.deepEqual(body.usage.cache_creation, { ephemeral_1h_input_tokens: 0, ephemeral_5m_input_tokens: 0 });
    assert.equal(body.model, 'claude-opus-4-8');
    assert.equal(body.content[0].type, 'text');
  });

  it('the scripted model remembers only what the request carries, writes code and long replies on request', async () => {
    const client = sdk(emu);
    const ask = async (messages: Anthropic.MessageParam[]) => (await client.messages.create({ model: HAIKU, max_tokens: 4000, messages })).content.map((b) => (b.type === 'text' ? b.text : '')).join('');
    const first = await ask([user('My name is Ada.')]);
    assert.match(await ask([user('What is my name?')]), /don't know your name/);
    assert.match(await ask([user('My name is Ada.'), { role: 'assistant', content: first }, user('What is my name?')]), /Your name is Ada/);
    assert.match(await ask([user('Fix the bug in this code:\n```python\ndef add(a, b):\n    return a - b\n```')]), /```python/);
    const long = await client.messages.create({ model: HAIKU, max_tokens: 4000, messages: [user('Reply with 300 tokens.')] });
    assert.equal(long.usage.output_tokens, 300);
    const cut = await client.messages.create({ model: HAIKU, max_tokens: 20, messages: [user('Reply with 300 tokens.')] });
    assert.equal(cut.stop_reason, 'max_tokens');
    assert.equal(cut.usage.output_tokens, 20);
  });

  it('prompt cache: the first request writes up to its breakpoint, a repeat with more turns reads it; scoped by workspace', async () => {
    const client = sdk(emu);
    const system: Anthropic.TextBlockParam[] = [{ type: 'text', text: 'You are terse. '.repeat(20), cache_control: { type: 'ephemeral' } }];
    const u1: Anthropic.MessageParam = { role: 'user', content: [{ type: 'text', text: 'My name is Lin.', cache_control: { type: 'ephemeral' } }] };
    const one = await client.messages.create({ model: 'anthropic.claude-sonnet-5', max_tokens: 300, system, messages: [u1] });
    assert.equal(one.usage.cache_read_input_tokens, 0);
    assert.ok((one.usage.cache_creation_input_tokens ?? 0) > 0);
    assert.equal(one.usage.cache_creation?.ephemeral_5m_input_tokens, one.usage.cache_creation_input_tokens);
    const written = one.usage.cache_creation_input_tokens ?? 0;
    assert.equal(one.usage.input_tokens, 3, 'only the assistant priming frame is after the last breakpoint');

    const text = (one.content[0] as Anthropic.TextBlock).text;
    const u2: Anthropic.MessageParam = { role: 'user', content: [{ type: 'text', text: 'What is my name?', cache_control: { type: 'ephemeral', ttl: '1h' } }] };
    const two = await client.messages.create({ model: 'anthropic.claude-sonnet-5', max_tokens: 300, system, messages: [u1, { role: 'assistant', content: text }, u2] });
    assert.equal(two.usage.cache_read_input_tokens, written, 'the whole first prompt is read back');
    assert.ok((two.usage.cache_creation?.ephemeral_1h_input_tokens ?? 0) > 0, 'the new turns are written with their 1h ttl');

    const other = await client.messages.create({ model: 'anthropic.claude-sonnet-5', max_tokens: 300, system, messages: [u1] }, { headers: { 'anthropic-workspace': 'proj_other' } });
    assert.equal(other.usage.cache_read_input_tokens, 0, 'another workspace has its own cache');
    const noBreakpoint = await client.messages.create({ model: 'anthropic.claude-sonnet-5', max_tokens: 300, messages: [user('My name is Lin.')] });
    assert.equal(noBreakpoint.usage.cache_read_input_tokens, 0);
    assert.equal(noBreakpoint.usage.cache_creation_input_tokens, 0);
  });

  it('thinking per model form: adaptive-only and budget-only models refuse the other form with a 400', async () => {
    const cases: [string, Record<string, unknown>, number, string?][] = [
      [OPUS, { thinking: { type: 'adaptive' }, output_config: { effort: 'high' } }, 200],
      [OPUS, { thinking: { type: 'enabled', budget_tokens: 2048 } }, 400, 'thinking.type.enabled is not supported for this model. Use thinking.type.adaptive and output_config.effort to control thinking behavior.'],
      [OPUS, { thinking: { type: 'disabled' } }, 400, 'thinking.type.disabled is not supported for this model. Use thinking.type.adaptive and output_config.effort to control thinking behavior.'],
      [HAIKU, { thinking: { type: 'enabled', budget_tokens: 2048 } }, 200],
      [HAIKU, { thinking: { type: 'adaptive' } }, 400, 'thinking.type.adaptive is not supported for this model. Use thinking.type.enabled with thinking.budget_tokens instead.'],
      ['anthropic.claude-opus-4-6', { thinking: { type: 'enabled', budget_tokens: 2048 } }, 200],
      ['anthropic.claude-opus-4-6', { thinking: { type: 'adaptive' } }, 200],
      [OPUS, { thinking: { type: 'adaptive', effort: 'low' } }, 400, 'thinking.adaptive.effort: Extra inputs are not permitted'],
      [HAIKU, { thinking: { type: 'enabled', budget_tokens: 500 } }, 400, 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024'],
      [HAIKU, { thinking: { type: 'enabled', budget_tokens: 4000 } }, 400, '`max_tokens` must be greater than `thinking.budget_tokens`.'],
      [OPUS, { output_config: { format: { type: 'json_schema', schema: {} } } }, 400, 'output_config.format: Structured outputs are not supported on this endpoint.'],
    ];
    for (const [model, extra, status, message] of cases) {
      const res = await post(emu, { model, max_tokens: 3000, messages: [user('hello')], ...extra });
      assert.equal(res.status, status, `${model} ${JSON.stringify(extra)}`);
      if (message) assert.deepEqual(errorOf(res), { type: 'error', request_id: res.headers.get('x-request-id'), error: { type: 'invalid_request_error', message } });
    }
    const budgeted = await post(emu, { model: HAIKU, max_tokens: 30000, messages: [user('hello')], thinking: { type: 'enabled', budget_tokens: 20000 } });
    const low = await post(emu, { model: HAIKU, max_tokens: 3000, messages: [user('hello')], thinking: { type: 'enabled', budget_tokens: 1024 } });
    const thoughts = (r: typeof low) => (r.json<{ content: { type: string; thinking?: string }[] }>().content[0].thinking ?? '').length;
    assert.ok(thoughts(budgeted) > thoughts(low), 'a bigger budget thinks longer');
  });

  it('thinking blocks come back with their signature; a changed thought or signature is refused', async () => {
    const client = sdk(emu);
    const first = await client.messages.create({ model: OPUS, max_tokens: 500, thinking: { type: 'adaptive' }, messages: [user('My name is Ada.')] });
    const blocks = first.content as (Anthropic.ThinkingBlock | Anthropic.TextBlock)[];
    const next = (content: Anthropic.ContentBlockParam[]) => post(emu, { model: OPUS, max_tokens: 500, thinking: { type: 'adaptive' }, messages: [user('My name is Ada.'), { role: 'assistant', content }, user('What is my name?')] });
    assert.equal((await next(blocks)).status, 200);
    const thinking = blocks[0] as Anthropic.ThinkingBlock;
    for (const forged of [{ ...thinking, thinking: `${thinking.thinking} (edited)` }, { ...thinking, signature: 'Zm9yZ2Vk' }]) {
      const res = await next([forged, blocks[1]]);
      assert.equal(res.status, 400);
      assert.equal(errorOf(res).error.message, 'messages.1.content.0: Invalid `signature` in `thinking` block');
    }
  });

  it('tool use: a tool_use block streamed as input_json_delta, then an answer from the tool_result', async () => {
    const tools: Anthropic.Tool[] = [{ name: 'lookup_weather', description: 'Weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }];
    const client = sdk(emu);
    const res = await post(emu, { model: OPUS, max_tokens: 500, stream: true, tools, messages: [user('Use lookup_weather for Paris.')] });
    assert.ok(res.text.includes('"type":"input_json_delta"'));
    const final = await client.messages.stream({ model: OPUS, max_tokens: 500, tools, messages: [user('Use lookup_weather for Paris.')] }).finalMessage();
    assert.equal(final.stop_reason, 'tool_use');
    const call = final.content.find((b): b is Anthropic.ToolUseBlock => b.type === 'tool_use')!;
    assert.equal(call.name, 'lookup_weather');
    assert.deepEqual(call.input, { city: 'Use lookup_weather for Paris.' });
    const after = await client.messages.create({ model: OPUS, max_tokens: 500, tools, messages: [
      user('Use lookup_weather for Paris.'), { role: 'assistant', content: final.content as Anthropic.ContentBlockParam[] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: 'Sunny, 21 °C' }] },
    ] });
    assert.equal((after.content[0] as Anthropic.TextBlock).text, 'The lookup_weather tool returned: Sunny, 21 °C');
  });

  it('accepts x-api-key, Bearer and SigV4 (bedrock-mantle); refuses a wrong key in the Anthropic envelope', async () => {
    const body = { model: HAIKU, max_tokens: 50, messages: [user('hi')] };
    assert.equal((await post(emu, body)).status, 200);
    assert.equal((await post(emu, body, { 'x-api-key': '', authorization: `Bearer ${KEY}` })).status, 200);
    const signed = createSigV4Fetch({ region: 'us-east-1', credentials: async () => ({ accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret-key' }), fetch: (i, init) => fetch(i, init) });
    const viaSigv4 = await signed(`${emu.origin}/anthropic/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...V }, body: JSON.stringify(body) });
    assert.equal(viaSigv4.status, 200);
    assert.deepEqual(emu.log.slice(-3).map((e) => e.auth), ['x-api-key', 'bearer', 'sigv4']);
    const wrong = await post(emu, body, { 'x-api-key': 'nope' });
    assert.equal(wrong.status, 401);
    assert.equal(errorOf(wrong).error.type, 'authentication_error');
  });

  it('anthropic-version: 2023-06-01, a newer date, bedrock-2023-05-31 (header or body) and none are accepted; garbage is not', async () => {
    const body = { model: HAIKU, max_tokens: 50, messages: [user('hi')] };
    for (const v of ['2023-06-01', '2026-10-21', 'bedrock-2023-05-31']) assert.equal((await post(emu, body, { 'anthropic-version': v })).status, 200, v);
    assert.equal((await post(emu, { ...body, anthropic_version: 'bedrock-2023-05-31' })).status, 200);
    const none = await fetch(`${emu.origin}/anthropic/v1/messages`, { method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.equal(none.status, 200);
    const bad = await post(emu, body, { 'anthropic-version': 'latest' });
    assert.equal(bad.status, 400);
    assert.equal(errorOf(bad).error.message, "anthropic-version: invalid version 'latest'");
  });

  it('529 overloaded_error is a fault the SDK retries; an in-stream error event ends a streamed answer', async () => {
    emu.setFaults([{ kind: '529', path: '/anthropic/v1/messages' }]);
    const before = emu.log.length;
    const ok = await sdk(emu, { maxRetries: 1 }).messages.create({ model: HAIKU, max_tokens: 50, messages: [user('hi')] }, { headers: { 'x-stainless-retry-count': undefined as unknown as string } });
    assert.equal(ok.type, 'message');
    assert.deepEqual(emu.log.slice(before).map((e) => e.status), [529, 200]);

    emu.setFaults([{ kind: 'model-timeout', path: '/anthropic/v1/messages' }]);
    const stream = sdk(emu).messages.stream({ model: HAIKU, max_tokens: 500, messages: [user('Reply with 40 tokens.')] });
    let text = '';
    stream.on('text', (t) => { text += t; });
    const err = await stream.finalMessage().then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof Anthropic.APIError);
    assert.equal(err.type, 'overloaded_error');
    assert.equal(err.status, undefined);
    assert.ok(text.length > 0, 'part of the answer arrived before the error event');
  });

  it('count_tokens counts the same prompt tokens a message reports, and refuses max_tokens', async () => {
    const messages = [user('Count these words, please.')];
    const counted = await sdk(emu).messages.countTokens({ model: HAIKU, messages, system: 'Be brief.' });
    const sent = await sdk(emu).messages.create({ model: HAIKU, max_tokens: 50, messages, system: 'Be brief.' });
    assert.equal(counted.input_tokens, sent.usage.input_tokens);
    const refused = await post(emu, { model: HAIKU, max_tokens: 5, messages }, {}, '/anthropic/v1/messages/count_tokens');
    assert.equal(refused.status, 400);
    assert.equal(errorOf(refused).error.message, 'max_tokens: Extra inputs are not permitted');
    const notClaude = await post(emu, { model: 'openai.gpt-oss-120b', messages }, {}, '/anthropic/v1/messages/count_tokens');
    assert.equal(errorOf(notClaude).error.message, "The model 'openai.gpt-oss-120b' does not support the '/anthropic/v1/messages/count_tokens' API");
  });

  it('refuses a request without max_tokens, with more than four breakpoints, or with a bad workspace id', async () => {
    const noMax = await post(emu, { model: HAIKU, messages: [user('hi')] });
    assert.equal(errorOf(noMax).error.message, 'max_tokens: Field required');
    const five = Array.from({ length: 5 }, (_, i) => ({ type: 'text', text: `part ${i}`, cache_control: { type: 'ephemeral' } }));
    assert.equal(errorOf(await post(emu, { model: HAIKU, max_tokens: 9, messages: [{ role: 'user', content: five }] })).error.message, 'A maximum of 4 blocks with cache_control may be provided. Found 5.');
    const ws = await post(emu, { model: HAIKU, max_tokens: 9, messages: [user('hi')] }, { 'anthropic-workspace': 'not a project' });
    assert.equal(ws.status, 400);
  });

  it('serves the table it is given: a Claude id unknown to the product still follows the adaptive default', async () => {
    const custom = await startEmulator({ models: [...DECEMBER_2026_MODELS, { id: 'anthropic.claude-opus-4', vendor: 'Anthropic', kind: 'general', path: '/anthropic/v1', apis: ['messages'], reasoning: true }] });
    try {
      assert.equal((await post(custom, { model: 'anthropic.claude-opus-4', max_tokens: 3000, messages: [user('hi')], thinking: { type: 'enabled', budget_tokens: 1024 } })).status, 400);
      assert.equal((await post(custom, { model: 'anthropic.claude-opus-4', max_tokens: 3000, messages: [user('hi')], thinking: { type: 'adaptive' } })).status, 200);
    } finally {
      await custom.close();
    }
  });
});
