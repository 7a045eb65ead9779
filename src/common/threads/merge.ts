// Two windows on one thread: each holds its own copy and saves it whole, so the later save used to drop the turns
// the other window had added. Saving now merges the stored copy with this window's: every turn either window has is
// kept (a finished version of a turn wins over a still-running one), and the thread's own fields come from the copy
// changed last. Pure so it is unit-tested with interleaved saves.
import type { Thread, Turn } from './model';

/** A finished turn (done, stopped, error) beats a running one; between equals, the longer answer. */
function better(a: Turn, b: Turn): Turn {
  const settled = (t: Turn) => (t.status === 'streaming' || t.status === 'background' ? 0 : 1);
  if (settled(a) !== settled(b)) return settled(a) > settled(b) ? a : b;
  return b.answer.length > a.answer.length ? b : a;
}

/** `mine` with every turn of `stored` it lacks, in creation order. Thread fields from the copy updated last. */
export function mergeThread(stored: Thread | undefined, mine: Thread): Thread {
  if (!stored || stored.id !== mine.id) return mine;
  const byId = new Map<string, Turn>();
  for (const t of stored.turns) byId.set(t.id, t);
  for (const t of mine.turns) {
    const other = byId.get(t.id);
    byId.set(t.id, other ? better(t, other) : t);
  }
  const order = new Map<string, number>();
  [...stored.turns, ...mine.turns].forEach((t, i) => { if (!order.has(t.id)) order.set(t.id, i); });
  const turns = [...byId.values()].sort((a, b) => a.createdAt - b.createdAt || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  const newer = stored.updatedAt > mine.updatedAt ? stored : mine;
  return { ...newer, turns, updatedAt: Math.max(stored.updatedAt, mine.updatedAt) };
}
