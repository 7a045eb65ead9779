// Folding the Anthropic Messages stream (src/common/mantle/messagesStream.ts) into TurnEvents, usage and thinking.
import { strict as assert } from 'node:assert';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { foldMessagesEvent, messagesUsage, newMessagesFoldState, signedThinking } from '../../src/common/mantle/messagesStream';
import type { TurnEvent } from '../../src/common/mantle/types';

const ev = (e: unknown): RawMessageStreamEvent => e as RawMessageStreamEvent;

function fold(events: unknown[]) {
  const state = newMessagesFoldState();
  const out: TurnEvent[] = [];
  for (const e of events) out.push(...foldMessagesEvent(state, ev(e)));
  return { state, out };
}

const START = { type: 'message_start', message: { id: 'msg_bdrk_x', usage: { input_tokens: 5, cache_read_input_tokens: 40, cache_creation_input_tokens: 12, output_tokens: 1 } } };

describe('messages stream folding', () => {
  it('id early, thinking as reasoning with its signature, text as text, usage with cache reads and writes', () => {
    const { state, out } = fold([
      START,
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig==' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 9, output_tokens_details: { thinking_tokens: 4 } } },
      { type: 'message_stop' },
    ]);
    assert.deepEqual(out, [
      { kind: 'started', responseId: 'msg_bdrk_x' },
      { kind: 'reasoning', delta: 'Let me ' },
      { kind: 'reasoning', delta: 'think.' },
      { kind: 'text', delta: 'Hi' },
    ]);
    assert.equal(state.text, 'Hi');
    assert.equal(state.reasoning, 'Let me think.');
    assert.equal(state.stopReason, 'end_turn');
    assert.ok(state.finished);
    assert.deepEqual(signedThinking(state), [{ thinking: 'Let me think.', signature: 'sig==' }]);
    assert.deepEqual(messagesUsage(state), { inputTokens: 57, outputTokens: 9, reasoningTokens: 4, cachedTokens: 40, cacheWriteTokens: 12 });
  });

  it('ignores tool-use input and pings, keeps unsigned thinking out of what is sent back, and is unfinished without message_stop', () => {
    const { state, out } = fold([
      START,
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'hm' } },
      { type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'ping' },
    ]);
    assert.deepEqual(out.map((e) => e.kind), ['started', 'reasoning']);
    assert.deepEqual(signedThinking(state), []);
    assert.equal(state.finished, false);
  });

  it('a later message_delta that repeats the input usage wins (cumulative counts)', () => {
    const { state } = fold([START, { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 3, input_tokens: 6, cache_read_input_tokens: 0, cache_creation_input_tokens: 52 } }]);
    assert.deepEqual(messagesUsage(state), { inputTokens: 58, outputTokens: 3, reasoningTokens: 0, cachedTokens: 0, cacheWriteTokens: 52 });
  });
});
