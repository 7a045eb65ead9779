// "Continue in Chat" from a comparison column: bedrockMantle.openChat({ model, seed }) starts a thread that already
// holds the compared exchange, so the next message continues it. A stored Responses answer becomes the chain head
// (the next turn sends only the new input plus previous_response_id); any other answer travels as history.
import type { ApiKind, TurnUsage } from '../mantle/types';
import { addTurn, createThread, type Thread, type Turn } from '../threads/model';

export interface ChatSeed {
  prompt: string;
  answer: string;
  reasoning?: string;
  api?: ApiKind;
  responseId?: string;
  stored?: boolean;
  usage?: TurnUsage;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readUsage(u: unknown): TurnUsage | undefined {
  if (!isObj(u)) return undefined;
  const n = (k: string) => (typeof u[k] === 'number' && Number.isFinite(u[k]) ? u[k] : 0);
  return { inputTokens: n('inputTokens'), outputTokens: n('outputTokens'), reasoningTokens: n('reasoningTokens'), cachedTokens: n('cachedTokens') };
}

/** The seed from openChat's untrusted argument, or undefined when it is not a usable exchange. */
export function readChatSeed(raw: unknown): ChatSeed | undefined {
  if (!isObj(raw) || typeof raw.prompt !== 'string' || typeof raw.answer !== 'string' || !raw.prompt.trim()) return undefined;
  const seed: ChatSeed = { prompt: raw.prompt, answer: raw.answer };
  if (typeof raw.reasoning === 'string') seed.reasoning = raw.reasoning;
  if (raw.api === 'responses' || raw.api === 'chat' || raw.api === 'messages') seed.api = raw.api;
  if (typeof raw.responseId === 'string' && raw.responseId) seed.responseId = raw.responseId;
  if (typeof raw.stored === 'boolean') seed.stored = raw.stored;
  const usage = readUsage(raw.usage);
  if (usage) seed.usage = usage;
  return seed;
}

/** A new thread for `model` whose first (completed) turn is the seeded exchange. */
export function threadFromSeed(seed: ChatSeed, model: string, ids: { thread: string; turn: string }, now: number): Thread {
  const turn: Turn = {
    id: ids.turn,
    prompt: seed.prompt,
    model,
    answer: seed.answer,
    reasoning: seed.reasoning ?? '',
    status: 'done',
    createdAt: now,
    ...(seed.api ? { api: seed.api } : {}),
    // Only a Responses answer the server kept can be chained onto; anything else is resent as history.
    stored: seed.api === 'responses' && seed.stored === true && !!seed.responseId,
    ...(seed.responseId ? { responseId: seed.responseId } : {}),
    ...(seed.usage ? { usage: seed.usage } : {}),
  };
  return addTurn(createThread(ids.thread, model, now), turn, now);
}
