// What the chat and compare hosts do alike with their webviews' messages: validate before anything sees them, and
// open links only through openExternal. The webviews render untrusted model output, so what they post is untrusted.
import * as vscode from 'vscode';
import type { Parsed } from '../common/messageCheck';
import { inert } from '../common/inertText';
import { decideLink, LinkGate } from '../common/linkPolicy';
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
