// What the chat and compare hosts do alike with their webviews' messages: validate before anything sees them, and
// open links only through openExternal. The webviews render untrusted model output, so what they post is untrusted.
import * as vscode from 'vscode';
import type { Parsed } from '../common/messageCheck';
import { safeExternalUri } from './chat/chatHostActions';
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

/** A link clicked in a webview: web and mail links go to openExternal (which asks first), anything else is refused. */
export async function openWebviewLink(feature: string, href: string, log: Log): Promise<void> {
  const uri = safeExternalUri(href);
  if (uri) await vscode.env.openExternal(uri);
  else log.warn(`${feature}: refused to open a link with an unsupported scheme: ${href.slice(0, 80)}`);
}
