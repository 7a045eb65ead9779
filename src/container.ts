import * as vscode from 'vscode';
import { Redactor } from './common/redact';
import { Log } from './vscode/log';
import { MantleClient } from './node/mantleClient';
import { AuthService } from './vscode/auth/authService';
import { registerConnectionCommands } from './vscode/commands/connection';
import { ErrorPresenter } from './vscode/errorPresenter';
import { Settings } from './vscode/settings';
import { ConnectionStatusBar } from './vscode/statusBar';

/**
 * The composition root: creates every service once, wires them together and owns their disposables.
 * Features are added here and nowhere else, so the dependency graph can be read in one place.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly redactor = new Redactor();
  readonly log: Log;
  readonly settings: Settings;
  readonly auth: AuthService;
  /** The one Mantle client (MantleApi & MantleApiEvents); rebuilt whenever auth.onDidChange fires. */
  readonly mantle: MantleClient;
  readonly errors: ErrorPresenter;
  readonly statusBar: ConnectionStatusBar;

  constructor(readonly context: vscode.ExtensionContext) {
    this.log = this.register(new Log(this.redactor));
    this.register(vscode.commands.registerCommand('bedrockMantle.showLogs', () => this.log.show()));
    // Connection and authentication: settings → credentials → the one client, its status bar item and commands.
    this.settings = this.register(new Settings(this.log));
    this.auth = this.register(new AuthService(context.secrets, this.settings, this.redactor, this.log));
    this.mantle = new MantleClient({ connection: () => this.auth.connection(), logger: this.log, redact: (s) => this.redactor.redact(s) });
    this.register(this.auth.onDidChange(() => this.mantle.invalidate()));
    this.errors = new ErrorPresenter(this.log, this.redactor);
    this.statusBar = this.register(new ConnectionStatusBar(this.settings, this.auth, this.mantle));
    for (const d of registerConnectionCommands(this)) this.register(d);
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
