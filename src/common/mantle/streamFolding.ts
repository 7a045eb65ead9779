// Folds the raw streamed events of both APIs into TurnEvents and a final state. Raw events (not the SDK's strict
// accumulator) so that an event type Mantle adds later is ignored instead of failing the turn (PROTOCOL.md §2.4).
import { ToolCallAssembly } from '../tools/toolCallAssembly';
import type { ToolCall, TurnEvent, TurnUsage } from './types';

export interface FoldState {
  id?: string;
  text: string;
  reasoning: string;
  usage?: TurnUsage;
  finishReason?: string;
  /** True once the stream said it finished (completed / incomplete / a chat finish_reason). */
  finished: boolean;
  /** Set when the stream itself reported a failure (response.failed, an error event). */
  failure?: { code?: string; message: string };
  /** Responses only: a raw reasoning_text stream was seen, so summary deltas would repeat it. */
  sawRawReasoning?: boolean;
  /** Tool calls still streaming, and the complete ones in order (common/tools/toolCallAssembly.ts). */
  calls: ToolCallAssembly;
  toolCalls: ToolCall[];
}

export function newFoldState(): FoldState {
  return { text: '', reasoning: '', finished: false, calls: new ToolCallAssembly(), toolCalls: [] };
}

function toolCallEvents(state: FoldState, calls: (ToolCall | undefined)[]): TurnEvent[] {
  const done = calls.filter((c): c is ToolCall => !!c);
  state.toolCalls.push(...done);
  return done.map((call) => ({ kind: 'toolCall', call }));
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

export function usageFromResponses(u: unknown): TurnUsage | undefined {
  const o = obj(u);
  if (!o) return undefined;
  return {
    inputTokens: num(o.input_tokens),
    outputTokens: num(o.output_tokens),
    reasoningTokens: num(obj(o.output_tokens_details)?.reasoning_tokens),
    cachedTokens: num(obj(o.input_tokens_details)?.cached_tokens),
  };
}

export function usageFromChat(u: unknown): TurnUsage | undefined {
  const o = obj(u);
  if (!o) return undefined;
  return {
    inputTokens: num(o.prompt_tokens),
    outputTokens: num(o.completion_tokens),
    reasoningTokens: num(obj(o.completion_tokens_details)?.reasoning_tokens),
    cachedTokens: num(obj(o.prompt_tokens_details)?.cached_tokens),
  };
}

/** Applies one Responses stream event; returns the TurnEvents to deliver, in order. */
export function foldResponsesEvent(state: FoldState, event: unknown): TurnEvent[] {
  const ev = obj(event);
  const type = str(ev?.type);
  if (!ev || !type) return [];
  const response = obj(ev.response);
  switch (type) {
    case 'response.created':
    case 'response.queued':
    case 'response.in_progress': {
      const first = state.id === undefined;
      state.id = str(response?.id) ?? state.id;
      return first && state.id !== undefined ? [{ kind: 'started', responseId: state.id }] : [];
    }
    case 'response.reasoning_text.delta': {
      const delta = str(ev.delta) ?? '';
      state.sawRawReasoning = true;
      state.reasoning += delta;
      return delta ? [{ kind: 'reasoning', delta }] : [];
    }
    case 'response.reasoning_summary_text.delta': {
      const delta = str(ev.delta) ?? '';
      if (state.sawRawReasoning || !delta) return [];
      state.reasoning += delta;
      return [{ kind: 'reasoning', delta }];
    }
    case 'response.output_text.delta': {
      const delta = str(ev.delta) ?? '';
      state.text += delta;
      return delta ? [{ kind: 'text', delta }] : [];
    }
    case 'response.output_item.added': {
      const item = obj(ev.item);
      if (item?.type === 'function_call') state.calls.open(str(item.id) ?? str(item.call_id) ?? '', { id: str(item.call_id), name: str(item.name) });
      return [];
    }
    case 'response.function_call_arguments.delta':
      state.calls.append(str(ev.item_id) ?? '', str(ev.delta) ?? '');
      return [];
    case 'response.output_item.done': {
      const item = obj(ev.item);
      if (item?.type !== 'function_call') return [];
      const key = str(item.id) ?? str(item.call_id) ?? '';
      state.calls.open(key, { id: str(item.call_id), name: str(item.name) });
      return toolCallEvents(state, [state.calls.close(key, str(item.arguments))]);
    }
    case 'response.completed':
    case 'response.incomplete': {
      state.id = str(response?.id) ?? state.id;
      state.usage = usageFromResponses(response?.usage) ?? state.usage;
      state.finished = true;
      state.finishReason = type === 'response.completed'
        ? 'completed'
        : str(obj(response?.incomplete_details)?.reason) ?? 'incomplete';
      return [];
    }
    case 'response.failed': {
      const err = obj(response?.error);
      state.failure = { code: str(err?.code), message: str(err?.message) ?? 'the response failed' };
      return [];
    }
    case 'error': {
      state.failure = { code: str(ev.code), message: str(ev.message) ?? 'the stream reported an error' };
      return [];
    }
    default:
      return [];
  }
}

/** Applies one Chat Completions chunk. Mantle sends reasoning as delta.reasoning; others use reasoning_content. */
export function foldChatChunk(state: FoldState, chunk: unknown): TurnEvent[] {
  const c = obj(chunk);
  if (!c) return [];
  const out: TurnEvent[] = [];
  const id = str(c.id);
  if (id && state.id === undefined) {
    state.id = id;
    out.push({ kind: 'started', responseId: id });
  }
  if (c.usage) state.usage = usageFromChat(c.usage) ?? state.usage;
  const choices = Array.isArray(c.choices) ? c.choices : [];
  const choice = obj(choices[0]);
  const delta = obj(choice?.delta);
  const reasoning = str(delta?.reasoning) ?? str(delta?.reasoning_content);
  if (reasoning) {
    state.reasoning += reasoning;
    out.push({ kind: 'reasoning', delta: reasoning });
  }
  const content = str(delta?.content);
  if (content) {
    state.text += content;
    out.push({ kind: 'text', delta: content });
  }
  const toolDeltas = Array.isArray(delta?.tool_calls) ? delta.tool_calls : [];
  for (const raw of toolDeltas) {
    const t = obj(raw);
    const fn = obj(t?.function);
    const key = typeof t?.index === 'number' ? t.index : 0;
    state.calls.open(key, { id: str(t?.id), name: str(fn?.name) });
    const args = str(fn?.arguments);
    if (args) state.calls.append(key, args);
  }
  const finish = str(choice?.finish_reason);
  if (finish) out.push(...toolCallEvents(state, state.calls.closeAll()));
  if (finish) {
    state.finishReason = finish;
    state.finished = true;
  }
  return out;
}
