// Builds Responses API objects and the streamed event sequence (PROTOCOL.md §2.3): a reasoning item (reasoning_text
// content) then a message item, each opened, filled by deltas and closed, between response.created/in_progress and
// response.completed (or response.incomplete), with one increasing sequence_number — the order the openai SDK's
// strict responses.stream() accumulator accepts.
import type { BudgetedOutput } from './output';
import type { SseFrame } from './sse';
import type { ResponseObject } from './store';
import type { Effort } from './scriptedModel';

export interface ResponseSkeleton {
  id: string;
  model: string;
  createdAt: number;
  instructions: string | null;
  previousResponseId: string | null;
  store: boolean;
  background: boolean;
  effort: Effort;
  maxOutputTokens: number | null;
  reasoningItemId: string;
  messageItemId: string;
  metadata: Record<string, unknown>;
}

export interface ResponseUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export function responseUsage(inputTokens: number, cachedTokens: number, out: { reasoning: string[]; text: string[] }): ResponseUsage {
  const output = out.reasoning.length + out.text.length;
  return {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: cachedTokens, cache_write_tokens: 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: out.reasoning.length },
    total_tokens: inputTokens + output,
  };
}

export function responseObject(s: ResponseSkeleton, status: string, output: unknown[], usage: ResponseUsage | null, incomplete = false): ResponseObject {
  const done = status === 'completed' || status === 'incomplete' || status === 'cancelled' || status === 'failed';
  return {
    id: s.id,
    object: 'response',
    created_at: s.createdAt,
    status,
    background: s.background,
    completed_at: status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    conversation: null,
    error: null,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    instructions: s.instructions,
    max_output_tokens: s.maxOutputTokens,
    max_tool_calls: null,
    metadata: s.metadata,
    model: s.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: s.previousResponseId,
    prompt_cache_key: null,
    reasoning: { effort: s.effort, summary: null },
    safety_identifier: null,
    service_tier: 'default',
    store: s.store,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: 1,
    truncation: 'disabled',
    usage: done ? usage : null,
    user: null,
  };
}

function reasoningItem(s: ResponseSkeleton, text: string, status: string): Record<string, unknown> {
  return { id: s.reasoningItemId, type: 'reasoning', summary: [], content: status === 'in_progress' ? [] : [{ type: 'reasoning_text', text }], status };
}

function messageItem(s: ResponseSkeleton, text: string, status: string): Record<string, unknown> {
  return {
    id: s.messageItemId, type: 'message', role: 'assistant', status,
    content: status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

/** The final output items: a reasoning item when there is reasoning, a message item when any answer text exists. */
export function outputItems(s: ResponseSkeleton, out: { reasoning: string[]; text: string[] }, itemStatus = 'completed'): unknown[] {
  const items: unknown[] = [];
  if (out.reasoning.length) items.push(reasoningItem(s, out.reasoning.join(''), itemStatus));
  if (out.text.length) items.push(messageItem(s, out.text.join(''), itemStatus));
  return items;
}

export function responseEvents(s: ResponseSkeleton, out: BudgetedOutput, usage: ResponseUsage): SseFrame[] {
  const frames: SseFrame[] = [];
  let seq = 0;
  const emit = (type: string, payload: Record<string, unknown>, token?: SseFrame['token']): void => {
    frames.push({ event: type, data: JSON.stringify({ type, sequence_number: seq++, ...payload }), token });
  };
  emit('response.created', { response: responseObject(s, 'in_progress', [], null) });
  emit('response.in_progress', { response: responseObject(s, 'in_progress', [], null) });

  let outputIndex = 0;
  if (out.reasoning.length) {
    const text = out.reasoning.join('');
    const at = { item_id: s.reasoningItemId, output_index: outputIndex, content_index: 0 };
    emit('response.output_item.added', { output_index: outputIndex, item: reasoningItem(s, '', 'in_progress') });
    emit('response.content_part.added', { ...at, part: { type: 'reasoning_text', text: '' } });
    for (const delta of out.reasoning) emit('response.reasoning_text.delta', { ...at, delta }, { kind: 'reasoning', delta });
    emit('response.reasoning_text.done', { ...at, text });
    emit('response.content_part.done', { ...at, part: { type: 'reasoning_text', text } });
    emit('response.output_item.done', { output_index: outputIndex, item: reasoningItem(s, text, 'completed') });
    outputIndex += 1;
  }
  if (out.text.length) {
    const text = out.text.join('');
    const at = { item_id: s.messageItemId, output_index: outputIndex, content_index: 0 };
    emit('response.output_item.added', { output_index: outputIndex, item: messageItem(s, '', 'in_progress') });
    emit('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
    for (const delta of out.text) emit('response.output_text.delta', { ...at, delta, logprobs: [] }, { kind: 'text', delta });
    emit('response.output_text.done', { ...at, text, logprobs: [] });
    emit('response.content_part.done', { ...at, part: { type: 'output_text', text, annotations: [], logprobs: [] } });
    emit('response.output_item.done', { output_index: outputIndex, item: messageItem(s, text, 'completed') });
  }
  const final = responseObject(s, out.truncated ? 'incomplete' : 'completed', outputItems(s, out), usage, out.truncated);
  emit(out.truncated ? 'response.incomplete' : 'response.completed', { response: final });
  return frames;
}
