// Two windows on one thread: each holds its own copy and saves it whole, so the later save used to drop the turns
// the other window had added. Saving now merges the stored copy with this window's: every turn either window has is
// kept (another window's finished version of a turn wins over one still running here), and the thread's fields come from the copy
// changed last. Pure so it is unit-tested with interleaved saves.
import type { Thread, Turn } from './model';

/**
 * This window's version of a turn, unless it is still running here and another window has it done (it polled a
 * background turn to the end). Nothing else of the stored copy wins: reading it back marks a turn that was streaming
 * when it was saved as 'stopped', which is about a reload, not about this window's live turn.
 */
function pick(mine: Turn, stored: Turn): Turn {
  const running = mine.status === 'streaming' || mine.status === 'background';
  return running && stored.status === 'done' ? stored : mine;
}

/** `mine` with every turn of `stored` it lacks, in creation order. Thread fields from the copy updated last. */
export function mergeThread(stored: Thread | undefined, mine: Thread): Thread {
  if (!stored || stored.id !== mine.id) return mine;
  const byId = new Map<string, Turn>();
  for (const t of stored.turns) byId.set(t.id, t);
  for (const t of mine.turns) {
    const other = byId.get(t.id);
    byId.set(t.id, other ? pick(t, other) : t);
  }
  const order = new Map<string, number>();
  [...stored.turns, ...mine.turns].forEach((t, i) => { if (!order.has(t.id)) order.set(t.id, i); });
  const turns = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const newer = stored.updatedAt > mine.updatedAt ? stored : mine;
  return { ...newer, turns, updatedAt: Math.max(stored.updatedAt, mine.updatedAt) };
}
