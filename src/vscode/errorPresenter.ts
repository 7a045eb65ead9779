// Shows a failure as one short notification whose buttons run the fix (container.errors). Every feature funnels its
// caught errors here so messages, logging and actions stay consistent.
import * as vscode from 'vscode';
import { isMantleError, type MantleError, type MantleErrorAction } from '../common/mantle/errors';
import type { Redactor } from '../common/redact';
import type { Log } from './log';
import { inert } from '../common/inertText';

interface ActionButton {
  label: string;
  run: (err?: MantleError) => unknown;
}

const BUTTONS: Record<Exclude<MantleErrorAction, 'retry'>, ActionButton> = {
  setApiKey: { label: 'Set API Key', run: () => vscode.commands.executeCommand('bedrockMantle.setApiKey') },
  useAwsProfile: { label: 'Use AWS Profile…', run: () => vscode.commands.executeCommand('bedrockMantle.useAwsProfile') },
  chooseProfile: { label: 'Use AWS Profile…', run: () => vscode.commands.executeCommand('bedrockMantle.useAwsProfile') },
  selectRegion: { label: 'Select Region…', run: () => vscode.commands.executeCommand('bedrockMantle.selectRegion') },
  openSettings: { label: 'Open Settings', run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'bedrockMantle') },
  showLogs: { label: 'Show Logs', run: () => vscode.commands.executeCommand('bedrockMantle.showLogs') },
  copySsoCommand: {
    label: 'Copy Command',
    run: async (err) => {
      if (!err?.command) return;
      await vscode.env.clipboard.writeText(err.command);
      void vscode.window.showInformationMessage(inert(`Copied: ${err.command}`));
    },
  },
};

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
      if (a === 'retry') {
        if (opts.retry) labels.set('Retry', opts.retry);
        continue;
      }
      const b = BUTTONS[a];
      if (!labels.has(b.label)) labels.set(b.label, () => b.run(isMantleError(err) ? err : undefined));
    }
    const picked = await vscode.window.showErrorMessage(text, ...labels.keys());
    if (picked) await labels.get(picked)?.();
  }
}
