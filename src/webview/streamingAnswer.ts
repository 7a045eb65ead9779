// A streaming answer in the DOM: final Markdown blocks are turned into nodes once and stay in place, the growing
// block's nodes are replaced on each paint (see streamingMarkdown.ts). So a paint costs the size of the last block,
// and the browser lays out only what changed at the end, not the whole answer again. Code still streaming in is shown
// uncoloured and highlighted once its block is final. Every fragment is sanitized (markdown.ts renderTokens).
//
// The final blocks go into chunks of CHUNK_BLOCKS top-level blocks; a full chunk is "sealed" and styled
// `content-visibility: auto` (styles.css), so the part of a long answer that scrolled away is skipped by style, layout
// and paint on every later frame. A whole render (view.ts) chunks the same way, so both end as the same HTML.
import type { MarkdownRenderer } from './markdown';
import { StreamingMarkdown } from './streamingMarkdown';

/** Top-level blocks per chunk: a screen or two of text. */
export const CHUNK_BLOCKS = 20;

export class StreamingAnswer {
  private readonly stream: StreamingMarkdown<Node[]>;
  private growing: Node[] = [];

  /** `decorate` adds controls to freshly rendered blocks (e.g. the chat's code block bar). Clears `el`. */
  constructor(readonly el: HTMLElement, markdown: MarkdownRenderer, decorate?: (container: HTMLElement) => void) {
    this.stream = new StreamingMarkdown({ lex: markdown.lex, render: (tokens, growing) => toNodes(markdown.renderTokens(tokens, !growing), decorate) });
    el.replaceChildren();
  }

  /** Shows `text`; `final` once the stream ended (then the answer is complete and equals a full render). */
  paint(text: string, final: boolean): void {
    const patch = this.stream.update(text, final);
    for (const n of this.growing) n.parentNode?.removeChild(n);
    if (patch.reset) this.el.replaceChildren();
    if (patch.completed) appendChunked(this.el, patch.completed);
    this.growing = patch.growing ?? [];
    this.el.append(...this.growing);
  }
}

/**
 * Appends final nodes to `el` in chunks of CHUNK_BLOCKS elements (the last chunk is filled up first). Only elements
 * start a new chunk, and a chunk is sealed when the next one starts: text nodes between blocks may be split
 * differently while streaming, so this keeps the chunks of a streamed answer the same as those of a whole render.
 */
export function appendChunked(el: HTMLElement, nodes: readonly Node[]): void {
  let chunk = el.lastElementChild?.classList.contains('md-chunk') ? el.lastElementChild : null;
  for (const n of nodes) {
    if (!chunk || (n.nodeType === Node.ELEMENT_NODE && chunk.childElementCount >= CHUNK_BLOCKS)) {
      chunk?.classList.add('sealed');
      chunk = document.createElement('div');
      chunk.className = 'md-chunk';
      el.append(chunk);
    }
    chunk.append(n);
  }
}

function toNodes(html: string, decorate: ((container: HTMLElement) => void) | undefined): Node[] {
  const box = document.createElement('div');
  box.innerHTML = html; // sanitized by DOMPurify in markdown.ts (renderTokens)
  decorate?.(box);
  return Array.from(box.childNodes);
}
