// The compare panel's HTML shell. It loads the chat's bundle (dist/webview.js and webview.css carry the compare view
// as a second mode, so marked, DOMPurify and highlight.js ship once) under the chat's strict CSP and options: a
// script only with this page's nonce, no inline handlers, resources only from dist/ and media/. No data in the page:
// the comparison arrives by postMessage after `ready`.
import type * as vscode from 'vscode';
import { bundlePageHtml } from '../../common/webviewPage';
import { bundleAssets, chatWebviewOptions } from '../chat/webviewHtml';

export const compareWebviewOptions = chatWebviewOptions;

export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return bundlePageHtml({
    ...bundleAssets(webview, extensionUri),
    surface: 'compare', title: 'Compare Models', rootId: 'compare-app', label: 'Bedrock Mantle model comparison',
  });
}
