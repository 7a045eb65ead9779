// Folds the raw streamed events of both APIs into TurnEvents and a final state. Raw events (not the SDK's strict
// accumulator) so that an event type Mantle adds later is ignored instead of failing the turn (PROTOCOL.md §2.4).
import type { TurnEvent, TurnUsage } from './types';

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
}

export function newFoldState(): FoldState {
  return { text: '', reasoning: '', finished: false };
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
  const finish = str(choice?.finish_reason);
  if (finish) {
    state.finishReason = finish;
    state.finished = true;
  }
  return out;
}
