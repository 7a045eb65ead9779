import * as vscode from 'vscode';
import { Redactor } from './common/redact';
import { Log } from './vscode/log';

/**
 * The composition root: creates every service once, wires them together and owns their disposables.
 * Features are added here and nowhere else, so the dependency graph can be read in one place.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly redactor = new Redactor();
  readonly log: Log;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = this.register(new Log(this.redactor));
    this.register(vscode.commands.registerCommand('bedrockMantle.showLogs', () => this.log.show()));
    this.log.info(`Bedrock Mantle ${context.extension.packageJSON.version as string} activated`);
  }

  register<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try { d.dispose(); } catch { /* disposal must not stop the others */ }
    }
  }
}
