// Model output made safe for an exported Markdown file, the same way the chat shows it: a Markdown preview (VS
// Code's, GitHub's) would otherwise run the answer's raw HTML and load its remote images, which the chat removes.
// Raw HTML becomes text, images and non-web links become words with a "[image removed]" / "[link removed]" marker.
// Code spans and fenced blocks are left exactly as they are: they already show as text.
import { SAFE_LINK_TARGET } from '../linkPolicy';

const FENCE = /^\s{0,3}(`{3,}|~{3,})/;
/** The same targets the chat keeps; a Markdown target may be written in angle brackets. */
const isSafeHref = (href: string) => SAFE_LINK_TARGET.test(href.replace(/^</, ''));

/** One stretch of prose (no code in it). */
function sanitizeProse(text: string): string {
  return text
    // Inline and reference-style images: ![alt](src "title"), ![alt][ref]
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, (_m, alt: string) => `${alt.trim() ? `${alt.trim()} ` : ''}[image removed]`)
    .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, (_m, alt: string) => `${alt.trim() ? `${alt.trim()} ` : ''}[image removed]`)
    // Links whose target the chat would not open.
    .replace(/\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (m, words: string, href: string) => (isSafeHref(href) ? m : `${words} [link removed]`))
    // Reference definitions pointing anywhere but the web.
    .replace(/^(\s{0,3}\[[^\]]+\]:\s*)(\S+)/gm, (m, head: string, href: string) => (isSafeHref(href) ? m : `${head.replace(/:\s*$/, '')} [link removed]`))
    // Raw HTML (tags, comments, declarations) shown as text.
    .replace(/<(?=[A-Za-z!/?])/g, '&lt;');
}

/** Splits a line into prose and inline code spans (backtick runs of equal length), sanitizing only the prose. */
function sanitizeLine(line: string): string {
  let out = '';
  let rest = line;
  for (;;) {
    const open = /`+/.exec(rest);
    if (!open) return out + sanitizeProse(rest);
    const close = rest.indexOf(open[0], open.index + open[0].length);
    if (close < 0) return out + sanitizeProse(rest);
    out += sanitizeProse(rest.slice(0, open.index)) + rest.slice(open.index, close + open[0].length);
    rest = rest.slice(close + open[0].length);
  }
}

export function sanitizeMarkdownForExport(markdown: string): string {
  let fence: string | undefined;
  return markdown.split(/\r?\n/).map((line) => {
    const marker = FENCE.exec(line)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      return line;
    }
    if (marker) { fence = marker; return line; }
    if (/^( {4}|\t)/.test(line)) return line; // indented code
    return sanitizeLine(line);
  }).join('\n');
}
