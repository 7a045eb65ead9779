// Turns the messages VS Code hands a LanguageModelChatProvider into the plain ChatMessage list of a TurnRequest.
// Pure and duck-typed (no 'vscode' here): a text part is anything with a string `value`, a tool call anything with a
// `callId`, a `name` and an `input` object, a tool result anything with a `callId` and a `content` array. Tool calls
// ride on the assistant message (ChatMessage.toolCalls), results on the user message (ChatMessage.toolResults); each
// API's shape is made from there (common/tools/toolWire.ts). Parts our client cannot send (images/data, unknown future
// part types) are left out and counted, so the caller can log what was dropped instead of failing the whole request.
import type { ChatMessage, ToolCall, ToolResult } from '../mantle/types';

/** VS Code's LanguageModelChatMessageRole: 1 User, 2 Assistant; 3 is System (runtime value of a proposed API). */
export const LM_ROLE = { user: 1, assistant: 2, system: 3 } as const;

export interface LmMessageLike {
  readonly role: number;
  readonly content: ReadonlyArray<unknown>;
  readonly name?: string | undefined;
}

export interface ConvertedMessages {
  messages: ChatMessage[];
  /** Parts that carried no text we could send (images, tool calls, unknown kinds). */
  droppedParts: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object';

/** The text of one content part, or undefined when the part has none we can send. */
export function partText(part: unknown): string | undefined {
  if (typeof part === 'string') return part;
  if (!isObj(part)) return undefined;
  if (typeof part.value === 'string') return part.value;
  // A tool result's text (the only form of tool output every API takes).
  if (typeof part.callId === 'string' && Array.isArray(part.content)) {
    const texts = part.content.map(partText).filter((t): t is string => t !== undefined);
    return texts.length ? texts.join('\n') : undefined;
  }
  return undefined;
}

function roleOf(role: number): ChatMessage['role'] {
  if (role === LM_ROLE.assistant) return 'assistant';
  if (role === LM_ROLE.system) return 'system';
  return 'user';
}

/**
 * The whole conversation, in order. Consecutive text parts of one message are joined without a separator (VS Code
 * splits one logical text into several parts freely); messages left without any text are dropped, since an empty
 * message is rejected by some Mantle models.
 */
export function toChatMessages(input: readonly LmMessageLike[]): ConvertedMessages {
  const messages: ChatMessage[] = [];
  let droppedParts = 0;
  for (const m of input) {
    let text = '';
    const toolCalls: ToolCall[] = [];
    const toolResults: ToolResult[] = [];
    for (const part of m.content) {
      const call = toolCallOf(part);
      const result = call ? undefined : toolResultOf(part);
      if (call) toolCalls.push(call);
      else if (result) toolResults.push(result);
      else {
        const t = partText(part);
        if (t === undefined) droppedParts++;
        else text += t;
      }
    }
    const role = roleOf(m.role);
    // Calls belong to an assistant turn and results to a user turn; anywhere else they are kept as neither.
    const calls = role === 'assistant' ? toolCalls : [];
    const results = role === 'user' ? toolResults : [];
    droppedParts += toolCalls.length - calls.length + toolResults.length - results.length;
    if (!text.trim() && !calls.length && !results.length) continue;
    messages.push({ role, content: text.trim() ? text : '', ...(calls.length ? { toolCalls: calls } : {}), ...(results.length ? { toolResults: results } : {}) });
  }
  return { messages, droppedParts };
}

function toolCallOf(part: unknown): ToolCall | undefined {
  if (!isObj(part) || typeof part.callId !== 'string' || typeof part.name !== 'string' || !isObj(part.input)) return undefined;
  return { id: part.callId, name: part.name, arguments: JSON.stringify(part.input), input: part.input };
}

function toolResultOf(part: unknown): ToolResult | undefined {
  if (!isObj(part) || typeof part.callId !== 'string' || !Array.isArray(part.content)) return undefined;
  return { callId: part.callId, content: partText(part) ?? '' };
}
