// The contract between the extension host and the compare webview, in the same shape as the chat's protocol.ts:
// a discriminated union each way, and validators that both sides run on what they receive (the webview renders
// untrusted model output, so what it posts is untrusted too). Neither validator throws.
import { MAX_COMPARE_MODELS, MAX_COMPARE_RUNS } from './compare/fanOut';
import type { CompareSnapshot } from './compare/session';
import { checkMessage, MAX_MESSAGE_STRING, type MessageSpec, type Parsed } from './messageCheck';

export type { Parsed };

// ── host → webview ─────────────────────────────────────────────────────────────────────────────────────────────────
export type CompareHostMessage =
  /** The whole comparison, sent after `ready` and whenever a run starts, gets its first token or ends (not per token). */
  | { type: 'state'; snapshot: CompareSnapshot }
  /** Streamed text appended to one run of one column; batched by the host. */
  | { type: 'delta'; column: number; run: number; text: string; reasoning: string }
  | { type: 'notice'; text: string };

// ── webview → host ─────────────────────────────────────────────────────────────────────────────────────────────────
export type CompareWebviewMessage =
  | { type: 'ready' }
  | { type: 'stop' }
  /** Run the same prompt against the same models again, `runs` times each. */
  | { type: 'rerun'; runs: number }
  | { type: 'continueInChat'; column: number }
  | { type: 'copyAnswer'; column: number }
  | { type: 'copyTable' }
  | { type: 'setShowReasoning'; show: boolean }
  | { type: 'openLink'; href: string }
  /** A button next to a column's error (Set API Key, Show Logs, …): the host maps it to a command, or ignores it. */
  | { type: 'runAction'; action: string };

type FieldKind = 'string' | 'boolean' | 'column' | 'run' | 'runs' | 'snapshot';
type Spec<M extends { type: string }> = MessageSpec<M, FieldKind>;

const WEBVIEW_SPEC: Spec<CompareWebviewMessage> = {
  ready: {},
  stop: {},
  rerun: { runs: 'runs' },
  continueInChat: { column: 'column' },
  copyAnswer: { column: 'column' },
  copyTable: {},
  setShowReasoning: { show: 'boolean' },
  openLink: { href: 'string' },
  runAction: { action: 'string' },
};

const HOST_SPEC: Spec<CompareHostMessage> = {
  state: { snapshot: 'snapshot' },
  delta: { column: 'column', run: 'run', text: 'string', reasoning: 'string' },
  notice: { text: 'string' },
};

const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Enough of a snapshot's shape for the webview to draw it without tripping over a missing array. */
function isSnapshot(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<CompareSnapshot>;
  return typeof s.id === 'string' && typeof s.prompt === 'string' && isInt(s.runs, 1, MAX_COMPARE_RUNS) && typeof s.running === 'boolean'
    && Array.isArray(s.columns) && s.columns.length <= MAX_COMPARE_MODELS
    && s.columns.every((c) => typeof c?.model === 'string' && typeof c.name === 'string' && Array.isArray(c.runs)
      && c.runs.every((r) => typeof r?.status === 'string' && typeof r.text === 'string' && typeof r.reasoning === 'string'));
}

function validField(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case 'string': return typeof v === 'string' && v.length <= MAX_MESSAGE_STRING;
    case 'boolean': return typeof v === 'boolean';
    case 'column': return isInt(v, 0, MAX_COMPARE_MODELS - 1);
    case 'run': return isInt(v, 0, MAX_COMPARE_RUNS - 1);
    case 'runs': return isInt(v, 1, MAX_COMPARE_RUNS);
    case 'snapshot': return isSnapshot(v);
  }
}

export function parseCompareWebviewMessage(raw: unknown): Parsed<CompareWebviewMessage> {
  return checkMessage(WEBVIEW_SPEC, raw, validField);
}

export function parseCompareHostMessage(raw: unknown): Parsed<CompareHostMessage> {
  return checkMessage(HOST_SPEC, raw, validField);
}
