// The chat feature as the container sees it: builds the store, controller and views, and registers the commands.
import * as path from 'node:path';
import vscode = require('vscode');
import { readOpenChatOptions, type ChatOpener, type OpenChatOptions } from '../../common/chat/openChat';
import { COMMAND } from '../../common/commandIds';
import { ThreadFiles } from '../../node/threadFiles';
import { registerGuarded, type ShowsErrors } from '../commandBoundary';
import type { Log } from '../log';
import type { Settings } from '../settings';
import type { TurnEngine } from '../../common/mantle/turnEngine';
import { ChatController, type ChatMantle, type ChatModelSource } from './chatController';
import { ChatSettings } from './chatSettings';
import { ChatViews } from './chatViews';
import { ThreadStore } from './threadStore';
import type { ChatToolset } from '../../common/tools/chatTools';
import { ATTACH_KINDS } from '../../common/attachments/kinds';
import { WorkspaceAttachments } from './workspaceAttachments';
import { EditorTracker } from './chatHostActions';
import { warmChatSendPath } from '../../common/chat/chatWarmUp';

/** The Attach command's quick pick: the composer's kinds without images (those are pasted or picked there). */
const ATTACH_PICKS = ATTACH_KINDS.filter((k) => k.kind !== 'image').map((k) => ({ label: `$(${k.icon}) ${k.label}`, description: k.description, attach: k.kind }));

export interface ChatFeatureDeps {
  context: vscode.ExtensionContext;
  log: Log;
  settings: Settings;
  mantle: ChatMantle;
  /** container.turns: every chat request goes through the model router. */
  turns: TurnEngine;
  models: ChatModelSource;
  errors: ShowsErrors;
  /** The chat's workspace tools while they are enabled (container: src/vscode/tools/workspaceTools.ts). */
  tools?: () => ChatToolset | undefined;
}

export class ChatFeature implements ChatOpener, vscode.Disposable {
  readonly settings: ChatSettings;
  readonly controller: ChatController;
  readonly views: ChatViews;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ChatFeatureDeps) {
    const { context, log } = deps;
    this.settings = new ChatSettings(deps.settings);
    const warn = (m: string) => log.warn(`Chat: ${m}`);
    const files = new ThreadFiles(path.join(context.globalStorageUri.fsPath, 'threads'), { warn });
    const store = new ThreadStore(files, context.globalState, context.workspaceState, warn);
    const editors = new EditorTracker();
    const attachments = new WorkspaceAttachments(
      { limits: () => deps.settings.chatAttachmentLimits, instructionsFile: () => deps.settings.chatInstructionsFile }, log, () => editors.recent,
    );
    this.controller = new ChatController({
      store, settings: this.settings, mantle: deps.mantle, turns: deps.turns, models: deps.models, log, attachments,
      ...(deps.tools ? { tools: deps.tools } : {}),
    });
    this.views = new ChatViews(context.extensionUri, this.controller);
    const run = (id: string, what: string, fn: (arg?: unknown) => unknown) =>
      registerGuarded(deps.errors, id, what, async (arg?: unknown) => { await fn(arg); });
    this.disposables.push(
      editors,
      this.views,
      this.controller,
      run(COMMAND.openChat, 'Open Chat', (arg) => this.open(readOpenChatOptions(arg))),
      run(COMMAND.newThread, 'New Chat Thread', async () => { if (!this.views.viewVisible) this.views.showPanel(); await this.controller.newThread(); }),
      run(COMMAND.exportThread, 'Export Chat Thread', (arg) => this.controller.exportThread(typeof arg === 'string' ? arg : undefined)),
      run(COMMAND.stopChat, 'Stop Chat Answer', () => this.controller.stop()),
      run(COMMAND.chatAttach, 'Attach Context to Chat', (arg) => this.attach(arg)),
      run(COMMAND.toggleReasoning, 'Show/Hide Reasoning', () => this.settings.setShowReasoning(!this.settings.showReasoning)),
    );
  }

  /** The chat panel in front, with the thread and prompt `opts` ask for. */
  async open(opts?: OpenChatOptions): Promise<void> {
    this.views.showPanel();
    await this.controller.open(opts);
  }

  /**
   * The send path run once on a chat of its own through `turns` (the container's engine over its loopback clients):
   * the person's first message then finds that code ready (common/chat/chatWarmUp.ts). Nothing of theirs is used.
   */
  async warmSendPath(turns: TurnEngine, mantle: ChatMantle): Promise<void> {
    await warmChatSendPath({ prefs: this.settings, models: this.deps.models, ...(this.deps.tools ? { tools: this.deps.tools } : {}), turns, mantle });
  }

  /** Attaches context of the kind given (from the composer's `#` menu or a keybinding), or asks which. */
  private async attach(arg: unknown): Promise<void> {
    const kind = typeof arg === 'string' ? arg : (await vscode.window.showQuickPick(ATTACH_PICKS, { title: 'Attach to the chat' }))?.attach;
    if (!kind) return;
    if (!this.views.viewVisible) this.views.showPanel();
    await this.controller.core.composer.attach(kind);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
