// Threads as stored data: a versioned envelope and a tolerant reader. Storage outlives releases, so whatever is read
// back is checked field by field; a malformed thread is dropped (and reported) rather than breaking the chat.
import { readAttachments } from '../attachments/stored';
import type { ThinkingBlock } from '../mantle/types';
import { isReasoningEffort } from '../models/reasoningEfforts';
import type { Thread, Turn, TurnStatus } from './model';
import type { ToolUse } from '../tools/chatTools';

export const THREAD_FORMAT_VERSION = 1;

export interface StoredThread {
  v: number;
  thread: Thread;
}

export function serializeThread(thread: Thread): StoredThread {
  // A turn that is mid-stream is stored as it stands; on load it is marked interrupted (see parseStoredThread).
  return { v: THREAD_FORMAT_VERSION, thread: JSON.parse(JSON.stringify(thread)) as Thread };
}

const STATUSES: readonly TurnStatus[] = ['streaming', 'background', 'done', 'stopped', 'error'];

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const optStr = (x: unknown): string | undefined => (isStr(x) ? x : undefined);
const optNum = (x: unknown): number | undefined => (isNum(x) ? x : undefined);

/** Signed thinking blocks (Claude): a block without its signature could not be sent back, so it is not kept. */
function readThinking(x: unknown): ThinkingBlock[] {
  if (!Array.isArray(x)) return [];
  return x.filter((b): b is ThinkingBlock => isObj(b) && isStr(b.thinking) && isStr(b.signature) && !!b.signature)
    .map((b) => ({ thinking: b.thinking, signature: b.signature }));
}

/** The tool calls shown with a turn: text fields only, as stored. */
function readToolUses(x: unknown): ToolUse[] {
  if (!Array.isArray(x)) return [];
  return x.filter((u): u is ToolUse => isObj(u) && isStr(u.name) && isStr(u.args) && isStr(u.summary))
    .map((u) => ({ name: u.name, args: u.args, summary: u.summary, ...(u.isError === true ? { isError: true } : {}) }));
}

function readTurn(x: unknown): Turn | undefined {
  if (!isObj(x) || !isStr(x.id) || !isStr(x.prompt) || !isStr(x.model)) return undefined;
  const status = STATUSES.includes(x.status as TurnStatus) ? (x.status as TurnStatus) : 'error';
  const turn: Turn = {
    id: x.id,
    prompt: x.prompt,
    model: x.model,
    answer: isStr(x.answer) ? x.answer : '',
    reasoning: isStr(x.reasoning) ? x.reasoning : '',
    status,
    createdAt: optNum(x.createdAt) ?? 0,
  };
  if (x.api === 'responses' || x.api === 'chat' || x.api === 'messages') turn.api = x.api;
  if (typeof x.stored === 'boolean') turn.stored = x.stored;
  if (isReasoningEffort(x.effort)) turn.effort = x.effort;
  const thinking = readThinking(x.thinking);
  if (thinking.length) turn.thinking = thinking;
  const attachments = readAttachments(x.attachments);
  if (attachments.length) turn.attachments = attachments;
  turn.responseId = optStr(x.responseId);
  turn.notice = optStr(x.notice);
  turn.timeToFirstTokenMs = optNum(x.timeToFirstTokenMs);
  turn.totalMs = optNum(x.totalMs);
  if (isObj(x.usage)) {
    const u = x.usage;
    turn.usage = {
      inputTokens: optNum(u.inputTokens) ?? 0, outputTokens: optNum(u.outputTokens) ?? 0,
      reasoningTokens: optNum(u.reasoningTokens) ?? 0, cachedTokens: optNum(u.cachedTokens) ?? 0,
    };
    const written = optNum(u.cacheWriteTokens);
    if (written !== undefined) turn.usage.cacheWriteTokens = written;
  }
  if (isObj(x.error) && isStr(x.error.message)) {
    turn.error = { kind: optStr(x.error.kind) ?? 'unknown', message: x.error.message, actions: Array.isArray(x.error.actions) ? x.error.actions.filter(isStr) : [] };
    if (isStr(x.error.command)) turn.error.command = x.error.command;
  }
  // A reload cut a streaming answer off: keep what arrived, but it is not a completed turn and never a chain head.
  // A background turn keeps running on the server, so it stays 'background' and the host resumes polling it.
  if (turn.status === 'streaming') {
    turn.status = 'stopped';
    turn.notice = 'Interrupted when the window closed.';
  }
  const tools = readToolUses(x.tools);
  if (tools.length) turn.tools = tools;
  for (const k of Object.keys(turn) as (keyof Turn)[]) if (turn[k] === undefined) delete turn[k];
  return turn;
}

/** Reads one stored thread; undefined when it is not a thread of a version this build understands. */
export function parseStoredThread(raw: unknown): Thread | undefined {
  if (!isObj(raw) || raw.v !== THREAD_FORMAT_VERSION || !isObj(raw.thread)) return undefined;
  const t = raw.thread;
  if (!isStr(t.id) || !isStr(t.model) || !Array.isArray(t.turns)) return undefined;
  const turns = t.turns.map(readTurn).filter((x): x is Turn => x !== undefined);
  const thread: Thread = {
    id: t.id,
    title: isStr(t.title) && t.title.trim() ? t.title : 'New chat',
    model: t.model,
    createdAt: optNum(t.createdAt) ?? 0,
    updatedAt: optNum(t.updatedAt) ?? 0,
    turns,
  };
  if (t.toolsOff === true) thread.toolsOff = true;
  if (isObj(t.forkedFrom) && isStr(t.forkedFrom.threadId) && isStr(t.forkedFrom.turnId)) {
    thread.forkedFrom = { threadId: t.forkedFrom.threadId, turnId: t.forkedFrom.turnId };
  }
  return thread;
}
