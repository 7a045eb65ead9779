// What the chat and compare hosts do alike with their webviews' messages: validate before anything sees them, open
// links only through openExternal, and run an error's action only when the registry knows it. The webviews render
// untrusted model output, so what they post is untrusted.
import * as vscode from 'vscode';
import { errorAction } from '../common/errorActions';
import type { Parsed } from '../common/messageCheck';
import type { Log } from './log';

/** Validates what a webview posted and hands it to `handle`; a malformed message or a failed handler is logged, never thrown. */
export async function receiveWebviewMessage<M extends { type: string }>(
  feature: string,
  raw: unknown,
  parse: (raw: unknown) => Parsed<M>,
  handle: (m: M) => Promise<void>,
  log: Log,
): Promise<void> {
  const parsed = parse(raw);
  if (!parsed.ok) {
    log.warn(`${feature}: ignored a malformed webview message (${parsed.reason}).`);
    return;
  }
  try {
    await handle(parsed.message);
  } catch (err) {
    log.error(`${feature}: handling "${parsed.message.type}" failed`, err);
  }
}

/** Only web and mail links leave a webview, and only through openExternal (which asks before opening). */
export function safeExternalUri(href: string): vscode.Uri | undefined {
  let uri: vscode.Uri;
  try { uri = vscode.Uri.parse(href, true); } catch { return undefined; }
  return ['http', 'https', 'mailto'].includes(uri.scheme) ? uri : undefined;
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

/** A link clicked in a webview: web and mail links go to openExternal (which asks first), anything else is refused. */
export async function openWebviewLink(feature: string, href: string, log: Log): Promise<void> {
  const uri = safeExternalUri(href);
  if (uri) await vscode.env.openExternal(uri);
  else log.warn(`${feature}: refused to open a link with an unsupported scheme: ${href.slice(0, 80)}`);
}
