// Turns the messages VS Code hands a LanguageModelChatProvider into the plain ChatMessage list of a TurnRequest.
// Pure and duck-typed (no 'vscode' here): a text part is anything with a string `value`, a tool result anything with a
// `callId` and a `content` array. Parts our client cannot send (images/data, tool calls, unknown future part types)
// are left out and counted, so the caller can log what was dropped instead of failing the whole request.
import type { ChatMessage } from '../mantle/types';

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
  // A tool result (only possible if a caller replays another provider's tool turn): keep its text so the model still
  // sees what the tool said; we never offer tools ourselves (toolCalling: false).
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
    for (const part of m.content) {
      const t = partText(part);
      if (t === undefined) droppedParts++;
      else text += t;
    }
    if (text.trim()) messages.push({ role: roleOf(m.role), content: text });
  }
  return { messages, droppedParts };
}
