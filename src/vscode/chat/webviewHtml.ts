// The chat webview's options and HTML. The page and its CSP are built by src/common/webviewPage.ts (no 'vscode'
// there, so the hardening tests render the very same page in Chromium); this file adds the webview's URIs and nonce.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatCsp, chatPageHtml } from '../../common/webviewPage';

// Kept here for the compare panel, which uses the chat's CSP.
export { chatCsp };

export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel'): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  return chatPageHtml({ cspSource: webview.cspSource, nonce, scriptUri: asset('webview.js'), styleUri: asset('webview.css'), surface });
}
