// One turn for the language-model provider and the @mantle participant, with the capability fallback the seams
// define: a Responses call that Mantle answers "this model does not support the '/v1/responses' API" is retried once
// as Chat Completions with the same conversation (the client has already recorded the answer, so the next turn
// goes to Chat directly). Both callers always send the whole conversation, so nothing is lost by switching.
import { isMantleError } from '../mantle/errors';
import type { MantleApi, TurnEvent, TurnRequest, TurnResult } from '../mantle/types';

export async function streamWithFallback(api: MantleApi, req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
  try {
    return await api.streamTurn(req, onEvent, signal);
  } catch (e) {
    if (req.api !== 'responses' || !isMantleError(e) || e.kind !== 'unsupportedApi') throw e;
    // Responses-only fields mean nothing to Chat Completions.
    const { previousResponseId: _chain, store: _store, background: _background, ...rest } = req;
    return api.streamTurn({ ...rest, api: 'chat' }, onEvent, signal);
  }
}
