// What happens to a link clicked in a webview (chat, compare). Model output is untrusted, so a link is only ever a
// suggestion: web links go to VS Code's openExternal, whose link protection asks before opening; links that the
// protection does not cover (mail links, and web links to this machine, which VS Code opens without asking) are
// confirmed by the extension first; everything else is refused. Pure so it is unit-tested without the editor.
import { inert } from './inertText';

/** The link targets rendered model output may keep (the webview's sanitizer, exports): web, mail, in-page. */
export const SAFE_LINK_TARGET = /^(?:https?:|mailto:|#)/i;

export type LinkDecision =
  | { kind: 'open'; url: string }
  | { kind: 'confirm'; url: string; question: string; detail: string }
  | { kind: 'refuse'; reason: string };

/** Hosts VS Code's link protection treats as trusted (it opens them without a prompt), and `*.localhost`. */
function isLocalHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h === '0.0.0.0' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export function decideLink(href: string): LinkDecision {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return { kind: 'refuse', reason: 'not an absolute URL' };
  }
  const shown = inert(url.href, 300);
  switch (url.protocol) {
    case 'https:':
    case 'http:':
      if (url.username || url.password) return { kind: 'refuse', reason: 'a web link with a user name or password' };
      return isLocalHost(url.hostname)
        ? { kind: 'confirm', url: url.href, question: 'Open a link to a server on this computer?', detail: `${shown}\n\nThe link comes from a model's answer. A local server may act on the request.` }
        : { kind: 'open', url: url.href };
    case 'mailto:':
      return { kind: 'confirm', url: url.href, question: 'Open this mail link in your mail program?', detail: `${shown}\n\nThe link comes from a model's answer.` };
    default:
      return { kind: 'refuse', reason: `unsupported scheme ${url.protocol}` };
  }
}

/**
 * At most one open per link at a time: a second click (or a double click) on a link whose confirmation or opening is
 * still under way is dropped instead of raising another prompt or opening it twice.
 */
export class LinkGate {
  private readonly busy = new Set<string>();

  async run(url: string, open: () => Promise<unknown>): Promise<boolean> {
    if (this.busy.has(url)) return false;
    this.busy.add(url);
    try {
      await open();
      return true;
    } finally {
      this.busy.delete(url);
    }
  }
}
