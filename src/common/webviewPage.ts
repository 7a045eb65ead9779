// The webview bundle's CSP and HTML shell (the chat's page, and the compare panel's through bundlePageHtml) as plain
// strings, with no 'vscode' import, so the page the editor shows and the hardening tests' loopback harness
// (test/hardening/) are built by the same code. Everything runs from the bundled dist/webview.js under a strict CSP:
// no inline script or style, scripts only with this page's nonce, images only from the extension or data: URIs
// (codicons and highlighted code need nothing else). The page carries no data: state arrives by postMessage after
// `ready`.

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
  return bundlePageHtml({ ...p, title: 'Bedrock Mantle Chat', rootId: 'app', label: 'Bedrock Mantle chat' });
}

export interface BundlePageParts {
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** body[data-surface]: 'view' and 'panel' start the chat, 'compare' the comparison (same bundle, one entry). */
  surface: string;
  title: string;
  /** The element the bundle renders into: #app for the chat, #compare-app for Compare Models. */
  rootId: string;
  /** Its accessible name. */
  label: string;
}

/** A page of the one webview bundle under the chat's CSP; chat and compare differ only in the fields above. */
export function bundlePageHtml(p: BundlePageParts): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${chatCsp(p.cspSource, p.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${p.styleUri}">
<title>${p.title}</title>
</head>
<body data-surface="${p.surface}">
<div id="${p.rootId}" role="application" aria-label="${p.label}"></div>
<script nonce="${p.nonce}" src="${p.scriptUri}"></script>
</body>
</html>`;
}
