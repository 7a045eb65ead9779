// The webview host the chat and the compare panel share: the options, HTML and CSP (with a fresh nonce) of a page
// of the webview bundle, validation of what the page posts before any handler sees it, posting that never throws,
// and the two requests every page may make: open a link (only as common/linkPolicy.ts decides, at most once, through
// openExternal) and run an error's action (only when the registry knows it). Validation before dispatch is
// receiveWebviewMessage (common/messageCheck.ts). The pages render untrusted model output, so what they post is
// untrusted too. connectWebview puts each page behind the `ready` handshake (common/readyGate.ts): a feature supplies
// its protocol's validator (common/protocol.ts, common/compareProtocol.ts), its handlers and a snapshot, and the host
// replays that snapshot whenever the page (re)loads.
import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { errorAction } from '../common/errorActions';
import { inert } from '../common/inertText';
import { decideLink, LinkGate } from '../common/linkPolicy';
import { ReadyGate, type ReadyGateDeps } from '../common/readyGate';
import { bundlePageHtml, chatPageHtml } from '../common/webviewPage';
import type { Log } from './log';

/** Scripts on (the bundle), command URIs off, resources only from dist/ and media/. */
export function bundleWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

export const chatWebviewOptions = bundleWebviewOptions;
export const compareWebviewOptions = bundleWebviewOptions;

/** What a page of the webview bundle needs from this webview: its CSP source, a fresh nonce and dist/ asset URIs. */
function bundleAssets(webview: vscode.Webview, extensionUri: vscode.Uri): { cspSource: string; nonce: string; scriptUri: string; styleUri: string } {
  const asset = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', file)).toString();
  return { cspSource: webview.cspSource, nonce: randomBytes(16).toString('base64'), scriptUri: asset('webview.js'), styleUri: asset('webview.css') };
}

export function chatHtml(webview: vscode.Webview, extensionUri: vscode.Uri, surface: 'view' | 'panel'): string {
  return chatPageHtml({ ...bundleAssets(webview, extensionUri), surface });
}

/**
 * The compare panel loads the chat's bundle (dist/webview.js carries the compare view as a second mode, so marked,
 * DOMPurify and highlight.js ship once) under the same CSP. No data in the page: it arrives after `ready`.
 */
export function compareHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return bundlePageHtml({
    ...bundleAssets(webview, extensionUri),
    surface: 'compare', title: 'Compare Models', rootId: 'compare-app', label: 'Bedrock Mantle model comparison',
  });
}

/** Posts to a page that may be gone (closed, reloading): a refused post is dropped, the next state catches it up. */
export function postToWebview<M>(webview: Pick<vscode.Webview, 'postMessage'>, message: M): void {
  void webview.postMessage(message).then(undefined, () => undefined);
}

/** What a feature gives the host for one page: everything the ready gate needs except how to post. */
export type WebviewFeature<H extends { type: string }, W extends { type: string }> = Omit<ReadyGateDeps<H, W>, 'send'>;

/** One page connected to its feature: posts wait for `ready`, and every `ready` replays the feature's snapshot. */
export interface WebviewConnection<H extends { type: string }> extends vscode.Disposable {
  post(message: H): void;
  /** What the page posted, as if it had posted it (the connection's own listener calls this). */
  receive(raw: unknown): Promise<void>;
}

/**
 * Connects a webview to a feature. `hidden` fires when the page is hidden: without retainContextWhenHidden its content
 * is destroyed then, and the page says `ready` again when it is shown.
 */
export function connectWebview<H extends { type: string }, W extends { type: string }>(
  webview: Pick<vscode.Webview, 'postMessage' | 'onDidReceiveMessage'>,
  feature: WebviewFeature<H, W>,
  hidden?: vscode.Event<unknown>,
): WebviewConnection<H> {
  const gate = new ReadyGate<H, W>({ ...feature, send: (m) => postToWebview(webview, m) });
  const subs = [webview.onDidReceiveMessage((raw: unknown) => gate.receive(raw))];
  if (hidden) subs.push(hidden(() => gate.lost()));
  return {
    post: (m) => gate.post(m),
    receive: (raw) => gate.receive(raw),
    dispose: () => { gate.lost(); for (const s of subs.splice(0)) s.dispose(); },
  };
}

/** Fires when a panel or view is hidden (its page is destroyed unless it retains its context). */
export function onHidden(owner: vscode.WebviewPanel | vscode.WebviewView): vscode.Event<unknown> {
  return (listener, thisArg, disposables) => {
    const fire = () => { if (!owner.visible) listener.call(thisArg, undefined); };
    return 'onDidChangeViewState' in owner
      ? owner.onDidChangeViewState(fire, undefined, disposables)
      : owner.onDidChangeVisibility(fire, undefined, disposables);
  };
}

/**
 * An error button clicked in a webview: runs the action's command from the registry. False for an action without
 * one (Retry and Copy Login Command are the host's own) or a name the registry does not know.
 */
export async function runErrorActionCommand(action: string): Promise<boolean> {
  const command = errorAction(action)?.command;
  if (!command) return false;
  await vscode.commands.executeCommand(command.id, ...command.args);
  return true;
}

const linkGate = new LinkGate();

/**
 * A link clicked in a webview (see common/linkPolicy.ts): a web link goes to openExternal, whose link protection asks
 * first; a mail link or a link to this machine is confirmed here first; anything else is refused. A click on a link
 * that is still being confirmed or opened is dropped, so one link opens at most once.
 */
export async function openWebviewLink(feature: string, href: string, log: Log): Promise<void> {
  const decision = decideLink(href);
  if (decision.kind === 'refuse') {
    log.warn(`${feature}: refused to open a link (${decision.reason}): ${inert(href, 80)}`);
    return;
  }
  await linkGate.run(decision.url, async () => {
    if (decision.kind === 'confirm') {
      const open = 'Open';
      const answer = await vscode.window.showWarningMessage(decision.question, { modal: true, detail: decision.detail }, open);
      if (answer !== open) return;
    }
    await vscode.env.openExternal(vscode.Uri.parse(decision.url, true));
  });
}
