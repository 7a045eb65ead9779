// How a failure leaves our language-model provider: a cancelled request as vscode.CancellationError, a MantleError
// whose kind has a LanguageModelError counterpart as that (message kept), anything else unchanged (VS Code reports
// it with code "Unknown" and the original error as cause).
import vscode = require('vscode');
import { lmErrorCodeFor } from '../../common/lm/errorCodes';
import { isMantleError } from '../../common/mantle/errors';

export function toLanguageModelError(err: unknown, token: vscode.CancellationToken): unknown {
  if (token.isCancellationRequested || (isMantleError(err) && err.kind === 'cancelled')) return new vscode.CancellationError();
  if (!isMantleError(err)) return err;
  const code = lmErrorCodeFor(err.kind);
  if (!code) return err;
  const lmError = vscode.LanguageModelError[code](err.message);
  // Keep the MantleError (kind, status, actions) reachable for callers that want more than the code.
  (lmError as Error & { cause?: unknown }).cause = err;
  return lmError;
}

/** An AbortSignal that fires when the token is cancelled, so the client closes the HTTP request at once. */
export function abortSignalFor(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}
