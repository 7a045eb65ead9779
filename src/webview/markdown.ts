// Model output → safe HTML. marked renders the Markdown, highlight.js colours fenced code, DOMPurify sanitizes the
// result (model output is untrusted: no scripts, styles, forms, frames, event handlers or non-web links survive).
// Raw HTML in the answer is shown as text, not interpreted. marked is an ES module and this project compiles as
// CommonJS, so it is loaded once with a dynamic import (esbuild bundles it into webview.js either way).
import DOMPurify from 'dompurify';
import { SAFE_LINK_TARGET } from '../common/linkPolicy';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import markdown from 'highlight.js/lib/languages/markdown';
import php from 'highlight.js/lib/languages/php';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import type { Links, Marked, Token, Tokens } from 'marked' with { 'resolution-mode': 'import' };

const LANGUAGES = {
  bash, c, cpp, csharp, css, diff, go, java, javascript, json, kotlin, markdown, php, plaintext, python, ruby, rust, shell, sql, swift,
  typescript, xml, yaml,
};
for (const [name, def] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, def);

/** DOMPurify settings for model output: plain document markup only. */
export const SANITIZE_CONFIG = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'option', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'img', 'video', 'audio', 'source', 'link', 'meta', 'base', 'template'],
  FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'target'],
  ALLOWED_URI_REGEXP: SAFE_LINK_TARGET,
  ALLOW_DATA_ATTR: false,
};
/**
 * The same settings, returning the sanitized nodes themselves: a streaming paint uses them as they are instead of
 * serializing them to HTML and parsing that again (which was about 40% of a paint's script time). They are exactly the
 * nodes DOMPurify checked, so nothing is re-interpreted on the way in.
 */
const SANITIZE_TO_DOM = { ...SANITIZE_CONFIG, RETURN_DOM_FRAGMENT: true } as const;

/** `[image removed: alt]` as plain text in a muted span; the words (alt text, link text) stay readable. */
export function removedPlaceholder(what: 'image removed' | 'link removed', words: string): string {
  const text = words.trim();
  return `<span class="removed-content">${text ? `${escapeHtml(text)} ` : ''}[${what}]</span>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** `colour` false: the code escaped, not highlighted (a code block still streaming in: see renderTokens). */
export function highlight(code: string, lang: string | undefined, colour = true): { html: string; language: string } {
  const name = languageOf(lang);
  if (name && hljs.getLanguage(name)) {
    if (colour) return { html: coloured(code, name), language: name };
    prepareGrammar(name);
  }
  return { html: escapeHtml(code), language: name || 'plaintext' };
}

/** The language a fence's info string names, as the renderer reads it (its first word, lower case). */
function languageOf(info: string | undefined): string {
  return (info ?? '').trim().split(/\s+/, 1)[0]?.toLowerCase() ?? '';
}

function coloured(code: string, name: string): string {
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  prepared.add(name);
  compiled.add(name);
  return html;
}

/** Languages whose grammar compile is scheduled or done; and those whose grammar highlight.js has compiled. */
const prepared = new Set<string>();
const compiled = new Set<string>();

/**
 * highlight.js compiles a language's grammar on its first use (10-15 ms for TypeScript in the webview, more on a busy
 * machine), which made the frame where a code block closed a long task. While a block in that language is still
 * streaming in (shown uncoloured), the grammar is compiled in a task of its own. Compiling every grammar up front
 * instead would add about 4 MB to the webview's heap for languages most threads never use.
 */
function prepareGrammar(name: string): void {
  if (prepared.has(name)) return;
  prepared.add(name);
  // In two tasks of about the same size: the grammar, then its first use (highlight.js builds each mode's matcher, and
  // V8 compiles its regular expressions, when they are first needed).
  const task = (code: string, then: () => void) => setTimeout(() => {
    try { hljs.highlight(code, { language: name, ignoreIllegals: true }); } finally { then(); }
  }, 0);
  task('', () => task(WARM_UP_CODE, () => compiled.add(name)));
}

/**
 * The opening line of a fenced code block: after indentation and list or quote markers, three or more backticks or
 * tildes, then the info string. Generous on purpose: it only decides where a paint may stop (see grammarStop).
 */
const FENCE_OPENER = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])[ \t]*)*(?:`{3,}|~{3,})[ \t]*([^\s`]+)[^\n]*\n/gm; // complete lines only

/**
 * Where a paint that would show `text` up to `end` (having shown it up to `shown`) should stop instead, so that a
 * code block whose grammar is not compiled yet does not open and close in the same frame (then the compile, 10-20 ms,
 * lands in that frame): just after the block's opening line. Up to there the block shows uncoloured while its grammar
 * compiles in a task of its own (prepareGrammar, scheduled here); while that has not run, no further than the opening
 * line. Any prefix of the text is a state the stream could have been in, so this changes when, not what, is shown.
 */
export function grammarStop(text: string, shown: number, end: number): number {
  // From the start of the line that ends at `shown` (or holds it): an opening line shown by the previous paint is
  // found again, so the paint waits there until its grammar is compiled.
  const from = text.lastIndexOf('\n', shown - 2) + 1;
  for (const m of text.slice(from, end).matchAll(FENCE_OPENER)) {
    const name = languageOf(m[1]);
    if (compiled.has(name) || !hljs.getLanguage(name)) continue;
    prepareGrammar(name);
    return Math.max(shown, from + m.index + m[0].length);
  }
  return end;
}

/** Reference-link definitions by label, as marked's lexer collects them (`[label]: href "title"`). */
export type LinkDefinitions = Links;

export interface MarkdownRenderer {
  /** Whole Markdown source → sanitized HTML. */
  render(source: string): string;
  /**
   * Top-level block tokens of `source`, with reference links resolved against `links` (definitions met earlier in
   * the document) plus those in `source`. Returns the definitions known after lexing.
   */
  lex(source: string, links: LinkDefinitions): { tokens: Token[]; links: LinkDefinitions };
  /**
   * Block tokens → sanitized nodes, adopted into this page's document (the same DOMPurify settings as render).
   * `highlight` false leaves code blocks uncoloured: a fence still streaming in would otherwise be highlighted again,
   * whole, on every frame.
   */
  renderTokens(tokens: Token[], highlight?: boolean): DocumentFragment;
  /** Where a streaming paint should stop so a code block's grammar compiles in a task of its own (see grammarStop). */
  grammarStop(text: string, shown: number, end: number): number;
}

/** Off while renderTokens renders blocks that are still growing (synchronous, so nothing else renders meanwhile). */
let colourCode = true;

/** The project's marked instance: GFM, highlighted fenced code, raw HTML shown as text. Not sanitized (see below). */
export function buildMarked(MarkedClass: typeof Marked): Marked {
  const md: Marked = new MarkedClass({ gfm: true, breaks: false, async: false });
  md.use({
    renderer: {
      code(token: Tokens.Code): string {
        const { html, language } = highlight(token.text, token.lang, colourCode);
        return `<pre><code class="hljs language-${escapeHtml(language.replace(/[^\w#+.-]/g, ''))}">${html}</code></pre>\n`;
      },
      html(token: Tokens.HTML | Tokens.Tag): string {
        return escapeHtml(token.text);
      },
      // Images are never loaded and links the sanitizer would strip are not links: each leaves a visible
      // placeholder, so an answer made of them does not look empty and the reader knows something was there.
      image(token: Tokens.Image): string {
        return removedPlaceholder('image removed', token.text);
      },
      link(token: Tokens.Link): string | false {
        if (SAFE_LINK_TARGET.test(token.href.trim())) return false; // marked's own rendering, then DOMPurify
        return removedPlaceholder('link removed', token.text);
      },
    },
  });
  return md;
}

/** Block tokens of `source` with marked's own lexer, seeded with reference definitions found earlier. */
export function lexBlocks(md: Marked, source: string, links: LinkDefinitions): { tokens: Token[]; links: LinkDefinitions } {
  const lexer = new md.Lexer(md.defaults);
  Object.assign(lexer.tokens.links, links);
  const tokens = lexer.lex(source);
  return { tokens: [...tokens], links: { ...tokens.links } };
}

let renderer: MarkdownRenderer | undefined;

/** Loads marked once and builds the renderer. Everything it returns went through DOMPurify with SANITIZE_CONFIG. */
export async function loadMarkdownRenderer(): Promise<MarkdownRenderer> {
  if (renderer) return renderer;
  const { Marked: MarkedClass } = await import('marked');
  const md = buildMarked(MarkedClass);
  renderer = {
    render: (source) => DOMPurify.sanitize(md.parse(source, { async: false }), SANITIZE_CONFIG),
    lex: (source, links) => lexBlocks(md, source, links),
    renderTokens: (tokens, colour = true) => {
      colourCode = colour;
      let html: string;
      try { html = md.parser(tokens); } finally { colourCode = true; }
      // DOMPurify builds the nodes in an inert document of its own; adopting them here, before anyone else touches
      // them, makes them this page's nodes (elements made by the caller can then go among them).
      return document.adoptNode(DOMPurify.sanitize(html, SANITIZE_TO_DOM));
    },
    grammarStop,
  };
  const warm = renderer;
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => warm.renderTokens(warm.lex(WARM_UP, {}).tokens), { timeout: 2000 });
  return renderer;
}

// The first use of marked, highlight.js and DOMPurify compiles their code (about 20-35 ms in Node on this project's
// test machine); rendering a small sample while the page is idle keeps that out of the first frames of the first
// streamed answer. No particular programming language, so no grammar is favoured (see prepareGrammar).
const WARM_UP = '# Title\n\nText with *em*, **strong**, `code` and [a link](https://example.com).\n\n- one\n- two\n\n1. first\n\n| a | b |\n|---|:-:|\n| 1 | 2 |\n\n> quote\n\n```plaintext\nplain code\n```\n\n---\n';
const WARM_UP_CODE = 'const x = "text" + 1; // note\nfunction f(y) {\n  return [y, \'z\'];\n}\n';
