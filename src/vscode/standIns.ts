// The stand-ins that activation registers for the providers VS Code asks for by id (the Models tree, the language
// model provider): cheap objects whose first call builds the services (src/container.ts, dist/container.js) and then
// hands every call on to the real provider. Only type imports besides `vscode`, so the activation bundle stays small.
import vscode = require('vscode');
import type { ChatViews } from './chat/chatViews';
import type { ParticipantHandler } from './lm/mantleParticipant';
import { CHAT_PANEL_TYPE, CHAT_VIEW_ID, PARTICIPANT_ID } from './surfaceIds';

/** Where a stand-in gets its real provider: `load()` builds the container, which calls connect() on the way. */
abstract class StandIn<T> implements vscode.Disposable {
  private target: T | undefined;
  private forwarding: vscode.Disposable | undefined;

  constructor(private readonly load: () => void) {}

  /** True once the real provider is connected (tests and the bench read it). */
  get connected(): boolean { return this.target !== undefined; }

  /** Called by the container while it is built: from now on every call goes to `target`. */
  connect(target: T): vscode.Disposable {
    this.target = target;
    this.forwarding = this.forward(target);
    return { dispose: () => { this.forwarding?.dispose(); this.forwarding = undefined; if (this.target === target) this.target = undefined; } };
  }

  /** The real provider, building the container if this is the first call. */
  protected real(): T {
    if (!this.target) this.load();
    if (!this.target) throw new Error('Bedrock Mantle: the services were built without connecting this provider');
    return this.target;
  }

  /** Repeats the real provider's change event as the stand-in's own (VS Code subscribed to the stand-in's). */
  protected abstract forward(target: T): vscode.Disposable | undefined;

  dispose(): void { this.forwarding?.dispose(); }
}

/** The Models tree's data provider: the tree view exists from activation; its content is built when first shown. */
export class TreeDataStandIn<T> extends StandIn<vscode.TreeDataProvider<T>> implements vscode.TreeDataProvider<T> {
  private readonly changed = new vscode.EventEmitter<T | T[] | null | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;

  protected forward(target: vscode.TreeDataProvider<T>): vscode.Disposable | undefined {
    return target.onDidChangeTreeData?.((e) => this.changed.fire(e));
  }

  getChildren(element?: T): vscode.ProviderResult<T[]> { return this.real().getChildren(element); }
  // Elements only ever come from the real provider's getChildren, so it is connected by the time these are asked.
  getTreeItem(element: T): vscode.TreeItem | Thenable<vscode.TreeItem> { return this.real().getTreeItem(element); }

  override dispose(): void { super.dispose(); this.changed.dispose(); }
}

/** VS Code's language-model provider (vendor bedrock-mantle): the model list and the requests go to the real one. */
export class LanguageModelStandIn extends StandIn<vscode.LanguageModelChatProvider> implements vscode.LanguageModelChatProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  protected forward(target: vscode.LanguageModelChatProvider): vscode.Disposable | undefined {
    return target.onDidChangeLanguageModelChatInformation?.(() => this.changed.fire());
  }

  provideLanguageModelChatInformation(
    options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken,
  ): vscode.ProviderResult<vscode.LanguageModelChatInformation[]> {
    return this.real().provideLanguageModelChatInformation(options, token);
  }

  provideLanguageModelChatResponse(
    model: vscode.LanguageModelChatInformation, messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions, progress: vscode.Progress<vscode.LanguageModelResponsePart>, token: vscode.CancellationToken,
  ): Thenable<void> {
    return this.real().provideLanguageModelChatResponse(model, messages, options, progress, token);
  }

  provideTokenCount(
    model: vscode.LanguageModelChatInformation, text: string | vscode.LanguageModelChatRequestMessage, token: vscode.CancellationToken,
  ): Thenable<number> {
    return this.real().provideTokenCount(model, text, token);
  }

  override dispose(): void { super.dispose(); this.changed.dispose(); }
}

/** The @mantle participant in VS Code's chat: created at activation (VS Code looks it up by id), answered by the real one. */
export class ParticipantStandIn extends StandIn<ParticipantHandler> {
  readonly participant: vscode.ChatParticipant;

  constructor(load: () => void, extensionUri: vscode.Uri) {
    super(load);
    this.participant = vscode.chat.createChatParticipant(PARTICIPANT_ID, (request, context, stream, token) =>
      this.real().handle(request, context, stream, token));
    this.participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'mantle.svg');
    this.participant.followupProvider = { provideFollowups: (result) => this.real().provideFollowups(result) };
  }

  protected forward(): undefined { return undefined; }

  override dispose(): void { super.dispose(); this.participant.dispose(); }
}

/**
 * The chat's sidebar view provider and its panel's serializer (VS Code asks for them by id); `views` builds the
 * container and the chat the first time either is shown, then `shown` runs (the warm-up of the first request).
 */
export function registerChatSurfaces(views: () => ChatViews, shown: () => void): vscode.Disposable[] {
  return [
    vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, { resolveWebviewView: (v) => { views().resolveView(v); shown(); } }),
    vscode.window.registerWebviewPanelSerializer(CHAT_PANEL_TYPE, { deserializeWebviewPanel: async (p) => { views().adoptPanel(p); shown(); } }),
  ];
}
