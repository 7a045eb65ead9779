// The chat webview's CSP and HTML shell as plain strings, with no 'vscode' import, so the page the editor shows and the
// hardening tests' loopback harness (test/hardening/) are built by the same code. Everything runs from the bundled
// dist/webview.js under a strict CSP: no inline script or style, scripts only with this page's nonce, images only
// from the extension or data: URIs (codicons and highlighted code need nothing else). The page carries no data:
// state arrives by postMessage after `ready`.

export function chatCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

export interface ChatPageParts {
  cspSource: string;
  nonce: string;
  /** URLs of dist/webview.js and dist/webview.css as the webview may load them. */
  scriptUri: string;
  styleUri: string;
  surface: 'view' | 'panel';
}

export function chatPageHtml(p: ChatPageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${chatCsp(p.cspSource, p.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${p.styleUri}">
<title>Bedrock Mantle Chat</title>
</head>
<body data-surface="${p.surface}">
<div id="app" role="application" aria-label="Bedrock Mantle chat"></div>
<script nonce="${p.nonce}" src="${p.scriptUri}"></script>
</body>
</html>`;
}
