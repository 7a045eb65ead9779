// Tool calling through the product's clients against the emulator (issue 19): tool definitions on the wire of each
// API, streamed calls assembled into complete ToolCalls (Kimi ids, parallel calls, malformed arguments), results sent
// back in each API's shape and answered from; a Responses tool step chained with previous_response_id that carries
// only the function_call_output; a model that refuses tools learned and asked again without them.
import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import type { ChatMessage, ToolDefinition, TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';
import { ToolSupport, toollessMessage, withToolLearning } from '../../src/common/tools/toolSupport';
import { Redactor } from '../../src/common/redact';
import { AnthropicMessagesClient } from '../../src/node/anthropicMessagesClient';
import type { ConnectionConfig } from '../../src/node/connection';
import type { TurnStreamer } from '../../src/common/mantle/turnEngine';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, captureLog, testClient } from './clientHelpers';

const KEY = 'mantle-emulator-key';
const QWEN = 'qwen.qwen3-coder-480b-a35b-instruct';
const KIMI = 'moonshotai.kimi-k2.5';
const GPT_OSS = 'openai.gpt-oss-120b';
const SAFEGUARD = 'openai.gpt-oss-safeguard-20b';
const OPUS = 'anthropic.claude-opus-4-8';

const READ: ToolDefinition = {
  name: 'read_file',
  description: 'Read a workspace file',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

async function run(client: TurnStreamer, req: TurnRequest): Promise<{ result: TurnResult; events: TurnEvent[] }> {
  const events: TurnEvent[] = [];
  const result = await client.streamTurn(req, (e) => events.push(e));
  return { result, events };
}

type Body = Record<string, unknown> & { messages?: Record<string, unknown>[]; input?: unknown; tools?: unknown[] };

describe('client: tool calling against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ population: 'december-2026' }); });
  after(() => emu.close());
  const lastBody = (): Body => emu.log.at(-1)!.body as Body;

  it('Chat Completions: a streamed call is assembled, its result goes back as a tool message and is answered from', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const ask: ChatMessage = { role: 'user', content: 'Please read README.md' };
    const first = await run(client, { model: QWEN, api: 'chat', messages: [ask], tools: [READ] });
    const sent = lastBody();
    assert.deepEqual(sent.tools, [{ type: 'function', function: { name: 'read_file', description: 'Read a workspace file', parameters: READ.parameters } }]);
    assert.equal(first.result.finishReason, 'tool_calls');
    assert.equal(first.result.toolCalls?.length, 1);
    const call = first.result.toolCalls![0];
    assert.match(call.id, /^call_[0-9a-f]{24}$/);
    assert.equal(call.name, 'read_file');
    assert.deepEqual(call.input, { path: 'README.md' });
    assert.deepEqual(first.events.filter((e) => e.kind === 'toolCall'), [{ kind: 'toolCall', call }]);

    const second = await run(client, {
      model: QWEN, api: 'chat', tools: [READ],
      messages: [ask, { role: 'assistant', content: '', toolCalls: [call] }, { role: 'user', content: '', toolResults: [{ callId: call.id, content: '# Demo project' }] }],
    });
    const body = lastBody();
    assert.deepEqual(body.messages!.slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: call.id, type: 'function', function: { name: 'read_file', arguments: '{"path":"README.md"}' } }] },
      { role: 'tool', tool_call_id: call.id, content: '# Demo project' },
    ]);
    assert.equal(second.result.text, 'Based on the tool result: # Demo project');
    assert.equal(second.result.toolCalls, undefined);
  });

  it('Kimi: functions.NAME:N call ids, narration text before the calls, parallel calls in one answer', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const { result, events } = await run(client, { model: KIMI, api: 'chat', messages: [{ role: 'user', content: 'read src/a.ts and src/b.ts' }], tools: [READ] });
    assert.deepEqual(result.toolCalls?.map((c) => [c.id, c.input]), [['functions.read_file:0', { path: 'src/a.ts' }], ['functions.read_file:1', { path: 'src/b.ts' }]]);
    assert.equal(result.text, " I'll use read_file and read_file first.");
    const kinds = events.map((e) => e.kind).filter((k, i, all) => k !== all[i - 1]);
    assert.deepEqual(kinds, ['started', 'reasoning', 'text', 'toolCall']);
  });

  it('malformed arguments become a call with an error, not a failed turn', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const { result } = await run(client, { model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'read README.md with malformed arguments' }], tools: [READ] });
    const call = result.toolCalls![0];
    assert.equal(call.arguments, '{"path":"README.md"');
    assert.equal(call.input, undefined);
    assert.match(call.error ?? '', /not valid JSON/);
  });

  it('tool choice: none calls nothing, required makes the model call a tool it was not asked about', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const none = await run(client, { model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'read README.md' }], tools: [READ], toolChoice: 'none' });
    assert.equal(lastBody().tool_choice, 'none');
    assert.equal(none.result.toolCalls, undefined);
    const required = await run(client, { model: QWEN, api: 'chat', messages: [{ role: 'user', content: 'hello' }], tools: [READ], toolChoice: { name: 'read_file' } });
    assert.deepEqual(lastBody().tool_choice, { type: 'function', function: { name: 'read_file' } });
    assert.equal(required.result.toolCalls?.[0].name, 'read_file');
  });

  it('Responses: a tool step chains with previous_response_id and sends only the function_call_output', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const first = await run(client, { model: GPT_OSS, api: 'responses', messages: [{ role: 'user', content: 'What does src/x.ts export?' }], tools: [READ] });
    assert.deepEqual(lastBody().tools, [{ type: 'function', name: 'read_file', description: 'Read a workspace file', parameters: READ.parameters, strict: false }]);
    const call = first.result.toolCalls![0];
    assert.deepEqual([call.id, call.input], ['call_0', { path: 'src/x.ts' }]);
    assert.equal(first.result.text, '');

    const second = await run(client, {
      model: GPT_OSS, api: 'responses', tools: [READ], previousResponseId: first.result.id,
      messages: [{ role: 'user', content: '', toolResults: [{ callId: call.id, content: 'export const x = 1;' }] }],
    });
    const body = lastBody();
    assert.equal(body.previous_response_id, first.result.id);
    assert.deepEqual(body.input, [{ type: 'function_call_output', call_id: 'call_0', output: 'export const x = 1;' }]);
    assert.equal(second.result.text, 'Based on the tool result: export const x = 1;');
  });

  it('Anthropic Messages: tool_use streamed as input_json_delta, answered from a tool_result', async () => {
    const log = captureLog();
    const config: ConnectionConfig = { baseURL: emu.url, region: 'us-east-1', customEndpoint: true, auth: bearer(KEY), maxRetries: 0, stallTimeoutMs: 10_000 };
    const redactor = new Redactor();
    const client = new AnthropicMessagesClient({ connection: async () => config, logger: log.logger, redact: (s) => redactor.redact(s) });
    const weather: ToolDefinition = { name: 'lookup_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } };
    const ask: ChatMessage = { role: 'user', content: 'Use lookup_weather for Paris.' };
    const first = await run(client, { model: OPUS, api: 'messages', messages: [ask], tools: [weather], toolChoice: 'auto' });
    assert.deepEqual(lastBody().tool_choice, { type: 'auto' });
    const call = first.result.toolCalls![0];
    assert.match(call.id, /^toolu_/);
    assert.deepEqual(call.input, { city: 'Use lookup_weather for Paris.' });
    const second = await run(client, {
      model: OPUS, api: 'messages', tools: [weather],
      messages: [ask, { role: 'assistant', content: first.result.text, toolCalls: [call] }, { role: 'user', content: '', toolResults: [{ callId: call.id, content: 'Sunny' }] }],
    });
    const sent = lastBody().messages!;
    assert.deepEqual((sent[1].content as { type: string }[]).map((b) => b.type), ['text', 'tool_use']);
    assert.deepEqual((sent[2].content as { type: string }[]).map((b) => b.type), ['tool_result']);
    assert.equal(second.result.text, 'The lookup_weather tool returned: Sunny');
  });

  it('a model that refuses tools is learned: asked again without them, later requests leave them out, a required tool fails clearly', async () => {
    const { client, log } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const support = new ToolSupport();
    const learning = withToolLearning(client, support, (m) => log.logger.info(m));
    const ask: TurnRequest = { model: SAFEGUARD, api: 'chat', messages: [{ role: 'user', content: 'read README.md' }], tools: [READ] };
    const before = emu.log.length;
    const { result } = await run(learning, ask);
    const attempts = emu.log.slice(before);
    assert.deepEqual(attempts.map((e) => e.status), [400, 200]);
    assert.ok((attempts[0].body as Body).tools);
    assert.equal((attempts[1].body as Body).tools, undefined);
    assert.ok(result.text.length > 0);
    assert.equal(support.isToolless(SAFEGUARD), true);

    const again = emu.log.length;
    await run(learning, ask);
    assert.deepEqual(emu.log.slice(again).map((e) => [e.status, (e.body as Body).tools]), [[200, undefined]]);

    const required = emu.log.length;
    const err = await run(learning, { ...ask, toolChoice: 'required' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof MantleError);
    assert.equal(err.message, toollessMessage(SAFEGUARD));
    assert.equal(emu.log.length, required, 'nothing is sent once the model is known to refuse tools');
  });

  it('a fresh ToolSupport with a required tool: the refusal is reported, not retried without tools', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const learning = withToolLearning(client, new ToolSupport());
    const before = emu.log.length;
    const err = await run(learning, { model: SAFEGUARD, api: 'chat', messages: [{ role: 'user', content: 'hi' }], tools: [READ], toolChoice: 'required' }).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof MantleError);
    assert.equal(err.message, toollessMessage(SAFEGUARD));
    assert.deepEqual(emu.log.slice(before).map((e) => e.status), [400]);
  });
});

describe('emulator: when the scripted model reaches for a tool', () => {
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator(); });
  after(() => emu.close());

  it('only for a verb right before a file; an attached file in "Explain this code" is answered in text', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const ask = async (content: string) => (await client.streamTurn({ model: QWEN, api: 'chat', messages: [{ role: 'user', content }], tools: [READ] }, () => undefined)).toolCalls?.length ?? 0;
    assert.equal(await ask('What does src/x.ts export?'), 1);
    assert.equal(await ask('Show me the file a.py'), 1);
    assert.equal(await ask('Explain this code\n\nFrom src/add.ts, lines 1–1:\n```ts\nexport const add = 1;\n```'), 0);
    assert.equal(await ask('Hello there'), 0);
  });
});
