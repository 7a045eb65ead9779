import { strict as assert } from 'node:assert';
import { buildMessagesRequest } from '../../src/common/mantle/messagesRequest';
import { foldMessagesEvent, newMessagesFoldState } from '../../src/common/mantle/messagesStream';
import { foldChatChunk, foldResponsesEvent, newFoldState } from '../../src/common/mantle/streamFolding';
import type { ChatMessage, ToolCall, TurnEvent } from '../../src/common/mantle/types';
import { totalUsage } from '../../src/common/tools/chatToolTurn';
import { completeCall, ToolCallAssembly } from '../../src/common/tools/toolCallAssembly';
import { chatMessages, chatToolChoice, chatTools, messagesToolChoice, responsesInput, responsesToolChoice, sanitizeSchema } from '../../src/common/tools/toolWire';

const call: ToolCall = { id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}', input: { path: 'a.ts' } };
const history: ChatMessage[] = [
  { role: 'user', content: 'read a.ts' },
  { role: 'assistant', content: 'Reading.', toolCalls: [call] },
  { role: 'user', content: '', toolResults: [{ callId: 'call_1', content: 'export {}' }, { callId: 'call_2', content: 'no such file', isError: true }] },
];

describe('tools: wire shapes per API', () => {
  it('Chat Completions: assistant tool_calls, one tool message per result, nothing empty left over', () => {
    assert.deepEqual(chatMessages(history, 'Be brief.'), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'read a.ts' },
      { role: 'assistant', content: 'Reading.', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'export {}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'Error: no such file' },
    ]);
    // A calls-only assistant turn has content null; a user message after results keeps its text.
    const more = chatMessages([{ role: 'assistant', content: '', toolCalls: [call] }, { role: 'user', content: 'thanks', toolResults: [{ callId: 'call_1', content: 'x' }] }]);
    assert.equal(more[0].content, null);
    assert.deepEqual(more.slice(1), [{ role: 'tool', tool_call_id: 'call_1', content: 'x' }, { role: 'user', content: 'thanks' }]);
  });

  it('Responses: function_call items after the assistant text, function_call_output items for results', () => {
    assert.deepEqual(responsesInput(history), [
      { role: 'user', content: 'read a.ts' },
      { role: 'assistant', content: 'Reading.' },
      { type: 'function_call', call_id: 'call_1', name: 'read_file', arguments: '{"path":"a.ts"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'export {}' },
      { type: 'function_call_output', call_id: 'call_2', output: 'Error: no such file' },
    ]);
    // A chained tool step: only the outputs.
    assert.deepEqual(responsesInput([history[2]]).map((i) => i.type), ['function_call_output', 'function_call_output']);
  });

  it('Anthropic Messages: tool_use closes the assistant turn, tool_result opens the next user turn', () => {
    const body = buildMessagesRequest({ model: 'anthropic.claude-opus-4-8', api: 'messages', messages: history, tools: [{ name: 'read_file' }], toolChoice: 'required' }, undefined);
    assert.deepEqual(body.messages.map((m) => [m.role, (m.content as { type: string }[]).map((b) => b.type)]), [
      ['user', ['text']], ['assistant', ['text', 'tool_use']], ['user', ['tool_result', 'tool_result']],
    ]);
    const results = body.messages[2].content as { is_error?: boolean; tool_use_id: string }[];
    assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error]), [['call_1', undefined], ['call_2', true]]);
    assert.deepEqual(body.tools, [{ name: 'read_file', input_schema: { type: 'object', properties: {} } }]);
    assert.deepEqual(body.tool_choice, { type: 'any' });
    assert.deepEqual(messagesToolChoice({ name: 'x' }), { type: 'tool', name: 'x' });
  });

  it('tool choice and definitions: each API its own form; propertyNames stripped at any depth', () => {
    assert.deepEqual(chatToolChoice({ name: 'x' }), { type: 'function', function: { name: 'x' } });
    assert.deepEqual(responsesToolChoice({ name: 'x' }), { type: 'function', name: 'x' });
    assert.equal(chatToolChoice('required'), 'required');
    const schema = { type: 'object', propertyNames: { pattern: '^a' }, properties: { m: { type: 'object', propertyNames: {}, additionalProperties: { type: 'string' } } } };
    assert.deepEqual(sanitizeSchema(schema), { type: 'object', properties: { m: { type: 'object', additionalProperties: { type: 'string' } } } });
    assert.deepEqual(chatTools([{ name: 'n', parameters: schema }])[0], { type: 'function', function: { name: 'n', parameters: sanitizeSchema(schema) } });
  });
});

describe('tools: assembling streamed calls', () => {
  it('joins fragments per key in opening order; empty arguments are {}', () => {
    const a = new ToolCallAssembly();
    a.open(1, { id: 'b', name: 'second' });
    a.open(0, { id: 'a', name: 'first' });
    a.append(0, '{"pa');
    a.append(1, '');
    a.append(0, 'th":"x"}');
    assert.deepEqual(a.closeAll(), [
      { id: 'b', name: 'second', arguments: '', input: {} },
      { id: 'a', name: 'first', arguments: '{"path":"x"}', input: { path: 'x' } },
    ]);
    assert.deepEqual(a.closeAll(), [], 'a call is closed once');
  });

  it('malformed, non-object and nameless calls carry an error instead of throwing', () => {
    assert.match(completeCall('i', 'read', '{"path":').error ?? '', /read are not valid JSON/);
    assert.match(completeCall('i', 'read', '[1]').error ?? '', /not a JSON object/);
    assert.match(completeCall('i', '', '{}').error ?? '', /without a tool name/);
  });

  it('Chat chunks: calls are reported when the finish_reason arrives', () => {
    const state = newFoldState();
    const out: TurnEvent[] = [];
    const chunk = (delta: unknown, finish: string | null = null) => ({ id: 'c', choices: [{ index: 0, delta, finish_reason: finish }] });
    out.push(...foldChatChunk(state, chunk({ tool_calls: [{ index: 0, id: 'functions.read:0', type: 'function', function: { name: 'read', arguments: '' } }] })));
    out.push(...foldChatChunk(state, chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] })));
    out.push(...foldChatChunk(state, chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] })));
    assert.equal(out.filter((e) => e.kind === 'toolCall').length, 0);
    out.push(...foldChatChunk(state, chunk({}, 'tool_calls')));
    assert.deepEqual(out.at(-1), { kind: 'toolCall', call: { id: 'functions.read:0', name: 'read', arguments: '{"a":1}', input: { a: 1 } } });
    assert.equal(state.toolCalls.length, 1);
    assert.equal(state.finishReason, 'tool_calls');
  });

  it('Responses events: a call per function_call item, the .done arguments win', () => {
    const state = newFoldState();
    const item = { type: 'function_call', id: 'fc_1', call_id: 'call_0', name: 'read', arguments: '' };
    foldResponsesEvent(state, { type: 'response.output_item.added', item });
    foldResponsesEvent(state, { type: 'response.function_call_arguments.delta', item_id: 'fc_1', delta: '{"x":' });
    const done = foldResponsesEvent(state, { type: 'response.output_item.done', item: { ...item, arguments: '{"x":2}' } });
    assert.deepEqual(done, [{ kind: 'toolCall', call: { id: 'call_0', name: 'read', arguments: '{"x":2}', input: { x: 2 } } }]);
  });

  it('Messages events: a tool_use block becomes a call when it stops', () => {
    const state = newMessagesFoldState();
    foldMessagesEvent(state, { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 'toolu_1', name: 'read', input: {} } } as never);
    foldMessagesEvent(state, { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"p":"a"}' } } as never);
    const out = foldMessagesEvent(state, { type: 'content_block_stop', index: 1 } as never);
    assert.deepEqual(out, [{ kind: 'toolCall', call: { id: 'toolu_1', name: 'read', arguments: '{"p":"a"}', input: { p: 'a' } } }]);
  });
});

describe('tools: a chat tool turn', () => {
  it('adds up the usage of its steps; unknown usage stays unknown', () => {
    assert.deepEqual(totalUsage([
      { inputTokens: 10, outputTokens: 2, reasoningTokens: 1, cachedTokens: 0 }, undefined,
      { inputTokens: 5, outputTokens: 3, reasoningTokens: 0, cachedTokens: 4, cacheWriteTokens: 1 },
    ]),
      { inputTokens: 15, outputTokens: 5, reasoningTokens: 1, cachedTokens: 4, cacheWriteTokens: 1 });
    assert.equal(totalUsage([undefined]), undefined);
  });
});
