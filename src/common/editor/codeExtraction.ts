// Gets the code out of a model's reply. Replies come in three shapes: one or more fenced blocks inside prose (what the
// prompt asks for), bare code with no fences (some coder models), or prose only (the model declined or explained).
// Fences are found with marked's lexer, not a regex, so nested lists, ~~~ fences and longer ``` fences all work, and
// an unclosed fence (a reply cut off mid-block) still yields its code.

import type { Token, Tokens } from 'marked' with { 'resolution-mode': 'import' };
import { fenceTagsFor } from './languages';

// marked ships only as an ES module and this bundle is CommonJS, so it is loaded with a dynamic import (esbuild
// inlines it; Node loads it natively in the unit tests). Loaded once, on the first reply.
let markedModule: Promise<typeof import('marked', { with: { 'resolution-mode': 'import' } })> | undefined;
const loadMarked = () => (markedModule ??= import('marked'));

export type ExtractedCode =
  /** `blocks` fenced blocks were found; `used` of them (those in the document's language) were joined into `code`. */
  | { kind: 'fenced'; code: string; blocks: number; used: number }
  /** No fences, but the reply reads as code: the whole reply is the code. */
  | { kind: 'unfenced'; code: string }
  /** Nothing that looks like code. */
  | { kind: 'none' };

async function fencedBlocks(markdown: string): Promise<Tokens.Code[]> {
  const { Lexer } = await loadMarked();
  const found: Tokens.Code[] = [];
  const visit = (tokens: Token[]): void => {
    for (const t of tokens) {
      // An indented block is how marked reads bare, indented code; only explicit fences count as "fenced".
      if (t.type === 'code' && (t as Tokens.Code).codeBlockStyle !== 'indented') found.push(t as Tokens.Code);
      const nested = (t as { tokens?: Token[] }).tokens;
      if (nested) visit(nested);
      if (t.type === 'list') for (const item of (t as Tokens.List).items) visit(item.tokens);
    }
  };
  visit(Lexer.lex(markdown));
  return found;
}

const COMMENT_START = /^(\/\/|#|\*|\/\*|--|;|<!--|%|')/;
const CODE_SYMBOLS = /[;{}()=<>[\]]/;
const PLAIN_WORD = /^[A-Za-z][A-Za-z'’-]*[,.;:!?]?$/;
const MARKDOWN_HEADING = /^#{1,6}\s+[A-Z]/;

/**
 * A line that reads as prose: a sentence (several words ending in . ! or ?), or a long run of plain words with no
 * code punctuation (a sentence cut off mid-stream). Code comments never count, however wordy.
 */
function isProseLine(t: string): boolean {
  if (COMMENT_START.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length >= 3 && /[A-Za-z][.!?]["')]?$/.test(t)) return true;
  return words.length >= 8 && !CODE_SYMBOLS.test(t) && words.filter((w) => PLAIN_WORD.test(w)).length / words.length >= 0.8;
}

/** True when a reply with no fences is an explanation rather than code. */
export function looksLikeProse(text: string): boolean {
  const all = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  if (all.length === 0) return true;
  // A Markdown heading could also be a "# Comment" in Python or shell: it counts for neither side.
  const lines = all.filter((l) => !MARKDOWN_HEADING.test(l));
  if (lines.length === 0) return true;
  if (lines.length === 1 && !isProseLine(lines[0])) {
    return lines[0].split(/\s+/).length >= 4 && !CODE_SYMBOLS.test(lines[0]) && !COMMENT_START.test(lines[0]);
  }
  return lines.filter(isProseLine).length / lines.length >= 0.5;
}

export async function extractCode(reply: string, languageId: string): Promise<ExtractedCode> {
  const allBlocks = await fencedBlocks(reply);
  const blocks = allBlocks.filter((b) => b.text.trim() !== '');
  // Fences with nothing in them mean the model chose to show no code; the text around them is prose.
  if (allBlocks.length > 0 && blocks.length === 0) return { kind: 'none' };
  if (blocks.length > 0) {
    const tags = fenceTagsFor(languageId).map((t) => t.toLowerCase());
    const langOf = (b: Tokens.Code): string => (b.lang ?? '').trim().split(/\s+/)[0].toLowerCase();
    // Blocks tagged with another language (a shell command to install something, sample output) are not the code.
    const own = blocks.filter((b) => langOf(b) === '' || tags.includes(langOf(b)));
    const used = own.length > 0 ? own : blocks;
    return { kind: 'fenced', code: used.map((b) => b.text).join('\n\n'), blocks: blocks.length, used: used.length };
  }
  if (looksLikeProse(reply)) return { kind: 'none' };
  // Keep the first line's indentation; drop only blank lines around the code.
  return { kind: 'unfenced', code: reply.replace(/^(\s*\n)+/, '').replace(/\s+$/, '') };
}
