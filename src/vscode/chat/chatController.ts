// The chat's editor side: a thin adapter that gives the chat core (common/chat/chatCore.ts) its views and the
// things only the editor can do — dialogs, the clipboard, editors, links, commands, export — and forwards settings
// and model-list changes. Every decision about threads, turns and state lives in the core, tested in plain Node.
import { randomUUID } from 'node:crypto';
import vscode = require('vscode');
import { ChatCore, type ChatMantle, type ChatModelList, type ChatSurface } from '../../common/chat/chatCore';
import type { AttachmentSource } from '../../common/attachments/composer';
import type { TurnEngine } from '../../common/mantle/turnEngine';
import type { OpenChatOptions } from '../../common/chat/openChat';
import { inert } from '../../common/inertText';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../common/protocol';
import type { Thread } from '../../common/threads/model';
import type { Log } from '../log';
import { connectWebview, openWebviewLink, runErrorActionCommand, type WebviewConnection } from '../webviewHost';
import { EditorTracker, exportThread, insertAtCursor, openInNewEditor } from './chatHostActions';
import type { ChatSettings } from './chatSettings';
import type { ThreadStore } from './threadStore';
import type { ChatToolset } from '../../common/tools/chatTools';

export type { ChatMantle };

export interface ChatModelSource extends ChatModelList {
  /** Fires when the live list or a learned capability changes. */
  onDidChange?: vscode.Event<unknown>;
}

export interface ChatDeps {
  store: ThreadStore;
  settings: ChatSettings;
  mantle: ChatMantle;
  turns?: TurnEngine;
  models: ChatModelSource;
  log: Log;
  /** The chat's workspace tools while they are enabled. */
  tools?: () => ChatToolset | undefined;
  /** How often a background turn is polled. */
  pollIntervalMs?: number;
  /** How often, at most, a streaming answer is saved so far (a second unless a test says otherwise). */
  partialSaveIntervalMs?: number;
  /** The pickers behind the composer's attachments (vscode/chat/workspaceAttachments.ts). */
  attachments?: AttachmentSource;
}

export class ChatController implements vscode.Disposable {
  private readonly views = new Set<WebviewConnection<HostMessage>>();
  private readonly editors = new EditorTracker();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly log: Log;
  readonly core: ChatCore;

  constructor(deps: ChatDeps) {
    this.log = deps.log;
    this.core = new ChatCore({
      store: deps.store, prefs: deps.settings, models: deps.models, mantle: deps.mantle, ...(deps.turns ? { turns: deps.turns } : {}),
      ...(deps.tools ? { tools: deps.tools } : {}), log: deps.log,
      surface: this.surface(deps.log), newId: () => randomUUID(), now: () => Date.now(), pollIntervalMs: deps.pollIntervalMs,
      partialSaveIntervalMs: deps.partialSaveIntervalMs, ...(deps.attachments ? { attachments: deps.attachments } : {}),
    });
    this.disposables.push(deps.settings.onDidChange(() => this.core.postState()));
    if (deps.models.onDidChange) this.disposables.push(deps.models.onDidChange(() => void this.core.refreshModels()));
    // A saved file may no longer be what a pending chip attached: its chip says so (attachments/composer.ts).
    this.disposables.push(vscode.workspace.onDidSaveTextDocument(() => void this.core.composer.checkChanged()));
  }

  /** Shows the chat in a webview: it gets the core's snapshot whenever it says `ready` (after `hidden`, again). */
  attach(webview: Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>, hidden?: vscode.Event<unknown>): vscode.Disposable {
    const view = connectWebview<HostMessage, WebviewMessage>(webview, {
      feature: 'Chat', parse: parseWebviewMessage, handle: (m) => this.core.handle(m), log: this.log,
      snapshot: () => this.core.snapshot(), replacedBySnapshot: ['state', 'delta', 'attachments'],
    }, hidden);
    this.views.add(view);
    return new vscode.Disposable(() => { view.dispose(); this.views.delete(view); });
  }

  /** A message as if a view had posted it: validated by the core, never throws (tests drive the chat through it). */
  receive(raw: unknown): Promise<void> { return this.core.receive(raw); }

  get activeThread(): Thread | undefined { return this.core.activeThread; }
  newThread(model?: string): Promise<Thread> { return this.core.newThread(model); }
  open(opts: OpenChatOptions | undefined): Promise<void> { return this.core.open(opts); }
  stop(threadId?: string): void { this.core.stop(threadId); }
  exportThread(threadId?: string): Promise<void> { return this.core.exportThread(threadId); }

  private surface(log: Log): ChatSurface {
    const views = this.views;
    return {
      post: (message: HostMessage) => { for (const v of views) v.post(message); },
      get hasViews() { return views.size > 0; },
      askTitle: (thread) => Promise.resolve(vscode.window.showInputBox({
        title: 'Rename chat thread', value: thread.title, validateInput: (v) => (v.trim() ? undefined : 'The title cannot be empty.'),
      })),
      confirmDelete: async (thread) => (await vscode.window.showWarningMessage(
        inert(`Delete the chat thread "${thread.title}"?`),
        { modal: true, detail: 'Its local transcript is removed. Responses stored on the server are not deleted.' }, 'Delete')) === 'Delete',
      copy: (text) => Promise.resolve(vscode.env.clipboard.writeText(text)),
      insertCode: (code) => insertAtCursor(this.editors, code),
      openCode: (code, language) => openInNewEditor(code, language),
      openLink: (href) => openWebviewLink('Chat', href, log),
      runErrorAction: (action) => runErrorActionCommand(action),
      exportThread: async (thread) => {
        if (thread) await exportThread(thread);
        else void vscode.window.showInformationMessage('There is no chat thread to export yet.');
      },
    };
  }

  dispose(): void {
    this.core.dispose();
    this.editors.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const v of this.views) v.dispose();
    this.views.clear();
  }
}
