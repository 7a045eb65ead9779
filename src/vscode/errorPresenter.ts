// Shows a failure as one short notification whose buttons run the fix (container.errors). Every feature funnels its
// caught errors here so messages, logging and actions stay consistent.
import vscode = require('vscode');
import { errorAction } from '../common/errorActions';
import { isMantleError, type MantleError } from '../common/mantle/errors';
import type { Redactor } from '../common/redact';
import type { Log } from './log';
import { inert } from '../common/inertText';

async function copyLoginCommand(err: MantleError | undefined): Promise<void> {
  if (!err?.command) return;
  await vscode.env.clipboard.writeText(err.command);
  void vscode.window.showInformationMessage(inert(`Copied: ${err.command}`));
}

export interface ShowOptions {
  /** Offered as "Retry" when the error lists that action. */
  retry?: () => unknown;
}

export class ErrorPresenter {
  constructor(private readonly log: Log, private readonly redactor: Redactor) {}

  /**
   * The notification text: what was being done, then the reason. Redacted again here in case the producer forgot,
   * and made inert: the reason may quote a setting, a file name or the server, and VS Code renders link syntax here.
   */
  format(err: unknown, what: string): string {
    const reason = err instanceof Error ? err.message : String(err);
    return inert(this.redactor.redact(`${what} failed: ${reason}`));
  }

  async show(err: unknown, what: string, opts: ShowOptions = {}): Promise<void> {
    if (isMantleError(err) && err.kind === 'cancelled') return;
    this.log.error(what, err);
    const text = this.format(err, what);
    const labels = new Map<string, () => unknown>();
    const actions = isMantleError(err) ? err.actions : (['showLogs'] as const);
    for (const a of actions) {
      const spec = errorAction(a);
      if (!spec || labels.has(spec.label)) continue;
      if (a === 'retry') { if (opts.retry) labels.set(spec.label, opts.retry); }
      else if (a === 'copySsoCommand') labels.set(spec.label, () => copyLoginCommand(isMantleError(err) ? err : undefined));
      else if (spec.command) { const { id, args } = spec.command; labels.set(spec.label, () => vscode.commands.executeCommand(id, ...args)); }
    }
    const picked = await vscode.window.showErrorMessage(text, ...labels.keys());
    if (picked) await labels.get(picked)?.();
  }
}
