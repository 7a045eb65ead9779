// The chat feature as the container sees it: builds the store, controller and views, and registers the commands.
import * as path from 'node:path';
import * as vscode from 'vscode';
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

  constructor(deps: ChatFeatureDeps) {
    const { context, log } = deps;
    this.settings = new ChatSettings(deps.settings);
    const warn = (m: string) => log.warn(`Chat: ${m}`);
    const files = new ThreadFiles(path.join(context.globalStorageUri.fsPath, 'threads'), { warn });
    const store = new ThreadStore(files, context.globalState, context.workspaceState, warn);
    this.controller = new ChatController({ store, settings: this.settings, mantle: deps.mantle, turns: deps.turns, models: deps.models, log, ...(deps.tools ? { tools: deps.tools } : {}) });
    this.views = new ChatViews(context.extensionUri, this.controller);
    const run = (id: string, what: string, fn: (arg?: unknown) => unknown) => registerGuarded(deps.errors, id, what, async (arg?: unknown) => { await fn(arg); });
    this.disposables.push(
      this.views,
      this.controller,
      run(COMMAND.openChat, 'Open Chat', (arg) => this.open(readOpenChatOptions(arg))),
      run(COMMAND.newThread, 'New Chat Thread', async () => { if (!this.views.viewVisible) this.views.showPanel(); await this.controller.newThread(); }),
      run(COMMAND.exportThread, 'Export Chat Thread', (arg) => this.controller.exportThread(typeof arg === 'string' ? arg : undefined)),
      run(COMMAND.stopChat, 'Stop Chat Answer', () => this.controller.stop()),
      run(COMMAND.toggleReasoning, 'Show/Hide Reasoning', () => this.settings.setShowReasoning(!this.settings.showReasoning)),
    );
  }

  /** The chat panel in front, with the thread and prompt `opts` ask for. */
  async open(opts?: OpenChatOptions): Promise<void> {
    this.views.showPanel();
    await this.controller.open(opts);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
