// One comparison as plain data: a column per model, a record per run. The host folds the runner's hooks into it
// and posts it to the webview; the webview applies the streamed deltas with the same applyDelta, so both agree.
import type { PricingContext } from '../account/pricing';
import type { ApiKind, TurnUsage } from '../mantle/types';
import type { TurnError } from '../mantle/errors';
import type { RunOutcome } from './fanOut';
import { modelStats, type ModelStats, type RunSample } from './statistics';

export type RunStatus = 'pending' | 'streaming' | 'done' | 'stopped' | 'error';

export interface CompareRun {
  status: RunStatus;
  api?: ApiKind;
  text: string;
  reasoning: string;
  /** Responses id (resp_…) or chat completion id. */
  responseId?: string;
  /** The response is kept on the server (a stored Responses answer can be chained from the chat). */
  stored?: boolean;
  ttftMs?: number;
  totalMs?: number;
  usage?: TurnUsage;
  error?: TurnError;
  /** The model refused /v1/responses and this run went through Chat Completions. */
  fellBack?: boolean;
}

export interface CompareColumn {
  model: string;
  /** Readable name ("GPT OSS 120B"). */
  name: string;
  runs: CompareRun[];
}

export interface CompareSnapshot {
  id: string;
  prompt: string;
  /** Runs asked of each model. */
  runs: number;
  running: boolean;
  /** bedrockMantle.chat.showReasoning: reasoning blocks start open. */
  showReasoning: boolean;
  columns: CompareColumn[];
  /** The Region and price overrides the host prices each run with (common/account/pricing.ts); absent: tokens only. */
  pricing?: PricingContext;
}

const pending = (): CompareRun => ({ status: 'pending', text: '', reasoning: '' });

export function createSnapshot(
  init: { id: string; prompt: string; runs: number; showReasoning: boolean; models: { id: string; name: string }[] },
): CompareSnapshot {
  return {
    id: init.id,
    prompt: init.prompt,
    runs: init.runs,
    running: true,
    showReasoning: init.showReasoning,
    columns: init.models.map((m) => ({ model: m.id, name: m.name, runs: Array.from({ length: init.runs }, pending) })),
  };
}

function patchRun(s: CompareSnapshot, column: number, run: number, patch: (r: CompareRun) => CompareRun): CompareSnapshot {
  const col = s.columns[column];
  const current = col?.runs[run];
  if (!col || !current) return s;
  const runs = col.runs.slice();
  runs[run] = patch(current);
  const columns = s.columns.slice();
  columns[column] = { ...col, runs };
  return { ...s, columns };
}

/** A request went out (again, after a fallback): the run starts over empty. */
export function runStarted(s: CompareSnapshot, column: number, run: number, api: ApiKind): CompareSnapshot {
  return patchRun(s, column, run, () => ({ ...pending(), status: 'streaming', api }));
}

export function applyDelta(s: CompareSnapshot, column: number, run: number, text: string, reasoning: string): CompareSnapshot {
  return patchRun(s, column, run, (r) => ({ ...r, text: r.text + text, reasoning: r.reasoning + reasoning }));
}

/** Time to first token as the host saw it, shown live until the client's own figure arrives with the result. */
export function firstToken(s: CompareSnapshot, column: number, run: number, ttftMs: number): CompareSnapshot {
  return patchRun(s, column, run, (r) => (r.ttftMs === undefined ? { ...r, ttftMs } : r));
}

export function runEnded(s: CompareSnapshot, column: number, run: number, outcome: RunOutcome, store: boolean): CompareSnapshot {
  return patchRun(s, column, run, (r) => {
    if (!outcome.ok) return { ...r, status: outcome.cancelled ? 'stopped' : 'error', ...(outcome.error ? { error: outcome.error } : {}) };
    const res = outcome.result;
    return {
      ...r,
      status: 'done',
      api: res.api,
      // The result's text is authoritative; the streamed copy stands in when a server sends only deltas.
      text: res.text || r.text,
      reasoning: res.reasoning || r.reasoning,
      ...(res.id ? { responseId: res.id } : {}),
      stored: res.api === 'responses' && store,
      ...(res.timeToFirstTokenMs !== undefined ? { ttftMs: res.timeToFirstTokenMs } : {}),
      totalMs: res.totalMs,
      ...(res.usage ? { usage: res.usage } : {}),
      ...(outcome.fellBack ? { fellBack: true } : {}),
    };
  });
}

/** Runs still pending when the comparison ends (stopped before they began, or after a failure) are marked so. */
export function finish(s: CompareSnapshot): CompareSnapshot {
  return {
    ...s,
    running: false,
    columns: s.columns.map((c) => ({ ...c, runs: c.runs.map((r) => (r.status === 'pending' || r.status === 'streaming' ? { ...r, status: 'stopped' as const } : r)) })),
  };
}

/** The run a column shows: the latest one that started (or the first, before anything started). */
export function shownRun(c: CompareColumn): { run: CompareRun; index: number } {
  let index = 0;
  c.runs.forEach((r, i) => { if (r.status !== 'pending') index = i; });
  return { run: c.runs[index] ?? pending(), index };
}

/** The latest completed run: what "Continue in Chat" carries into a thread. */
export function lastCompletedRun(c: CompareColumn): CompareRun | undefined {
  for (let i = c.runs.length - 1; i >= 0; i--) if (c.runs[i]?.status === 'done') return c.runs[i];
  return undefined;
}

export function columnStats(c: CompareColumn): ModelStats {
  const samples: RunSample[] = c.runs.map((r) => ({
    ok: r.status === 'done',
    ttftMs: r.ttftMs,
    totalMs: r.totalMs,
    usage: r.usage,
    hasReasoning: r.reasoning.length > 0,
  }));
  return modelStats(samples);
}
