// Folds the Anthropic Messages stream (addendum §3.4) into TurnEvents and a TurnResult, without I/O: message_start
// gives the id and the input usage, thinking deltas become reasoning events and their signature_delta is kept with
// the block, text deltas become text events, message_delta brings the stop reason and the output usage, message_stop
// ends the answer. A tool_use block's input arrives as input_json_delta fragments and becomes a toolCall event when the
// block stops.
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages';
import { ToolCallAssembly } from '../tools/toolCallAssembly';
import type { ThinkingBlock, ToolCall, TurnEvent, TurnUsage } from './types';

export interface MessagesFoldState {
  id?: string;
  text: string;
  reasoning: string;
  /** Thinking blocks by stream index, each with the signature that arrived for it. */
  thinking: Map<number, ThinkingBlock>;
  input: { tokens: number; cacheRead: number; cacheWrite: number };
  outputTokens: number;
  /** From usage.output_tokens_details.thinking_tokens, when the server sends it. */
  thinkingTokens: number;
  stopReason?: string;
  finished: boolean;
  calls: ToolCallAssembly;
  toolCalls: ToolCall[];
}

export function newMessagesFoldState(): MessagesFoldState {
  return { text: '', reasoning: '', thinking: new Map(), input: { tokens: 0, cacheRead: 0, cacheWrite: 0 }, outputTokens: 0, thinkingTokens: 0, finished: false, calls: new ToolCallAssembly(), toolCalls: [] };
}

interface InputUsage { input_tokens?: number | null; cache_read_input_tokens?: number | null; cache_creation_input_tokens?: number | null }

/** message_start carries the input usage; a message_delta may repeat it (cumulative), so the latest value wins. */
function takeInput(state: MessagesFoldState, u: InputUsage): void {
  if (typeof u.input_tokens === 'number') state.input.tokens = u.input_tokens;
  if (typeof u.cache_read_input_tokens === 'number') state.input.cacheRead = u.cache_read_input_tokens;
  if (typeof u.cache_creation_input_tokens === 'number') state.input.cacheWrite = u.cache_creation_input_tokens;
}

export function foldMessagesEvent(state: MessagesFoldState, event: RawMessageStreamEvent): TurnEvent[] {
  switch (event.type) {
    case 'message_start':
      state.id = event.message.id;
      takeInput(state, event.message.usage);
      return [{ kind: 'started', responseId: event.message.id }];
    case 'content_block_start':
      if (event.content_block.type === 'thinking') {
        state.thinking.set(event.index, { thinking: event.content_block.thinking, signature: event.content_block.signature });
        if (event.content_block.thinking) {
          state.reasoning += event.content_block.thinking;
          return [{ kind: 'reasoning', delta: event.content_block.thinking }];
        }
      } else if (event.content_block.type === 'tool_use') {
        state.calls.open(event.index, { id: event.content_block.id, name: event.content_block.name });
      } else if (event.content_block.type === 'text' && event.content_block.text) {
        state.text += event.content_block.text;
        return [{ kind: 'text', delta: event.content_block.text }];
      }
      return [];
    case 'content_block_delta': {
      const d = event.delta;
      if (d.type === 'text_delta') {
        state.text += d.text;
        return [{ kind: 'text', delta: d.text }];
      }
      if (d.type === 'thinking_delta') {
        const block = state.thinking.get(event.index);
        if (block) block.thinking += d.thinking;
        state.reasoning += d.thinking;
        return [{ kind: 'reasoning', delta: d.thinking }];
      }
      if (d.type === 'input_json_delta') {
        state.calls.append(event.index, d.partial_json);
        return [];
      }
      if (d.type === 'signature_delta') {
        const block = state.thinking.get(event.index);
        if (block) block.signature += d.signature;
      }
      return [];
    }
    case 'content_block_stop': {
      const call = state.calls.close(event.index);
      if (!call) return [];
      state.toolCalls.push(call);
      return [{ kind: 'toolCall', call }];
    }
    case 'message_delta':
      state.stopReason = event.delta.stop_reason ?? state.stopReason;
      state.outputTokens = event.usage.output_tokens;
      state.thinkingTokens = event.usage.output_tokens_details?.thinking_tokens ?? state.thinkingTokens;
      takeInput(state, event.usage);
      return [];
    case 'message_stop':
      state.finished = true;
      return [];
    default:
      return [];
  }
}

/** Input tokens in TurnUsage count the whole prompt (as on the OpenAI paths): uncached + read + written. */
export function messagesUsage(state: MessagesFoldState): TurnUsage {
  const { tokens, cacheRead, cacheWrite } = state.input;
  return {
    inputTokens: tokens + cacheRead + cacheWrite, outputTokens: state.outputTokens, reasoningTokens: state.thinkingTokens,
    cachedTokens: cacheRead, cacheWriteTokens: cacheWrite,
  };
}

/** The thinking blocks to keep on the assistant turn: those that arrived signed, in stream order. */
export function signedThinking(state: MessagesFoldState): ThinkingBlock[] {
  return [...state.thinking.entries()].sort(([a], [b]) => a - b).map(([, t]) => t).filter((t) => t.signature);
}
