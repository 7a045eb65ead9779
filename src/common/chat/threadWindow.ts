// What of a thread the host posts to the chat webview. A thread can hold thousands of turns; posting all of them with
// every `state` (each turn boundary, each thread switch) made the webview parse, copy and scan megabytes it never
// shows (seconds for 10,000 messages). So a `state` carries the thread's last STATE_TURNS turns, where they start, how
// many there are, and the figures the view shows for the whole thread (usage totals, cost, context use) computed here
// once; the webview asks for older turns a page at a time (`loadTurns` → `turns`) as the reader scrolls up, and merges
// what it has with each new window (mergeWindow, prependPage). Pure: used by the host (chatCore.ts), the webview
// reducer (webview/state.ts), the bench and the tests.
import { contextUse, type ContextUse } from '../account/contextMeter';
import { totalCost, type CostTotal, type PricingContext } from '../account/pricing';
import { attachmentsForView } from '../attachments/stored';
import { estimateMessageTokens } from '../lm/tokenEstimate';
import type { Thread, Turn } from '../threads/model';
import { threadTotals, type ThreadTotals } from './usage';

/** Turns in a `state`: the webview's first screen (12 turns) plus one page to scroll into before asking for more. */
export const STATE_TURNS = 32;
/** Turns per `turns` answer to `loadTurns`. */
export const PAGE_TURNS = 20;

/** The figures of the whole thread the view shows, whatever part of it the webview holds. */
export interface ThreadFigures {
  totals: ThreadTotals;
  cost: CostTotal;
  /** Context use without the draft (the webview adds what is typed: withDraft). */
  context: ContextUse;
}

/** Where the posted turns sit in the whole thread. */
export interface WindowInfo {
  /** Index in the whole thread of the first turn posted. */
  first: number;
  /** Turns in the whole thread. */
  total: number;
  figures: ThreadFigures;
}

/** Same turns and pricing → same figures: threads are replaced, never changed in place, so the turns array is the key. */
const figuresCache = new WeakMap<readonly Turn[], { key: string; figures: ThreadFigures }>();

export function threadFigures(thread: Pick<Thread, 'turns' | 'model'>, pricing: PricingContext | undefined): ThreadFigures {
  const key = `${thread.model}\n${JSON.stringify(pricing ?? null)}`;
  const cached = figuresCache.get(thread.turns);
  if (cached?.key === key) return cached.figures;
  const figures = {
    totals: threadTotals(thread as Thread),
    cost: totalCost(thread.turns, pricing),
    context: contextUse(thread.turns, thread.model, ''),
  };
  figuresCache.set(thread.turns, { key, figures });
  return figures;
}

/** The context use shown under the composer: the thread's, plus an estimate of what is typed. */
export function withDraft(context: ContextUse, draft: string): ContextUse {
  return draft.trim() ? { ...context, tokens: context.tokens + estimateMessageTokens(draft) } : context;
}

/** A turn as the view gets it: Claude's signed thinking blocks stay with the server, attachments without their bytes. */
export function turnForView(turn: Turn): Turn {
  const { thinking: _signed, ...t } = turn;
  return t.attachments ? { ...t, attachments: attachmentsForView(t.attachments) } : t;
}

/** The thread's last STATE_TURNS turns, ready for the view, and where they sit. */
export function windowOf(thread: Thread, figures: ThreadFigures, size = STATE_TURNS): { thread: Thread; window: WindowInfo } {
  const first = Math.max(0, thread.turns.length - size);
  return {
    thread: { ...thread, turns: thread.turns.slice(first).map(turnForView) },
    window: { first, total: thread.turns.length, figures },
  };
}

/** Up to PAGE_TURNS turns just before index `before` (the first turn the view holds), ready for the view. */
export function pageBefore(thread: Thread, before: number, size = PAGE_TURNS): { first: number; turns: Turn[] } {
  const end = Math.max(0, Math.min(Math.floor(before), thread.turns.length));
  const first = Math.max(0, end - size);
  return { first, turns: thread.turns.slice(first, end).map(turnForView) };
}

// ── webview side ─────────────────────────────────────────────────────────────────────────────────────────────────────

/** The turns the webview holds: a contiguous run of the thread starting at index `first`. */
export interface HeldTurns {
  threadId: string;
  first: number;
  turns: readonly Turn[];
}

/**
 * A new window for the thread the view holds: older turns the reader already paged in are kept in front of it when
 * they join up with it (the same turn at the same index), so a turn boundary does not throw away the scroll-back.
 */
export function mergeWindow(held: HeldTurns | undefined, next: HeldTurns): HeldTurns {
  if (!held || held.threadId !== next.threadId || held.first >= next.first) return next;
  const joint = next.first - held.first;
  if (joint > held.turns.length || (next.turns.length && held.turns[joint] && held.turns[joint]?.id !== next.turns[0]?.id)) return next;
  return { threadId: next.threadId, first: held.first, turns: [...held.turns.slice(0, joint), ...next.turns] };
}

/** An older page from the host in front of what is held, if it ends exactly where the held turns begin. */
export function prependPage(held: HeldTurns, page: HeldTurns): HeldTurns | undefined {
  if (page.threadId !== held.threadId || page.first + page.turns.length !== held.first || !page.turns.length) return undefined;
  return { threadId: held.threadId, first: page.first, turns: [...page.turns, ...held.turns] };
}

/** A window the host posted, checked: anything that does not add up means "the whole thread is here". */
export function checkWindow(raw: unknown, turnsPosted: number): { first: number; total: number; figures?: ThreadFigures } {
  const w = raw as Partial<WindowInfo> | undefined;
  const whole = { first: 0, total: turnsPosted };
  if (!w || typeof w !== 'object') return whole;
  const { first, total, figures } = w;
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(total)) return whole;
  if ((first as number) < 0 || (first as number) + turnsPosted > (total as number)) return whole;
  const ok = !!figures && typeof figures === 'object' && typeof figures.totals === 'object' && typeof figures.cost === 'object' && typeof figures.context === 'object';
  return { first: first as number, total: total as number, ...(ok ? { figures } : {}) };
}
