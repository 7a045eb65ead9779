// Input rules shared by the webview (refuse before sending) and the host (refuse again: the webview is not trusted).
// Mantle answers an empty input with an invented reply, so an empty prompt must never leave the editor.
import { MAX_MESSAGE_STRING } from '../protocol';

/**
 * The longest prompt the chat sends: the most one webview message may carry (far beyond any model's context). Refused
 * here, with a reason, rather than by the host's message validator, which would drop it silently after the webview
 * had already cleared the composer.
 */
export const MAX_PROMPT_CHARS = MAX_MESSAGE_STRING;

export type PromptCheck = { ok: true; text: string } | { ok: false; reason: string };

export function checkPrompt(text: unknown): PromptCheck {
  if (typeof text !== 'string') return { ok: false, reason: 'The prompt is not text.' };
  if (text.trim().length === 0) return { ok: false, reason: 'Type a message first: an empty prompt is not sent.' };
  if (text.length > MAX_PROMPT_CHARS) {
    return { ok: false, reason: `This prompt is ${text.length.toLocaleString('en-US')} characters long; the chat sends at most ${MAX_PROMPT_CHARS.toLocaleString('en-US')} in one message. Shorten it and send again.` };
  }
  return { ok: true, text };
}

/** Prompts longer than this show their size in the composer before they are sent. */
export const LONG_PROMPT_CHARS = 8000;

/**
 * A rough size for the person to judge a long paste: characters and an estimate of tokens (about four characters per
 * token for English and code). Marked "≈" where shown: it is not the model's tokenizer.
 */
export function promptSize(text: string): { chars: number; approxTokens: number; long: boolean } {
  return { chars: text.length, approxTokens: Math.ceil(text.length / 4), long: text.length >= LONG_PROMPT_CHARS };
}

export interface ChatAttachment {
  file: string;
  startLine: number;
  endLine: number;
  languageId: string;
  code: string;
}

/** Folds code attached by the editor commands into the prompt text: the file, the lines and a fenced block. */
export function composePrompt(prompt: string, attachment?: ChatAttachment): string {
  if (!attachment) return prompt;
  const fence = attachment.code.includes('```') ? '````' : '```';
  const where = `${attachment.file}, lines ${attachment.startLine}–${attachment.endLine}`;
  const block = `${where}:\n${fence}${attachment.languageId}\n${attachment.code}\n${fence}`;
  return prompt.trim() ? `${prompt.trim()}\n\n${block}` : block;
}
