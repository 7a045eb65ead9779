// The one place autocomplete meets the wire: a completion is a stateless turn through the turn engine, so it gets the
// engine's route for the model (the coder models are Chat Completions only), its client and its error mapping. The
// caller's AbortSignal goes to the client, which closes the HTTP request when the person types on.
import { streamStateless, type TurnEngine } from '../mantle/turnEngine';
import type { ChatMessage, TurnResult } from '../mantle/types';

export interface CompletionTurnRequest {
  model: string;
  messages: ChatMessage[];
  maxOutputTokens: number;
}

/**
 * Resolves with the finished turn; rejects with the client's MantleError (kind 'cancelled' after an abort).
 * `onFirstToken` fires when the first bytes of the answer itself arrive (not the stream's opening role chunk).
 */
export function requestCompletion(engine: TurnEngine, req: CompletionTurnRequest, signal: AbortSignal, onFirstToken: () => void): Promise<TurnResult> {
  let first = true;
  return streamStateless(
    engine,
    req.model,
    // store:false — should a Responses model be chosen, the code around the cursor is never kept on the server.
    (api) => ({ model: req.model, api, messages: req.messages, maxOutputTokens: req.maxOutputTokens, ...(api === 'responses' ? { store: false } : {}) }),
    (e) => { if (first && e.kind !== 'started') { first = false; onFirstToken(); } },
    signal,
  );
}
