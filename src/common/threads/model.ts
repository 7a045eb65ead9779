// The chat thread model: an ordered list of turns plus the rules that decide which turns the server already knows.
// Pure data and pure functions (no 'vscode'), shared by the host, the webview and the tests.
import type { TurnError } from '../mantle/errors';
import type { ApiKind, ChatMessage, ReasoningEffort, ThinkingBlock, TurnUsage } from '../mantle/types';
import type { ToolUse } from '../tools/chatTools';
import type { Attachment } from '../attachments/attachment';
import { attachmentParts } from '../attachments/render';

/**
 * streaming: the answer is arriving; background: a background response the host polls; done: completed and usable as
 * history / chain head; stopped: the person (or a reload) interrupted it; error: the request failed.
 */
export type TurnStatus = 'streaming' | 'background' | 'done' | 'stopped' | 'error';

/** The one failed-turn shape (chat, compare, webviews); declared with the errors it comes from. */
export type { TurnError };

export interface Turn {
  id: string;
  /** What the person typed (with any attached code already folded in): exactly what was sent as the user input. */
  prompt: string;
  /** What was attached to the prompt, as sent (files with their path and content hash; images inline). */
  attachments?: Attachment[];
  model: string;
  /** The API that produced the answer (set once the request is planned). */
  api?: ApiKind;
  /** Whether the server was asked to keep the response (Responses only). An unstored response cannot be chained. */
  stored?: boolean;
  effort?: ReasoningEffort;
  answer: string;
  reasoning: string;
  /**
   * Claude (Messages) only: the answer's thinking blocks as the server signed them. Messages is stateless, so later
   * turns send them back with this answer (the API checks the signatures); kept with the thread, never shown.
   */
  thinking?: ThinkingBlock[];
  status: TurnStatus;
  /** resp_… (Responses), chatcmpl-… (Chat Completions) or msg_… (Messages). Only a stored Responses id can become the chain head. */
  responseId?: string;
  usage?: TurnUsage;
  timeToFirstTokenMs?: number;
  totalMs?: number;
  error?: TurnError;
  /** A short remark shown with the turn, e.g. that the history was resent because the server forgot the chain. */
  notice?: string;
  createdAt: number;
  /** The workspace tools the model called during this turn, in order (common/tools/chatTools.ts). */
  tools?: ToolUse[];
}

export interface Thread {
  id: string;
  title: string;
  /** The model the next turn uses; each turn records the model that answered it. */
  model: string;
  createdAt: number;
  updatedAt: number;
  turns: Turn[];
  /** Set on a branch made by "Edit and resend": where it came from. */
  forkedFrom?: { threadId: string; turnId: string };
  /** The person turned the workspace tools off for this thread. */
  toolsOff?: boolean;
}

export function createThread(id: string, model: string, now: number): Thread {
  return { id, title: 'New chat', model, createdAt: now, updatedAt: now, turns: [] };
}

/** A title from the first line of the first prompt, short enough for a list. */
export function titleFromPrompt(prompt: string, max = 60): string {
  const line = prompt.trim().split(/\r?\n/, 1)[0]?.trim() ?? '';
  if (!line) return 'New chat';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

export function addTurn(thread: Thread, turn: Turn, now: number): Thread {
  const title = thread.turns.length === 0 && thread.title === 'New chat' ? titleFromPrompt(turn.prompt) : thread.title;
  return { ...thread, title, turns: [...thread.turns, turn], updatedAt: now };
}

export function updateTurn(thread: Thread, turnId: string, patch: Partial<Turn>, now: number): Thread {
  return { ...thread, updatedAt: now, turns: thread.turns.map((t) => (t.id === turnId ? { ...t, ...patch } : t)) };
}

export function findTurn(thread: Thread, turnId: string): Turn | undefined {
  return thread.turns.find((t) => t.id === turnId);
}

/** Turns that count as conversation: only completed ones. Failed and stopped turns are never part of the history. */
export function completedTurns(thread: Thread): Turn[] {
  return thread.turns.filter((t) => t.status === 'done');
}

/**
 * The response the next Responses turn may chain onto: the id of the LAST completed turn, and only if that turn was a
 * stored Responses answer. If the last completed turn came from Chat Completions or was not stored, the server does
 * not hold the whole conversation, so there is no head and the next turn must carry the history.
 */
export function chainHead(thread: Thread, model?: string): string | undefined {
  const done = completedTurns(thread);
  const last = done[done.length - 1];
  if (!last || last.api !== 'responses' || last.stored === false || !last.responseId) return undefined;
  // Another model may live on another route family (/v1 vs /openai/v1), whose store does not hold this response:
  // after a switch the history travels once and the new model's own chain starts from there.
  if (model !== undefined && last.model !== model) return undefined;
  return last.responseId;
}

/** The conversation so far as messages, rebuilt from the local transcript (completed turns only). */
export function historyMessages(thread: Thread): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const t of completedTurns(thread)) {
    out.push({ role: 'user', content: t.prompt, ...(t.attachments?.length ? { parts: attachmentParts(t.attachments) } : {}) });
    out.push({ role: 'assistant', content: t.answer, ...(t.thinking?.length ? { thinking: t.thinking } : {}) });
  }
  return out;
}

/** The turn currently receiving an answer (streaming or background), if any: a thread runs one turn at a time. */
export function runningTurn(thread: Thread): Turn | undefined {
  return thread.turns.find((t) => t.status === 'streaming' || t.status === 'background');
}

/**
 * "Edit and resend": a new thread holding the turns before `turnId`. Its chain head is therefore the response that
 * preceded the edited turn, so the edited prompt is sent as a branch on the server and nothing earlier is resent.
 */
export function forkThread(thread: Thread, turnId: string, newId: string, now: number): Thread | undefined {
  const index = thread.turns.findIndex((t) => t.id === turnId);
  if (index < 0) return undefined;
  return {
    id: newId,
    title: `${thread.title} (edited)`,
    model: thread.model,
    createdAt: now,
    updatedAt: now,
    turns: thread.turns.slice(0, index).map((t) => ({ ...t })),
    forkedFrom: { threadId: thread.id, turnId },
  };
}
