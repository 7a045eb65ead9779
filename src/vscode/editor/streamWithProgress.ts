// Streams an editor command's answer under a cancellable progress notification. Cancel aborts the request (the
// client closes the HTTP connection); the running count of characters and the last line show that text is arriving.
import vscode = require('vscode');
import { isMantleError } from '../../common/mantle/errors';
import type { TurnResult } from '../../common/mantle/types';
import { progressMessage, runEditorTurn, type EditorTurnRequest, type StreamProgress } from '../../common/editor/editorTurn';
import type { EditorCommandServices } from './services';
import { inert } from '../../common/inertText';
import { costOf, withCost } from '../../common/account/pricing';
import { formatTurnUsage } from '../../common/chat/usage';

/** A toast re-rendered on every token flickers and costs more than it shows; ten updates a second are plenty. */
const PROGRESS_INTERVAL_MS = 100;

/** The tokens and cost of an editor command's answer: in the log, and for a few seconds in the status bar. */
function reportUsage(services: EditorCommandServices, title: string, model: string, result: TurnResult): void {
  if (!result.usage) return;
  const line = withCost(
    formatTurnUsage(result.usage, undefined, undefined),
    costOf(model, result.usage, services.settings.region
      ? { region: services.settings.region, overrides: services.settings.pricingOverrides ?? {} }
      : undefined),
  );
  services.log.info(`Editor: ${title}: ${line}`);
  vscode.window.setStatusBarMessage(inert(`${title}: ${line}`), USAGE_MESSAGE_MS);
}

const USAGE_MESSAGE_MS = 15_000;

/** Resolves with the finished turn, or undefined when it was cancelled or failed (the failure is already shown). */
export async function streamWithProgress(services: EditorCommandServices, title: string, req: EditorTurnRequest): Promise<TurnResult | undefined> {
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: inert(title), cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const onCancel = token.onCancellationRequested(() => abort.abort());
        let lastReport = 0;
        let latest: StreamProgress | undefined;
        progress.report({ message: 'waiting for the first token…' });
        try {
          const result = await runEditorTurn(services.turns, req, (p) => {
            latest = p;
            const now = Date.now();
            if (now - lastReport < PROGRESS_INTERVAL_MS) return;
            lastReport = now;
            progress.report({ message: inert(progressMessage(p)) }); // the model's last line: its text, never a link
          }, abort.signal);
          reportUsage(services, title, req.model, result);
          return result;
        } finally {
          onCancel.dispose();
          if (latest) services.log.debug(`Editor: ${title}: ${latest.chars} characters received`);
        }
      },
    );
  } catch (err) {
    if (isMantleError(err) && err.kind === 'cancelled') {
      services.log.info(`Editor: ${title}: cancelled`);
      return undefined;
    }
    void services.errors.show(err, title);
    return undefined;
  }
}
