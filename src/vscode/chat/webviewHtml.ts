// The chat webview's options and HTML. The page and its CSP are built by src/common/webviewPage.ts (no 'vscode'
// there, so the hardening tests render the very same page in Chromium); this file adds the webview's URIs and nonce.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatPageHtml } from '../../common/webviewPage';

export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** What a page of the webview bundle needs from this webview: its CSP source, a fresh nonce and dist/ asset URIs. */
export function bundleAssets(webview: vscode.Webview, extensionUri: vscode.Uri): { cspSource: string; nonce: string; scriptUri: string; styleUri: string } {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  return { cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), scriptUri: asset('webview.js'), styleUri: asset('webview.css') };
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel'): string {
  return chatPageHtml({ ...bundleAssets(webview, extensionUri), surface });
}
