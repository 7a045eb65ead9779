// The chat webview's HTML shell. Everything runs from the bundled dist/webview.js under a strict CSP: no inline
// script or style, scripts only with this page's nonce, images only from the extension or data: URIs (codicons and
// highlighted code need nothing else). The page carries no data: state arrives by postMessage after `ready`.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function chatWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export function chatCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel'): string {
  const nonce = randomBytes(16).toString('base64');
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${chatCsp(webview.cspSource, nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('webview.css')}">
<title>Bedrock Mantle Chat</title>
</head>
<body data-surface="${surface}">
<div id="app" role="application" aria-label="Bedrock Mantle chat"></div>
<script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
}
