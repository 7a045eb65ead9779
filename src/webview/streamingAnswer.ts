// A streaming answer in the DOM: final Markdown blocks are turned into nodes once and stay in place, the growing
// block's nodes are replaced on each paint (see streamingMarkdown.ts). So a paint costs the size of the last block,
// and the browser lays out only what changed at the end, not the whole answer again.
import type { MarkdownRenderer } from './markdown';
import { StreamingMarkdown } from './streamingMarkdown';

export class StreamingAnswer {
  private readonly stream: StreamingMarkdown<Node[]>;
  private growing: Node[] = [];

  /** `decorate` adds controls to freshly rendered blocks (e.g. the chat's code block bar). Clears `el`. */
  constructor(readonly el: HTMLElement, markdown: MarkdownRenderer, decorate?: (container: HTMLElement) => void) {
    this.stream = new StreamingMarkdown({ lex: markdown.lex, render: (tokens) => toNodes(markdown.renderTokens(tokens), decorate) });
    el.replaceChildren();
  }

  /** Shows `text`; `final` once the stream ended (then the answer is complete and equals a full render). */
  paint(text: string, final: boolean): void {
    const patch = this.stream.update(text, final);
    for (const n of this.growing) n.parentNode?.removeChild(n);
    if (patch.reset) this.el.replaceChildren();
    if (patch.completed) this.el.append(...patch.completed);
    this.growing = patch.growing ?? [];
    this.el.append(...this.growing);
  }
}

function toNodes(html: string, decorate: ((container: HTMLElement) => void) | undefined): Node[] {
  const box = document.createElement('div');
  box.innerHTML = html; // sanitized by DOMPurify in markdown.ts (renderTokens)
  decorate?.(box);
  return Array.from(box.childNodes);
}
