import * as vscode from 'vscode';
import { Redactor } from './common/redact';
import { Log } from './vscode/log';
import { MantleClient } from './node/mantleClient';
import { AuthService } from './vscode/auth/authService';
import { registerConnectionCommands } from './vscode/commands/connection';
import { ErrorPresenter } from './vscode/errorPresenter';
import { Settings } from './vscode/settings';
import { ConnectionStatusBar } from './vscode/statusBar';
import { ModelService, type CredentialsSource } from './vscode/models/modelService';
import { ModelsTreeProvider } from './vscode/models/modelsTreeProvider';
import { registerModelsCommands } from './vscode/models/modelsCommands';
import { EditorCommands } from './vscode/editor/editorCommands';

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
  /** Live model list (cached per Region+endpoint in globalState) and learned capabilities: getModels(), apiFor(id). */
  readonly models: ModelService;
  /** Explain / Refactor / Fix / … on the selection, and the diff review of rewrites. */
  readonly editorCommands: EditorCommands;

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
    // Models: the list and capabilities every feature asks, and the Models tree in the side bar.
    this.models = this.register(new ModelService({
      storage: context.globalState,
      api: () => this.mantle,
      scope: () => `${this.settings.region}|${this.settings.endpointOverride ?? ''}`,
      log: this.log,
    }));
    this.models.listenToCapabilities(this.mantle);
    const credentials: CredentialsSource = {
      onDidChange: this.auth.onDidChange,
      hasCredentials: () => this.auth.resolveAuth().then(() => true, () => false),
    };
    this.models.listenToCredentials(credentials);
    const modelsTree = this.register(new ModelsTreeProvider(this.models, credentials, this.settings));
    this.register(registerModelsCommands(this.models, modelsTree, this.settings, this.log));
    // Editor commands: the selection to a coder model, rewrites reviewed as a diff.
    this.editorCommands = this.register(new EditorCommands(this));
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
