// A streaming answer in the DOM: final Markdown blocks are turned into nodes once and stay in place, the growing
// block's nodes are replaced on each paint (see streamingMarkdown.ts). So a paint costs the size of the last block,
// and the browser lays out only what changed at the end, not the whole answer again. Code still streaming in is shown
// uncoloured and highlighted once its block is final. Every fragment is sanitized (markdown.ts renderTokens).
//
// The final blocks go into chunks of CHUNK_BLOCKS top-level blocks; the full chunks but the last one are "sealed" and
// styled `content-visibility: auto` (styles.css), so the part of a long answer that scrolled away is skipped by style,
// layout and paint on every later frame. A whole render (view.ts) chunks the same way, so both end as the same HTML.
//
// A paint renders only as much new text as fits in PAINT_BUDGET_MS, and the rest on the next animation frames: when
// text arrives faster than that (a fast model, or the end of the stream after a busy moment) the answer catches up
// over a few frames instead of in one task long enough to make the panel stutter. Any prefix of the text is a state
// the stream could have been in, so the answer ends the same however the text was cut. For the same reason a paint
// stops after the opening line of a code block whose grammar highlight.js has not compiled yet, and goes on once that
// compiled in a task of its own (markdown.ts grammarStop): otherwise a block that opens and closes within one paint
// pays the compile in that frame.
import type { MarkdownRenderer } from './markdown';
import { StreamingMarkdown } from './streamingMarkdown';

/** Top-level blocks per chunk: a screen or two of text. */
export const CHUNK_BLOCKS = 20;

/**
 * Script time one paint may take (ms). Text that arrived faster than it can be rendered within this (a fast model, a
 * backlog after the tab was hidden, the rest of an answer when the stream ends) is shown over the next frames instead
 * of in one long task; with the browser's own style, layout and paint of what was added, a frame stays far below 50 ms.
 */
export const PAINT_BUDGET_MS = 8;
/** Characters a paint renders at first, and the range it adapts within (a few lines to most of a long answer). */
const FIRST_STEP = 1_000;
const MIN_STEP = 500;
const MAX_STEP = 64_000;

export class StreamingAnswer {
  private readonly stream: StreamingMarkdown<Node[]>;
  private growing: Node[] = [];
  /** The latest text given, whether it is complete, and how much of it is shown (a prefix of it). */
  private text = '';
  private final = false;
  private shown = '';
  private shownFinal = false;
  /** Characters the next paint may add: adapted to how long the previous ones took. */
  private step = FIRST_STEP;
  private frame = 0;

  /**
   * `decorate` adds controls to freshly rendered blocks (e.g. the chat's code block bar); `onDone` runs once the
   * complete text is shown. Clears `el`.
   */
  constructor(
    readonly el: HTMLElement, private readonly markdown: MarkdownRenderer, decorate?: (container: ParentNode) => void, private readonly onDone?: () => void,
  ) {
    this.stream = new StreamingMarkdown({ lex: markdown.lex, render: (tokens, growing) => toNodes(markdown.renderTokens(tokens, !growing), decorate) });
    el.replaceChildren();
  }

  /** The text shown so far (all of it once `done`). */
  get shownText(): string {
    return this.shown;
  }

  /**
   * Shows `text`; `final` once the stream ended (then the answer, once shown, is complete and equals a full render).
   * Renders at most about PAINT_BUDGET_MS of it now and the rest on the following animation frames; meanwhile the
   * element carries `data-pending`. A paint while a frame is already scheduled only updates what that frame shows.
   */
  paint(text: string, final: boolean): void {
    this.text = text;
    this.final = final;
    if (!this.frame) this.catchUp();
  }

  /** Stops showing more (the answer left the screen): nothing stays scheduled for it. */
  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private catchUp(): void {
    this.frame = 0;
    const text = this.text;
    if (!text.startsWith(this.shown)) this.shown = ''; // replaced, not extended: StreamingMarkdown starts over
    let end = Math.min(text.length, this.shown.length + this.step);
    // Never between the halves of a CR LF pair or a surrogate pair (the shown text is a prefix a model could send).
    if (end < text.length && /[\r\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end++;
    // Not past the opening line of a code block whose grammar is still to compile (markdown.ts grammarStop).
    const paced = end;
    end = this.markdown.grammarStop(text, this.shown.length, end);
    const final = this.final && end === text.length;
    if (end !== this.shown.length || final !== this.shownFinal) {
      const added = end - this.shown.length;
      const started = performance.now();
      this.apply(text.slice(0, end), final);
      const took = performance.now() - started;
      // The next step: what this one's pace would render within the budget (at most twice as much as this one). A paint
      // cut short at a code block says little about the pace.
      if (added > 0 && took > 1 && end === paced) {
        this.step = Math.round(Math.min(MAX_STEP, this.step * 2, Math.max(MIN_STEP, (added / took) * PAINT_BUDGET_MS)));
      }
    }
    if (this.shown.length < text.length || this.final !== this.shownFinal) {
      this.el.dataset.pending = '';
      this.frame = requestAnimationFrame(() => this.catchUp());
      return;
    }
    delete this.el.dataset.pending;
    if (this.shownFinal) this.onDone?.();
  }

  private apply(text: string, final: boolean): void {
    const patch = this.stream.update(text, final);
    for (const n of this.growing) n.parentNode?.removeChild(n);
    if (patch.reset) this.el.replaceChildren();
    if (patch.completed) appendChunked(this.el, patch.completed);
    this.growing = patch.growing ?? [];
    this.el.append(...this.growing);
    this.shown = text;
    this.shownFinal = final;
  }
}

/**
 * Appends final nodes to `el` in chunks of CHUNK_BLOCKS elements (the last chunk is filled up first). Only elements
 * start a new chunk, and a chunk is sealed when the one after the next starts: text nodes between blocks may be split
 * differently while streaming, so this keeps the chunks of a streamed answer the same as those of a whole render.
 * Not when the next one starts: the chunk just filled is usually still on screen, and the browser decides whether a
 * newly `content-visibility: auto` element is on screen only after a frame's layout, then styles and lays out all of
 * it again in the same frame (5-10 ms of a streaming frame). Two chunks back it is off screen and stays skipped.
 */
export function appendChunked(el: HTMLElement, nodes: readonly Node[]): void {
  let chunk = el.lastElementChild?.classList.contains('md-chunk') ? el.lastElementChild : null;
  for (const n of nodes) {
    if (!chunk || (n.nodeType === Node.ELEMENT_NODE && chunk.childElementCount >= CHUNK_BLOCKS)) {
      const previous = chunk?.previousElementSibling;
      if (previous?.classList.contains('md-chunk')) previous.classList.add('sealed');
      chunk = document.createElement('div');
      chunk.className = 'md-chunk';
      el.append(chunk);
    }
    chunk.append(n);
  }
}

/** The sanitized nodes of a fragment (markdown.ts renderTokens), decorated. */
function toNodes(fragment: DocumentFragment, decorate: ((container: ParentNode) => void) | undefined): Node[] {
  decorate?.(fragment);
  return Array.from(fragment.childNodes);
}
