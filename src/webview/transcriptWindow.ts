// Which turns of a long thread the transcript renders. A thread can hold thousands of messages; rendering all of
// them (Markdown, code blocks) on every `state` took far longer than a frame, so only the last WINDOW_TURNS turns are
// rendered at first, and scrolling near the top (or the "earlier messages" button) renders PAGE_TURNS more above,
// keeping what is on screen where it was. Returning to the end of the thread shrinks the window again. The view does
// not hold the whole thread either: the host posts its last turns (common/chat/threadWindow.ts), so the window works
// on indices in the whole thread, and asks the host for the page before the oldest turn held while the reader is
// still a page away from it. Export, copy and the host's history use the whole thread, not what is rendered.
import type { Turn } from '../common/threads/model';
import { h } from './dom';

/** Enough turns to fill several screens (the older ones render on the way up), few enough to render in a frame or two. */
export const WINDOW_TURNS = 12;
export const PAGE_TURNS = 20;
/**
 * At the end of a thread, the window also stops once its turns hold this much text (at least MIN_END_TURNS turns):
 * a few screens, so the first screen of a thread with long answers is painted without rendering what is above it.
 */
export const END_CHARS = 4_000;
const MIN_END_TURNS = 2;
/** How close to the top (px) scrolling must come before older turns are rendered. */
const NEAR_TOP = 300;

export class TranscriptWindow {
  /** Index in the whole thread of the first rendered turn. */
  private first = 0;
  /** Index in the whole thread of the first turn the view holds. */
  private held = 0;
  private threadId: string | undefined;
  private total = 0;
  /** True while showEarlier() repaints: its own repaint must not count as the reader being at the end. */
  private growing = false;
  /** The reader asked for turns the view does not hold yet: render them when they arrive. */
  private waiting = false;
  /** The last page asked for (thread and index), so scrolling does not ask twice. */
  private asked = '';
  /** The row above the rendered turns while some are not rendered; kept so it is not rebuilt on every state. */
  readonly earlier: HTMLElement;
  private readonly earlierButton: HTMLButtonElement;

  /**
   * `rerender` paints the transcript again with the window as it now is (view.ts, from its last state); `loadOlder`
   * asks the host for the turns before index `before` of the thread.
   */
  constructor(
    private readonly transcript: HTMLElement,
    private readonly rerender: () => void,
    private readonly loadOlder: (threadId: string, before: number) => void,
  ) {
    this.earlierButton = h('button', { class: 'text-button earlier-button', type: 'button' });
    this.earlier = h('div', { class: 'earlier', role: 'note' }, this.earlierButton);
    this.earlierButton.addEventListener('click', () => this.showEarlier());
    transcript.addEventListener('scroll', () => { if (transcript.scrollTop < NEAR_TOP && this.first > 0) this.showEarlier(); }, { passive: true });
  }

  /** Turns not rendered above the window (0 when the whole thread is). */
  get hidden(): number {
    return this.first;
  }

  /**
   * The turns to render for this state: `turns` are those the view holds, from index `held` of a `total`-turn thread.
   * A different thread starts at its end; `atEnd` (the reader is at the bottom) drops older turns rendered earlier,
   * so a long scroll back does not make every later state slow.
   */
  visible(threadId: string | undefined, turns: readonly Turn[], atEnd: boolean, held = 0, total = held + turns.length): readonly Turn[] {
    if (threadId !== this.threadId || (atEnd && !this.growing)) { this.first = endOf(turns, held, total); this.waiting = false; }
    // An edit that starts a branch can shorten the thread: never start past where its end window starts; and never
    // before the turns the view holds.
    this.first = Math.max(held, Math.min(this.first, endOf(turns, held, total)));
    this.threadId = threadId;
    this.held = held;
    this.total = total;
    this.earlierButton.textContent = `Show ${Math.min(PAGE_TURNS, this.first) * 2} earlier messages (${this.first * 2} not shown)`;
    if (threadId !== undefined && held > 0 && this.first - held < PAGE_TURNS) this.ask(threadId, held);
    return turns.slice(this.first - held);
  }

  /** Renders PAGE_TURNS more turns above (as many as the view holds), keeping the content on screen where it is. */
  showEarlier(): void {
    if (this.first === 0) return;
    const wanted = Math.max(0, this.first - PAGE_TURNS);
    if (wanted < this.held && this.threadId !== undefined) { this.waiting = true; this.ask(this.threadId, this.held); }
    const next = Math.max(wanted, this.held);
    if (next === this.first) return;
    const fromBottom = this.transcript.scrollHeight - this.transcript.scrollTop;
    this.first = next;
    this.growing = true;
    try { this.rerender(); } finally { this.growing = false; }
    this.transcript.scrollTop = this.transcript.scrollHeight - fromBottom;
  }

  /** Older turns arrived from the host: the view's state holds them from index `held` now. Rendered if the reader was waiting. */
  olderArrived(held: number): void {
    this.held = Math.min(this.held, held);
    if (!this.waiting) return;
    this.waiting = false;
    this.showEarlier();
  }

  private ask(threadId: string, before: number): void {
    const key = `${threadId}\n${before}`;
    if (this.asked === key) return;
    this.asked = key;
    this.loadOlder(threadId, before);
  }

  /** For tests: how many turns of the thread are rendered. */
  get rendered(): number {
    return this.total - this.first;
  }
}

/** Where the window starts at the end of the thread: the last WINDOW_TURNS turns, fewer when they hold over END_CHARS. */
function endOf(turns: readonly Turn[], held: number, total: number): number {
  const first = Math.max(0, total - WINDOW_TURNS, held);
  let chars = 0;
  for (let i = total - 1; i > first; i--) {
    const t = turns[i - held];
    chars += (t?.prompt.length ?? 0) + (t?.answer.length ?? 0) + (t?.reasoning.length ?? 0);
    if (chars > END_CHARS && total - i >= MIN_END_TURNS) return i;
  }
  return first;
}
