// The chat feature as the container sees it: builds the store, controller and views, and registers the commands.
import * as vscode from 'vscode';
import { readChatSeed } from '../../common/compare/chatSeed';
import type { Log } from '../log';
import type { Settings } from '../settings';
import { ChatController, type ChatMantle, type ChatModelSource, type OpenChatOptions } from './chatController';
import { ChatSettings } from './chatSettings';
import { ChatViews } from './chatViews';
import { ThreadStore } from './threadStore';
import { inert } from '../../common/inertText';

export interface ChatFeatureDeps {
  context: vscode.ExtensionContext;
  log: Log;
  settings: Settings;
  mantle: () => ChatMantle | undefined;
  models: ChatModelSource;
}

function isObj(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}

/** openChat is called by other features and from keybindings/menus (where the argument may be a tree item): keep only what is well-formed. */
export function readOpenChatOptions(arg: unknown): OpenChatOptions | undefined {
  if (!isObj(arg)) return undefined;
  const o: OpenChatOptions = {};
  if (typeof arg.model === 'string' && arg.model) o.model = arg.model;
  if (typeof arg.prompt === 'string') o.prompt = arg.prompt;
  if (typeof arg.send === 'boolean') o.send = arg.send;
  const seed = readChatSeed(arg.seed);
  if (seed) o.seed = seed;
  const a = arg.attachment;
  if (isObj(a) && typeof a.file === 'string' && typeof a.code === 'string' && typeof a.startLine === 'number' && typeof a.endLine === 'number') {
    o.attachment = { file: a.file, code: a.code, startLine: a.startLine, endLine: a.endLine, languageId: typeof a.languageId === 'string' ? a.languageId : '' };
  }
  return o;
}

export class ChatFeature implements vscode.Disposable {
  readonly settings: ChatSettings;
  readonly controller: ChatController;
  readonly views: ChatViews;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(deps: ChatFeatureDeps) {
    const { context, log } = deps;
    this.settings = new ChatSettings(deps.settings);
    const store = new ThreadStore(context.globalState, context.workspaceState, (m) => log.warn(`Chat: ${m}`));
    this.controller = new ChatController({ store, settings: this.settings, mantle: deps.mantle, models: deps.models, log });
    this.views = new ChatViews(context.extensionUri, this.controller);
    const run = (name: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(name, async (...args: unknown[]) => {
      try { await fn(...args); } catch (err) { log.error(`${name} failed`, err); void vscode.window.showErrorMessage(inert(`Bedrock Mantle: ${err instanceof Error ? err.message : String(err)}`)); }
    });
    this.disposables.push(
      this.views,
      this.controller,
      run('bedrockMantle.openChat', async (arg) => { this.views.showPanel(); await this.controller.open(readOpenChatOptions(arg)); }),
      run('bedrockMantle.newThread', async () => { if (!this.views.viewVisible) this.views.showPanel(); await this.controller.newThread(); }),
      run('bedrockMantle.exportThread', (arg) => this.controller.exportThread(typeof arg === 'string' ? arg : undefined)),
      run('bedrockMantle.stopChat', () => this.controller.stop()),
      run('bedrockMantle.toggleReasoning', () => this.settings.setShowReasoning(!this.settings.showReasoning)),
    );
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
