import { strict as assert } from 'node:assert';
import { foldChatChunk, foldResponsesEvent, newFoldState } from '../../src/common/mantle/streamFolding';
import type { TurnEvent } from '../../src/common/mantle/types';

function foldAll(events: unknown[], fold: typeof foldResponsesEvent) {
  const state = newFoldState();
  const out: TurnEvent[] = [];
  for (const e of events) out.push(...fold(state, e));
  return { state, out };
}

describe('client stream folding: Responses', () => {
  const usage = { input_tokens: 10, output_tokens: 20, input_tokens_details: { cached_tokens: 4 }, output_tokens_details: { reasoning_tokens: 7 } };

  it('reports the id early, then reasoning and text deltas in order, and the final usage', () => {
    const { state, out } = foldAll([
      { type: 'response.created', response: { id: 'resp_1', status: 'in_progress' } },
      { type: 'response.in_progress', response: { id: 'resp_1' } },
      { type: 'response.reasoning_text.delta', delta: 'think ' },
      { type: 'response.reasoning_text.delta', delta: 'more' },
      { type: 'response.output_text.delta', delta: 'Hel' },
      { type: 'response.output_text.delta', delta: 'lo' },
      { type: 'response.completed', response: { id: 'resp_1', usage } },
    ], foldResponsesEvent);
    assert.deepEqual(out, [
      { kind: 'started', responseId: 'resp_1' },
      { kind: 'reasoning', delta: 'think ' },
      { kind: 'reasoning', delta: 'more' },
      { kind: 'text', delta: 'Hel' },
      { kind: 'text', delta: 'lo' },
    ]);
    assert.equal(state.text, 'Hello');
    assert.equal(state.reasoning, 'think more');
    assert.equal(state.finished, true);
    assert.equal(state.finishReason, 'completed');
    assert.deepEqual(state.usage, { inputTokens: 10, outputTokens: 20, reasoningTokens: 7, cachedTokens: 4 });
  });

  it('uses reasoning summaries when there is no raw reasoning, and never both', () => {
    const summaryOnly = foldAll([{ type: 'response.reasoning_summary_text.delta', delta: 'sum' }], foldResponsesEvent);
    assert.equal(summaryOnly.state.reasoning, 'sum');
    const both = foldAll([
      { type: 'response.reasoning_text.delta', delta: 'raw' },
      { type: 'response.reasoning_summary_text.delta', delta: 'sum' },
    ], foldResponsesEvent);
    assert.equal(both.state.reasoning, 'raw');
  });

  it('ignores event types it does not know (forward compatible)', () => {
    const { state, out } = foldAll([
      { type: 'response.created', response: { id: 'r' } },
      { type: 'response.some_future_event', foo: 1 },
      { type: 'keepalive' },
      { type: 'response.output_text.delta', delta: 'x' },
    ], foldResponsesEvent);
    assert.equal(out.length, 2);
    assert.equal(state.text, 'x');
    assert.equal(state.finished, false);
  });

  it('takes the reason of an incomplete response', () => {
    const { state } = foldAll([{ type: 'response.incomplete', response: { id: 'r', incomplete_details: { reason: 'max_output_tokens' } } }], foldResponsesEvent);
    assert.equal(state.finished, true);
    assert.equal(state.finishReason, 'max_output_tokens');
  });

  it('records a failure from response.failed or an error event', () => {
    const failed = foldAll([{ type: 'response.failed', response: { id: 'r', error: { code: 'server_error', message: 'boom' } } }], foldResponsesEvent);
    assert.deepEqual(failed.state.failure, { code: 'server_error', message: 'boom' });
    assert.equal(failed.state.finished, false);
    const err = foldAll([{ type: 'error', code: 'previous_response_not_found', message: 'gone' }], foldResponsesEvent);
    assert.equal(err.state.failure?.code, 'previous_response_not_found');
  });
});

describe('client stream folding: Chat Completions', () => {
  it('reads delta.content and delta.reasoning, the finish reason and the usage-only chunk', () => {
    const { state, out } = foldAll([
      { id: 'chatcmpl-1', choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { id: 'chatcmpl-1', choices: [{ index: 0, delta: { reasoning: 'hmm' }, finish_reason: null }] },
      { id: 'chatcmpl-1', choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] },
      { id: 'chatcmpl-1', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], usage: null },
      { id: 'chatcmpl-1', choices: [], usage: { prompt_tokens: 5, completion_tokens: 6, completion_tokens_details: { reasoning_tokens: 2 }, prompt_tokens_details: { cached_tokens: 1 } } },
    ], foldChatChunk);
    assert.deepEqual(out, [
      { kind: 'started', responseId: 'chatcmpl-1' },
      { kind: 'reasoning', delta: 'hmm' },
      { kind: 'text', delta: 'Hi' },
    ]);
    assert.equal(state.finishReason, 'stop');
    assert.equal(state.finished, true);
    assert.deepEqual(state.usage, { inputTokens: 5, outputTokens: 6, reasoningTokens: 2, cachedTokens: 1 });
  });

  it('falls back to delta.reasoning_content', () => {
    const { state } = foldAll([{ id: 'c', choices: [{ delta: { reasoning_content: 'rc' } }] }], foldChatChunk);
    assert.equal(state.reasoning, 'rc');
  });

  it('is not finished without a finish_reason (a cut stream)', () => {
    const { state } = foldAll([{ id: 'c', choices: [{ delta: { content: 'part' } }] }], foldChatChunk);
    assert.equal(state.finished, false);
    assert.equal(state.text, 'part');
  });
});
