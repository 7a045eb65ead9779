// Builds Responses API objects and the streamed event sequence (PROTOCOL.md §2.3, PROTOCOL-2026-12 §4.2): output items
// opened, filled by deltas and closed, between response.created/in_progress and response.completed (or
// response.incomplete / response.failed), with one increasing sequence_number — the order the openai SDK's strict
// responses.stream() accumulator accepts. Two flavours:
// - /v1 (gpt-oss): a reasoning item with reasoning_text content, then a message item; created_at is a float.
// - /openai/v1: a reasoning item only when include asks for reasoning.encrypted_content (then with no deltas), the
//   message item with phase "final_answer", function calls with call ids call_0, call_1, … counted per response.
import type { BudgetedOutput } from './output';
import type { SseFrame } from './sse';
import type { ResponseObject } from './store';
import type { Effort } from './scriptedModel';
import { argumentFragments } from './toolUse';

export interface FunctionCall {
  id: string;
  call_id: string;
  name: string;
  arguments: string;
}

export interface ResponseSkeleton {
  id: string;
  family: '/v1' | '/openai/v1';
  /** /openai/v1: include asked for reasoning.encrypted_content. */
  encryptedReasoning: boolean;
  /** Function calls this response makes instead of answering in text. */
  calls: FunctionCall[];
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

/** §1.5 I: the model timed out after the request was accepted. */
export const MODEL_TIMEOUT_ERROR = { code: 'server_error', message: 'The request timed out before the model produced a response.' };

export function responseObject(s: ResponseSkeleton, status: string, output: unknown[], usage: ResponseUsage | null, incomplete = false): ResponseObject {
  const done = status === 'completed' || status === 'incomplete' || status === 'cancelled' || status === 'failed';
  const openai = s.family === '/openai/v1';
  const extras: Record<string, unknown> = openai
    ? { billing: { payer: 'developer' }, moderation: null, prompt_cache_retention: 'in_memory', reasoning: { effort: s.effort, summary: null, context: 'all_turns' } }
    : {};
  return {
    id: s.id,
    object: 'response',
    created_at: s.createdAt,
    status,
    background: s.background,
    completed_at: status === 'completed' ? Math.floor(Date.now() / 1000) : null,
    conversation: null,
    error: status === 'failed' ? MODEL_TIMEOUT_ERROR : null,
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
    service_tier: openai && !done ? 'auto' : 'default',
    store: s.store,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_logprobs: 0,
    top_p: openai ? 0.98 : 1,
    truncation: 'disabled',
    usage: done ? usage : null,
    user: null,
    ...extras,
  };
}

function reasoningItem(s: ResponseSkeleton, text: string, status: string): Record<string, unknown> {
  if (s.family === '/openai/v1') {
    // Opaque, as on Mantle: the reasoning is only carried encrypted for replay.
    return { encrypted_content: `rsn_${Buffer.from(text).toString('base64url')}`, id: s.reasoningItemId, summary: [], type: 'reasoning' };
  }
  return { id: s.reasoningItemId, type: 'reasoning', summary: [], content: status === 'in_progress' ? [] : [{ type: 'reasoning_text', text }], status };
}

function messageItem(s: ResponseSkeleton, text: string, status: string): Record<string, unknown> {
  return {
    id: s.messageItemId, type: 'message', role: 'assistant', status,
    ...(s.family === '/openai/v1' ? { phase: 'final_answer' } : {}),
    content: status === 'in_progress' ? [] : [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

function callItem(call: FunctionCall, status: string): Record<string, unknown> {
  return { arguments: status === 'in_progress' ? '' : call.arguments, call_id: call.call_id, id: call.id, name: call.name, status, type: 'function_call' };
}

/** Whether the reasoning is shown as an output item at all (on /openai/v1 only when asked for, encrypted). */
function showsReasoning(s: ResponseSkeleton, out: { reasoning: string[] }): boolean {
  return out.reasoning.length > 0 && (s.family === '/v1' || s.encryptedReasoning);
}

/** The final output items: reasoning (when shown), then the function calls, or a message when any answer text exists. */
export function outputItems(s: ResponseSkeleton, out: { reasoning: string[]; text: string[] }, itemStatus = 'completed'): unknown[] {
  const items: unknown[] = [];
  if (showsReasoning(s, out)) items.push(reasoningItem(s, out.reasoning.join(''), itemStatus));
  for (const call of s.calls) items.push(callItem(call, itemStatus));
  if (!s.calls.length && out.text.length) items.push(messageItem(s, out.text.join(''), itemStatus));
  return items;
}

/** The streamed events; `failed` ends after response.in_progress with response.failed (§1.5 I). */
export function responseEvents(s: ResponseSkeleton, out: BudgetedOutput, usage: ResponseUsage, failed = false): SseFrame[] {
  const frames: SseFrame[] = [];
  let seq = 0;
  const obfuscation = s.family === '/openai/v1' ? { obfuscation: '' } : {};
  // Mantle writes each frame's data: line before its event: line (§4.2, §9.5).
  const emit = (type: string, payload: Record<string, unknown>, token?: SseFrame['token']): void => {
    frames.push({ event: type, data: JSON.stringify({ type, sequence_number: seq++, ...payload }), token, dataFirst: true });
  };
  emit('response.created', { response: responseObject(s, 'in_progress', [], null) });
  emit('response.in_progress', { response: responseObject(s, 'in_progress', [], null) });
  if (failed) {
    emit('response.failed', { response: responseObject(s, 'failed', [], usage) });
    return frames;
  }

  let outputIndex = 0;
  if (showsReasoning(s, out) && s.family === '/openai/v1') {
    const item = reasoningItem(s, out.reasoning.join(''), 'completed');
    emit('response.output_item.added', { item, output_index: outputIndex });
    emit('response.output_item.done', { item, output_index: outputIndex });
    outputIndex += 1;
  } else if (showsReasoning(s, out)) {
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
  for (const call of s.calls) {
    const at = { item_id: call.id, output_index: outputIndex };
    emit('response.output_item.added', { item: callItem(call, 'in_progress'), output_index: outputIndex });
    for (const delta of argumentFragments(call.arguments)) emit('response.function_call_arguments.delta', { ...at, delta, ...obfuscation });
    emit('response.function_call_arguments.done', { ...at, arguments: call.arguments });
    emit('response.output_item.done', { item: callItem(call, 'completed'), output_index: outputIndex });
    outputIndex += 1;
  }
  if (!s.calls.length && out.text.length) {
    const text = out.text.join('');
    const at = { item_id: s.messageItemId, output_index: outputIndex, content_index: 0 };
    emit('response.output_item.added', { output_index: outputIndex, item: messageItem(s, '', 'in_progress') });
    emit('response.content_part.added', { ...at, part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
    for (const delta of out.text) emit('response.output_text.delta', { ...at, delta, logprobs: [], ...obfuscation }, { kind: 'text', delta });
    emit('response.output_text.done', { ...at, text, logprobs: [] });
    emit('response.content_part.done', { ...at, part: { type: 'output_text', text, annotations: [], logprobs: [] } });
    emit('response.output_item.done', { output_index: outputIndex, item: messageItem(s, text, 'completed') });
  }
  const final = responseObject(s, out.truncated ? 'incomplete' : 'completed', outputItems(s, out), usage, out.truncated);
  emit(out.truncated ? 'response.incomplete' : 'response.completed', { response: final });
  return frames;
}
