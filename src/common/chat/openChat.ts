// "Open the chat with this": the typed seam other features use to hand the chat a model, a prompt, attached code or
// a finished exchange (the editor commands, Compare's "Continue in Chat", the Models tree). They receive a ChatOpener
// from the composition root instead of calling bedrockMantle.openChat with untyped arguments; the command itself is
// for people and keybindings, and readOpenChatOptions keeps only what is well-formed of what they pass.
import { readChatSeed, type ChatSeed } from '../compare/chatSeed';
import type { ChatAttachment } from './input';

export interface OpenChatOptions {
  model?: string;
  prompt?: string;
  attachment?: ChatAttachment;
  /** Send the prompt at once instead of leaving it in the input box. */
  send?: boolean;
  /** Start the thread with this finished exchange (Compare Models' "Continue in Chat"). */
  seed?: ChatSeed;
}

export interface ChatOpener {
  /** Shows the chat and chooses the thread, then fills or sends the prompt. */
  open(opts?: OpenChatOptions): Promise<void>;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** bedrockMantle.openChat's argument (from a keybinding, a menu's tree item, another extension): only what is well-formed. */
export function readOpenChatOptions(arg: unknown): OpenChatOptions | undefined {
  if (!isObj(arg)) return undefined;
  const o: OpenChatOptions = {};
  if (typeof arg.model === 'string' && arg.model) o.model = arg.model;
  if (typeof arg.prompt === 'string') o.prompt = arg.prompt;
  if (typeof arg.send === 'boolean') o.send = arg.send;
  const seed = readChatSeed(arg.seed);
  if (seed) o.seed = seed;
  const a = arg.attachment;
  if (isObj(a) && typeof a.file === 'string' && typeof a.code === 'string' && typeof a.startLine === 'number' && typeof a.endLine === 'number') {
    o.attachment = { file: a.file, code: a.code, startLine: a.startLine, endLine: a.endLine, languageId: typeof a.languageId === 'string' ? a.languageId : '' };
  }
  return o;
}
