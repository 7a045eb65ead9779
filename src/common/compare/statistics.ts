// Figures for one model over its repeated runs. The first call is reported on its own because it is often slower
// (the seed lab saw 4.26 s for a first GPT-OSS 120B call against a 2.46 s average): with more than one run, latency
// and time to first token are the medians of the later (warm) runs; with one run they are that run's figures.
import type { TurnUsage } from '../mantle/types';

export interface RunSample {
  /** The run completed (stopped and failed runs carry no figures). */
  ok: boolean;
  ttftMs?: number;
  totalMs?: number;
  usage?: TurnUsage;
  /** Reasoning text arrived, even if the server did not count reasoning tokens (some Chat Completions models). */
  hasReasoning?: boolean;
}

export interface ModelStats {
  /** Completed runs. */
  completed: number;
  /** The first run, when it completed. */
  cold?: { ttftMs?: number; totalMs?: number };
  /** Completed runs after the first. */
  warmRuns: number;
  /** Median of the warm runs; the single run's figure when only one run was asked for or completed. */
  ttftMs?: number;
  totalMs?: number;
  /** Medians over all completed runs that reported usage (rounded to whole tokens). */
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  /** Median of output tokens ÷ generation time (total − time to first token) over all completed runs. */
  tokensPerSecond?: number;
  /** Any completed run reasoned (tokens counted or text received). */
  reasoned: boolean;
}

/** The median of the finite values, or undefined when there are none. */
export function median(values: readonly (number | undefined)[]): number | undefined {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1]! + xs[mid]!) / 2;
}

/**
 * Output tokens per second while the answer was being generated: output tokens (reasoning included, as the server
 * counts them) over the time from the first token to the end. Without a first-token time the whole request counts.
 */
export function outputTokensPerSecond(s: RunSample): number | undefined {
  if (!s.ok || !s.usage || s.totalMs === undefined) return undefined;
  const ms = s.totalMs - (s.ttftMs ?? 0);
  if (ms <= 0 || s.usage.outputTokens <= 0) return undefined;
  return s.usage.outputTokens / (ms / 1000);
}

const roundMedian = (xs: (number | undefined)[]) => {
  const m = median(xs);
  return m === undefined ? undefined : Math.round(m);
};

/** `samples` are one model's runs in order (index 0 is the first call). */
export function modelStats(samples: readonly RunSample[]): ModelStats {
  const ok = samples.filter((s) => s.ok);
  const first = samples[0];
  const cold = first?.ok ? { ttftMs: first.ttftMs, totalMs: first.totalMs } : undefined;
  const warm = samples.slice(1).filter((s) => s.ok);
  const timed = warm.length > 0 ? warm : ok;
  const usage = ok.filter((s) => s.usage);
  return {
    completed: ok.length,
    ...(cold ? { cold } : {}),
    warmRuns: warm.length,
    ttftMs: median(timed.map((s) => s.ttftMs)),
    totalMs: median(timed.map((s) => s.totalMs)),
    inputTokens: roundMedian(usage.map((s) => s.usage?.inputTokens)),
    outputTokens: roundMedian(usage.map((s) => s.usage?.outputTokens)),
    reasoningTokens: roundMedian(usage.map((s) => s.usage?.reasoningTokens)),
    tokensPerSecond: median(ok.map(outputTokensPerSecond)),
    reasoned: ok.some((s) => s.hasReasoning === true || (s.usage?.reasoningTokens ?? 0) > 0),
  };
}
