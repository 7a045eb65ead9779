// Where the chat appears: a webview view in the Bedrock Mantle sidebar and an editor panel (bedrockMantle.openChat).
// Both show the same controller. The panel comes back after a window reload through a serializer; the view is
// restored by VS Code itself. Neither keeps its context when hidden: the webview saves its own small UI state with
// setState and asks for the rest with `ready`, which the webview host answers with the chat's snapshot.
import vscode = require('vscode');
import type { ChatController } from './chatController';
import { chatHtml, chatWebviewOptions, onHidden } from '../webviewHost';

import { CHAT_PANEL_TYPE } from '../surfaceIds';

// Registered at activation by registerChatSurfaces (src/vscode/standIns.ts), which builds the chat when first shown.
export { CHAT_PANEL_TYPE, CHAT_VIEW_ID } from '../surfaceIds';

export class ChatViews implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private view: vscode.WebviewView | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly controller: ChatController) {}

  /** Opens (or reveals) the chat editor panel. */
  showPanel(): void {
    if (this.panel) { this.panel.reveal(undefined, false); return; }
    const panel = vscode.window.createWebviewPanel(CHAT_PANEL_TYPE, 'Mantle Chat', { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, chatWebviewOptions(this.extensionUri));
    this.adoptPanel(panel);
  }

  /** True when the sidebar chat view is on screen (then openChat can use it instead of a panel). */
  get viewVisible(): boolean { return this.view?.visible === true; }

  adoptPanel(panel: vscode.WebviewPanel): void {
    this.panel?.dispose();
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'mantle.svg');
    panel.webview.options = chatWebviewOptions(this.extensionUri);
    const attached = this.controller.attach(panel.webview, onHidden(panel));
    panel.webview.html = chatHtml(panel.webview, this.extensionUri, 'panel');
    panel.onDidDispose(() => { attached.dispose(); if (this.panel === panel) this.panel = undefined; }, undefined, this.disposables);
  }

  resolveView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = chatWebviewOptions(this.extensionUri);
    const attached = this.controller.attach(view.webview, onHidden(view));
    view.webview.html = chatHtml(view.webview, this.extensionUri, 'view');
    view.onDidDispose(() => { attached.dispose(); if (this.view === view) this.view = undefined; }, undefined, this.disposables);
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
