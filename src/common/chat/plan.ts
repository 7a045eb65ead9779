// Request planning: which API a turn uses and exactly what it sends. This is where the product's promise lives —
// a chained Responses turn carries only the new input plus previous_response_id, never the earlier turns.
import type { Attachment } from '../attachments/attachment';
import { attachmentParts } from '../attachments/render';
import type { ApiKind, ReasoningEffort, TurnRequest } from '../mantle/types';
import { chainHead, historyMessages, type Thread } from '../threads/model';

export interface PlanInput {
  thread: Thread;
  prompt: string;
  model: string;
  /** What the model accepts, from the capability store (or the catalogue hint). */
  api: ApiKind;
  /** bedrockMantle.chat.store: false means nothing is stored on the server and history always travels. */
  store: boolean;
  effort?: ReasoningEffort;
  background?: boolean;
  /**
   * Ignore the chain and resend the history from the local transcript: used to recover from
   * previous_response_not_found and when falling back from Responses to Chat Completions.
   */
  rebuildHistory?: boolean;
  /** Sent with this turn's user message only: a chained turn after it does not carry them again. */
  attachments?: readonly Attachment[];
  /** The workspace's instruction file, as the request's instructions. */
  instructions?: string;
}

export interface TurnPlan {
  request: TurnRequest;
  /** True when the request carries earlier turns (no chain): shown in logs and tests, never a silent surprise. */
  sendsHistory: boolean;
}

export function planTurn(input: PlanInput): TurnPlan {
  const parts = input.attachments?.length ? { parts: attachmentParts(input.attachments) } : {};
  const user = { role: 'user' as const, content: input.prompt, ...parts };
  const base = {
    model: input.model, api: input.api, ...(input.effort ? { reasoningEffort: input.effort } : {}),
    ...(input.instructions ? { instructions: input.instructions } : {}),
  };
  // Chat Completions and Messages are stateless: the whole history travels every time.
  if (input.api !== 'responses') {
    return { request: { ...base, messages: [...historyMessages(input.thread), user] }, sendsHistory: true };
  }
  const head = input.store && !input.rebuildHistory ? chainHead(input.thread, input.model) : undefined;
  // Background responses only exist server-side, so they require storing.
  const background = input.background && input.store ? { background: true } : {};
  if (head) {
    return { request: { ...base, messages: [user], previousResponseId: head, store: true, ...background }, sendsHistory: false };
  }
  const history = historyMessages(input.thread);
  return { request: { ...base, messages: [...history, user], store: input.store, ...background }, sendsHistory: history.length > 0 };
}
