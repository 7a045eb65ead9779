import vscode = require('vscode');
import { buildModelsView, type ModelsViewNode } from '../../common/models/modelsView';
import type { Settings } from '../settings';
import type { CredentialsSource, ModelService } from './modelService';

import { MODELS_VIEW_ID } from '../surfaceIds';

export { MODELS_VIEW_ID };
/** True while a text filter narrows the tree: shows the Clear Filter button. */
const FILTERED_KEY = 'bedrockMantle.models.filtered';
/** False shows the view's welcome content (Set API Key / Use AWS Profile / emulator). */
const CREDENTIALS_KEY = 'bedrockMantle.hasCredentials';

/** The tree view activation created (src/extension.ts), whose stand-in data provider hands on to this one. */
export interface ModelsTreeSurface {
  readonly view: vscode.TreeView<unknown>;
  connect(provider: vscode.TreeDataProvider<ModelsViewNode>): vscode.Disposable;
}

/**
 * The Models tree. It asks src/common/models/modelsView.ts what to show and only converts the answer into TreeItems;
 * it also owns the view's text filter and mirrors it in the view's description.
 */
export class ModelsTreeProvider implements vscode.TreeDataProvider<ModelsViewNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelsViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<ModelsViewNode>;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private filterText = '';
  /** Undefined until container.auth has answered: shown as loading, so the welcome view does not flash at startup. */
  private hasCredentials: boolean | undefined;
  private progressDone: (() => void) | undefined;

  constructor(
    private readonly models: ModelService, private readonly credentials: CredentialsSource, private readonly settings: Settings, surface: ModelsTreeSurface,
  ) {
    // The view (with showCollapseAll and canSelectMany, for Compare's several selected models) belongs to activation.
    this.view = surface.view as vscode.TreeView<ModelsViewNode>;
    this.disposables.push(surface.connect(this));
    this.disposables.push(models.onDidChange(() => { this.showProgressWhileLoading(); this.changed.fire(undefined); }));
    this.disposables.push(credentials.onDidChange(() => void this.updateCredentials()));
    // The default-model markers follow the settings, however they were changed.
    this.disposables.push(settings.onDidChange((e) => {
      if (settings.affects(e, ['chat.defaultModel', 'coder.defaultModel'])) this.changed.fire(undefined);
    }));
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, false);
    void this.updateCredentials();
  }

  get filter(): string {
    return this.filterText;
  }

  setFilter(text: string): void {
    this.filterText = text.trim();
    this.view.description = this.filterText ? `Filter: ${this.filterText}` : undefined;
    void vscode.commands.executeCommand('setContext', FILTERED_KEY, this.filterText.length > 0);
    this.changed.fire(undefined);
  }

  private async updateCredentials(): Promise<void> {
    this.hasCredentials = await this.credentials.hasCredentials();
    await vscode.commands.executeCommand('setContext', CREDENTIALS_KEY, this.hasCredentials);
    this.changed.fire(undefined);
  }

  /** A spinner on the view itself while the list loads, besides the "Loading models…" row. */
  private showProgressWhileLoading(): void {
    const loading = this.models.state.status === 'loading';
    if (loading && !this.progressDone) {
      // The promise exists before withProgress runs its task, so ending it never depends on when the task starts.
      let end!: () => void;
      const done = new Promise<void>((resolve) => { end = resolve; });
      this.progressDone = end;
      void vscode.window.withProgress({ location: { viewId: MODELS_VIEW_ID } }, () => done);
    } else if (!loading && this.progressDone) {
      this.progressDone();
      this.progressDone = undefined;
    }
  }

  getChildren(element?: ModelsViewNode): ModelsViewNode[] {
    if (element) return element.type === 'vendor' ? element.children : [];
    if (this.hasCredentials === true) this.models.ensureLoaded();
    return buildModelsView({
      hasCredentials: this.hasCredentials !== false,
      state: this.models.state,
      filter: this.filterText,
      defaults: { chat: this.settings.chatDefaultModel, coder: this.settings.coderDefaultModel },
    });
  }

  getTreeItem(node: ModelsViewNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.type === 'vendor' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.id;
    item.description = node.description;
    // A model the server lists as unavailable is greyed: its icon in the disabled colour, the reason in the tooltip.
    item.iconPath = node.type === 'model' && node.model.unavailable
      ? new vscode.ThemeIcon(node.icon, new vscode.ThemeColor('disabledForeground'))
      : new vscode.ThemeIcon(node.icon);
    switch (node.type) {
      case 'vendor':
        item.contextValue = 'vendor';
        item.tooltip = `${node.label}: ${node.description}`;
        item.accessibilityInformation = { label: `${node.label}, ${node.description}` };
        break;
      case 'model':
        // Built from escaped text only; untrusted, so it can run no command.
        item.tooltip = new vscode.MarkdownString(node.tooltip);
        item.contextValue = node.contextValue;
        item.accessibilityInformation = { label: `${node.label}, ${node.description}` };
        break;
      case 'message':
        item.tooltip = node.tooltip;
        item.contextValue = node.contextValue;
        if (node.command) item.command = { command: node.command.command, title: node.command.title, arguments: node.command.arguments };
        break;
    }
    return item;
  }

  dispose(): void {
    this.progressDone?.();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
