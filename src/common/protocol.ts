// The one contract between the extension host and the chat webview. Both bundles import this file, so the two sides
// cannot drift. Each direction is a discriminated union on `type`; the host runs parseWebviewMessage() on everything
// a webview posts (the webview renders untrusted model output, so its messages are untrusted too) and the webview
// runs parseHostMessage() on what it receives. Neither throws: a malformed message yields a reason to log.
import type { ApiKind, ReasoningEffort } from './mantle/types';
import type { Thread } from './threads/model';

export interface ModelOption {
  id: string;
  api: ApiKind;
  /** The model is known to send reasoning text. */
  reasoning?: boolean;
}

export interface ThreadSummary {
  id: string;
  title: string;
  model: string;
  updatedAt: number;
  turns: number;
  running: boolean;
}

export interface ChatPrefs {
  showReasoning: boolean;
  effort: ReasoningEffort;
  /** bedrockMantle.chat.store, shown so the person knows whether turns chain server-side. */
  store: boolean;
}

// ── host → webview ─────────────────────────────────────────────────────────────────────────────────────────────────
export type HostMessage =
  /** Everything the view shows, sent after `ready` and whenever threads change (not per token). */
  | { type: 'state'; threads: ThreadSummary[]; thread?: Thread; models: ModelOption[]; prefs: ChatPrefs }
  /** Streamed text appended to a running turn; batched by the host (tens of ms), never one message per token. */
  | { type: 'delta'; threadId: string; turnId: string; text: string; reasoning: string }
  /** Put text into the composer (openChat with a prompt but without send). */
  | { type: 'compose'; text: string }
  /** A short message for the person, e.g. the host refused an input. */
  | { type: 'notice'; text: string };

// ── webview → host ─────────────────────────────────────────────────────────────────────────────────────────────────
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; threadId: string; text: string; background: boolean }
  | { type: 'stop'; threadId: string }
  | { type: 'newThread' }
  | { type: 'switchThread'; threadId: string }
  | { type: 'renameThread'; threadId: string }
  | { type: 'deleteThread'; threadId: string }
  | { type: 'setModel'; threadId: string; model: string }
  | { type: 'setEffort'; effort: ReasoningEffort }
  | { type: 'setShowReasoning'; show: boolean }
  | { type: 'editResend'; threadId: string; turnId: string; text: string }
  | { type: 'copy'; text: string }
  | { type: 'insertCode'; code: string }
  | { type: 'openCode'; code: string; language: string }
  | { type: 'openLink'; href: string }
  | { type: 'runAction'; action: string; threadId: string; turnId: string }
  | { type: 'cancelBackground'; threadId: string; turnId: string }
  | { type: 'exportThread'; threadId: string };

type FieldKind = 'string' | 'boolean' | 'effort' | 'number' | 'object' | 'array' | 'object?';
type Spec<M extends { type: string }> = { [K in M['type']]: Record<string, FieldKind> };

/** Upper bound for any string a webview may post: far above a real prompt, low enough to refuse a flood. */
export const MAX_MESSAGE_STRING = 2_000_000;

const WEBVIEW_SPEC: Spec<WebviewMessage> = {
  ready: {},
  send: { threadId: 'string', text: 'string', background: 'boolean' },
  stop: { threadId: 'string' },
  newThread: {},
  switchThread: { threadId: 'string' },
  renameThread: { threadId: 'string' },
  deleteThread: { threadId: 'string' },
  setModel: { threadId: 'string', model: 'string' },
  setEffort: { effort: 'effort' },
  setShowReasoning: { show: 'boolean' },
  editResend: { threadId: 'string', turnId: 'string', text: 'string' },
  copy: { text: 'string' },
  insertCode: { code: 'string' },
  openCode: { code: 'string', language: 'string' },
  openLink: { href: 'string' },
  runAction: { action: 'string', threadId: 'string', turnId: 'string' },
  cancelBackground: { threadId: 'string', turnId: 'string' },
  exportThread: { threadId: 'string' },
};

const HOST_SPEC: Spec<HostMessage> = {
  state: { threads: 'array', thread: 'object?', models: 'array', prefs: 'object' },
  delta: { threadId: 'string', turnId: 'string', text: 'string', reasoning: 'string' },
  compose: { text: 'string' },
  notice: { text: 'string' },
};

export type Parsed<M> = { ok: true; message: M } | { ok: false; reason: string };

function check<M extends { type: string }>(spec: Spec<M>, raw: unknown): Parsed<M> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const msg = raw as Record<string, unknown>;
  const type = msg.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(spec, type)) {
    // String(type) could throw (an object whose toString is not a function survives postMessage): name its kind instead.
    return { ok: false, reason: typeof type === 'string' ? `unknown type ${JSON.stringify(type.slice(0, 60))}` : `type is ${type === null ? 'null' : typeof type}` };
  }
  const fields = spec[type as M['type']];
  const clean: Record<string, unknown> = { type };
  for (const [name, kind] of Object.entries(fields)) {
    const v = msg[name];
    const bad = (): Parsed<M> => ({ ok: false, reason: `${type}.${name} is not a valid ${kind}` });
    switch (kind) {
      case 'string': if (typeof v !== 'string' || v.length > MAX_MESSAGE_STRING) return bad(); break;
      case 'boolean': if (typeof v !== 'boolean') return bad(); break;
      case 'number': if (typeof v !== 'number' || !Number.isFinite(v)) return bad(); break;
      case 'effort': if (v !== 'low' && v !== 'medium' && v !== 'high') return bad(); break;
      case 'array': if (!Array.isArray(v)) return bad(); break;
      case 'object': if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(); break;
      case 'object?': if (v !== undefined && (typeof v !== 'object' || v === null || Array.isArray(v))) return bad(); break;
    }
    if (v !== undefined) clean[name] = v;
  }
  // Only the declared fields are kept, so nothing unexpected rides along into the handlers.
  return { ok: true, message: clean as M };
}

/** Validates a message posted by the webview. Never throws. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return check(WEBVIEW_SPEC, raw);
}

/** Validates a message posted by the host (the webview's own guard). Never throws. */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return check(HOST_SPEC, raw);
}
