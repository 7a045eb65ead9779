// The compare panel's HTML shell. It loads the chat's bundle (dist/webview.js and webview.css carry the compare view
// as a second mode, so marked, DOMPurify and highlight.js ship once) under the chat's strict CSP and options: a
// script only with this page's nonce, no inline handlers, resources only from dist/ and media/. No data in the page:
// the comparison arrives by postMessage after `ready`.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { chatCsp, chatWebviewOptions } from '../chat/webviewHtml';

export const compareWebviewOptions = chatWebviewOptions;

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${chatCsp(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>Compare Models</title>
</head>
<body data-surface="compare">
<div id="compare-app" role="application" aria-label="Bedrock Mantle model comparison"></div>
<script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
