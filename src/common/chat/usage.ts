// Token and time figures per turn and per thread, as shown under each answer and in the thread header.
import type { TurnUsage } from '../mantle/types';
import type { Thread } from '../threads/model';

export interface ThreadTotals extends TurnUsage {
  turns: number;
}

/** Sums what the server reported for every turn that has usage (stopped turns may have none). */
export function threadTotals(thread: Thread): ThreadTotals {
  const totals: ThreadTotals = { turns: 0, inputTokens: 0, outputTokens: 0, reasoningTokens: 0, cachedTokens: 0 };
  for (const t of thread.turns) {
    if (!t.usage) continue;
    totals.turns++;
    totals.inputTokens += t.usage.inputTokens;
    totals.outputTokens += t.usage.outputTokens;
    totals.reasoningTokens += t.usage.reasoningTokens;
    totals.cachedTokens += t.usage.cachedTokens;
    if (t.usage.cacheWriteTokens !== undefined) totals.cacheWriteTokens = (totals.cacheWriteTokens ?? 0) + t.usage.cacheWriteTokens;
  }
  return totals;
}

export function formatCount(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The prompt-cache part of a usage line: "cached 1.2k" (OpenAI paths report reads only), or "cached 1.2k read · 56
 * written" when the server reports cache writes too (Claude's Messages API, billed at their own rates).
 */
export function formatCached(u: Pick<TurnUsage, 'cachedTokens' | 'cacheWriteTokens'>): string {
  const read = formatCount(u.cachedTokens);
  return u.cacheWriteTokens === undefined ? `cached ${read}` : `cached ${read} read · ${formatCount(u.cacheWriteTokens)} written`;
}

/** One line under an answer, e.g. "in 25 · out 120 (reasoning 40) · cached 0 · first token 310 ms · 2.1 s". */
export function formatTurnUsage(u: TurnUsage | undefined, ttft: number | undefined, total: number | undefined): string {
  const parts: string[] = [];
  if (u) {
    parts.push(`in ${formatCount(u.inputTokens)}`);
    parts.push(`out ${formatCount(u.outputTokens)}${u.reasoningTokens ? ` (reasoning ${formatCount(u.reasoningTokens)})` : ''}`);
    parts.push(formatCached(u));
  }
  if (ttft !== undefined) parts.push(`first token ${formatMs(ttft)}`);
  if (total !== undefined) parts.push(`total ${formatMs(total)}`);
  return parts.join(' · ');
}
