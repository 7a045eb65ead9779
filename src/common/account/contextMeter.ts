// How full the thread's context is: what the next request would carry, against the model's window. The server's own
// count of the last answered turn (its input plus its answer, which the next turn carries too) is the best figure;
// before any answer, or for what is typed since, the byte-based estimate of common/lm/tokenEstimate.ts is added.
// The window comes from the same table VS Code's model picker uses (common/lm/modelInfo.ts); where that table only
// assumes a window, the meter says so.
import { DEFAULT_LIMITS, limitsFor } from '../lm/modelInfo';
import { estimateMessageTokens } from '../lm/tokenEstimate';
import type { TurnUsage } from '../mantle/types';

export interface ContextUse {
  tokens: number;
  window: number;
  /** The window is the low default, not a known figure for this model. */
  assumed: boolean;
}

interface TurnLike { prompt: string; answer: string; status: string; usage?: TurnUsage }

export function contextUse(turns: readonly TurnLike[], model: string, draft: string): ContextUse {
  const limits = limitsFor(model);
  const done = turns.filter((t) => t.status === 'done');
  let tokens = 0;
  let lastMeasured = -1;
  for (let i = done.length - 1; i >= 0; i--) {
    const u = done[i]?.usage;
    if (u) { tokens = u.inputTokens + u.outputTokens; lastMeasured = i; break; }
  }
  for (const t of done.slice(lastMeasured + 1)) tokens += estimateMessageTokens(t.prompt) + estimateMessageTokens(t.answer);
  if (draft.trim()) tokens += estimateMessageTokens(draft);
  return { tokens, window: limits.context, assumed: limits === DEFAULT_LIMITS };
}

function short(n: number): string {
  return n < 1000 ? String(n) : `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
}

/** "context ≈ 12.3k of 131k tokens (9%)", with "assumed window" when the window is not known. */
export function formatContextUse(u: ContextUse): string {
  if (u.tokens === 0) return '';
  const pct = Math.min(999, Math.round((u.tokens / u.window) * 100));
  return `context ≈ ${short(u.tokens)} of ${short(u.window)} tokens (${pct}%${u.assumed ? ', assumed window' : ''})`;
}
