// Incremental rendering of a Markdown answer that grows while it streams. Re-rendering the whole answer on every
// frame costs time proportional to its length (marked, highlight.js and DOMPurify over up to ~77 KB, then a layout of
// all of it), so frames got slower as the answer grew. Here the text is split into top-level blocks with marked's own
// lexer: a block is final once a following block has started (an open code fence runs to the end of the text, so it
// stays the growing block), final blocks are rendered once, and only the trailing, still-growing block is rendered
// again on each update. Pure (no DOM): the caller decides what a rendered block is (sanitized DOM nodes in the
// webview, HTML strings in the unit tests).
import type { Token, Tokens } from 'marked' with { 'resolution-mode': 'import' };
import type { LinkDefinitions } from './markdown';

export interface BlockRenderer<T> {
  /** Block tokens of `source` (marked's lexer), reference links resolved against `links` plus those in `source`. */
  lex(source: string, links: LinkDefinitions): { tokens: Token[]; links: LinkDefinitions };
  /** Renders consecutive block tokens; `growing`: they may still change (the caller may render them more cheaply). */
  render(tokens: Token[], growing: boolean): T;
}

/** What to change in the shown answer since the previous update, in this order. */
export interface StreamPatch<T> {
  /** Drop everything shown for this answer (the text no longer extends what was rendered, or a link definition changed). */
  reset: boolean;
  /** Blocks that became final with this update: appended after the final blocks shown so far. */
  completed?: T;
  /** The trailing blocks that may still change: replace the previously shown growing part (none when undefined). */
  growing?: T;
}

export class StreamingMarkdown<T> {
  /** Source text of the final blocks (CR/LF normalized as marked does). */
  private stable = '';
  /** Reference definitions found in the final blocks: where lexing of the rest starts from. */
  private stableLinks: LinkDefinitions = {};
  /** The definitions (JSON) the final blocks were lexed with; a change means they may render differently now. */
  private lexedWith = '{}';
  /** The text of the previous update as given, and its normalized part after the final blocks (the growing source). */
  private raw = '';
  private tail = '';

  constructor(private readonly blocks: BlockRenderer<T>) {}

  /** `final`: the text is complete (the stream ended), so every block is final. */
  update(text: string, final: boolean): StreamPatch<T> {
    let reset = false;
    let rest: string;
    // Usually the text only grew: normalizing just the new part gives the same as normalizing all of it (a CR LF pair
    // can only straddle the join when the previous text ended in CR, which takes the whole path), without copying a
    // long answer on every update.
    if (this.raw && text.startsWith(this.raw) && !this.raw.endsWith('\r')) {
      rest = this.tail + normalize(text.slice(this.raw.length));
    } else {
      const source = normalize(text);
      if (!source.startsWith(this.stable)) { this.clear(); reset = true; }
      rest = source.slice(this.stable.length);
    }
    this.raw = text;
    let { tokens, links } = this.blocks.lex(rest, this.stableLinks);
    // A reference definition ([label]: url) is document-wide: blocks before it link through it. Rare in answers, so
    // when the definitions differ from those the final blocks were lexed with, everything is lexed again.
    if (this.stable && JSON.stringify(links) !== this.lexedWith) {
      rest = this.stable + rest;
      this.clear();
      reset = true;
      ({ tokens, links } = this.blocks.lex(rest, this.stableLinks));
    }
    let cut = final ? tokens.length : lastContentIndex(tokens);
    const doneRaw = tokens.slice(0, cut).map((t) => t.raw).join('');
    // Block sources add up to the text; if they ever do not, nothing is taken as final (correct, just not cached).
    if (!rest.startsWith(doneRaw)) cut = 0;
    const done = tokens.slice(0, cut);
    const growing = tokens.slice(cut);
    this.tail = rest;
    if (done.length) {
      this.stable += doneRaw;
      this.tail = rest.slice(doneRaw.length);
      collectDefinitions(done, this.stableLinks);
      this.lexedWith = JSON.stringify(links);
    }
    return {
      reset,
      completed: done.length ? this.blocks.render(done, false) : undefined,
      growing: growing.some((t) => t.type !== 'space') ? this.blocks.render(growing, true) : undefined,
    };
  }

  private clear(): void {
    this.stable = '';
    this.tail = '';
    this.stableLinks = {};
    this.lexedWith = '{}';
  }
}

/** CR LF and lone CR → LF, as marked's lexer does. */
function normalize(text: string): string {
  return text.replace(/\r\n|\r/g, '\n');
}

/**
 * Index of the last block that is not blank space: it and what follows may still change as text arrives, everything
 * before it is final. Trailing blank space is not final either: indentation there may start an indented code block.
 */
function lastContentIndex(tokens: Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]?.type !== 'space') return i;
  return 0;
}

/** Reference definitions in `tokens` (also inside quotes and list items), first one per label wins as in marked. */
function collectDefinitions(tokens: Token[], into: LinkDefinitions): void {
  for (const t of tokens) {
    if (t.type === 'def') {
      const d = t as Tokens.Def;
      into[d.tag] ??= { href: d.href, title: d.title };
    }
    const nested = t as { tokens?: Token[]; items?: Token[] };
    if (Array.isArray(nested.tokens)) collectDefinitions(nested.tokens, into);
    if (Array.isArray(nested.items)) collectDefinitions(nested.items, into);
  }
}
