// The one contract between the extension host and the chat webview. Both bundles import this file, so the two sides
// cannot drift. Each direction is a discriminated union on `type`; the host runs parseWebviewMessage() on everything
// a webview posts (the webview renders untrusted model output, so its messages are untrusted too) and the webview
// runs parseHostMessage() on what it receives. Neither throws: a malformed message yields a reason to log.
import type { ApiKind, ReasoningEffort } from './mantle/types';
import { isReasoningEffort } from './models/reasoningEfforts';
import type { Thread, Turn } from './threads/model';
import type { PricingContext } from './account/pricing';
import type { AttachmentsView } from './attachments/composer';
import type { WindowInfo } from './chat/threadWindow';
import { checkMessage, MAX_MESSAGE_STRING, type MessageSpec, type Parsed } from './messageCheck';

export { MAX_MESSAGE_STRING, type Parsed };

export interface ModelOption {
  id: string;
  api: ApiKind;
  /** The model is known to send reasoning text. */
  reasoning?: boolean;
  /** The reasoning efforts it accepts (reasoningEfforts.ts); absent: low, medium, high. */
  efforts?: ReasoningEffort[];
  /** The catalogue says it reads images (attachments/vision.ts). */
  vision?: boolean;
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
  /** The Region and price overrides each turn's cost is computed with (common/account/pricing.ts); absent: tokens only. */
  pricing?: PricingContext;
  /** bedrockMantle.chat.tools.enabled: the chat has workspace tools (each thread can still turn them off). */
  tools?: boolean;
}

// ── host → webview ─────────────────────────────────────────────────────────────────────────────────────────────────
export type HostMessage =
  /** Everything the view shows, sent after `ready` and whenever threads change (not per token). */
  /**
   * Everything the view shows, sent after `ready` and whenever threads change (not per token). `thread` holds the
   * thread's last turns only and `window` says where they start, how many turns there are and the whole thread's
   * figures (chat/threadWindow.ts); without `window`, `thread` is whole.
   */
  | { type: 'state'; threads: ThreadSummary[]; thread?: Thread; models: ModelOption[]; prefs: ChatPrefs; window?: WindowInfo }
  /** Streamed text appended to a running turn; batched by the host (tens of ms), never one message per token. */
  | { type: 'delta'; threadId: string; turnId: string; text: string; reasoning: string }
  /** Put text into the composer (openChat with a prompt but without send). */
  | { type: 'compose'; text: string }
  /** A short message for the person, e.g. the host refused an input. */
  | { type: 'notice'; text: string }
  /** The composer's attachment chips, token estimate and the model's context window (attachments/composer.ts). */
  | { type: 'attachments'; view: AttachmentsView }
  /** Older turns of a thread, answering `loadTurns`: they start at index `first` of the whole thread. */
  | { type: 'turns'; threadId: string; first: number; turns: Turn[] };

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
  | { type: 'exportThread'; threadId: string }
  /** The per-thread switch for the workspace tools. */
  | { type: 'setThreadTools'; threadId: string; on: boolean }

  /** Attach context of one kind (file, folder, selection, problems, openEditors): the host runs its picker. */
  | { type: 'attach'; kind: string }
  /** A pasted, dropped or picked image, downscaled by the webview; base64 without the data: prefix. */
  | { type: 'attachImage'; name: string; mediaType: string; data: string; width: number; height: number }
  | { type: 'removeAttachment'; id: string }
  /** Switch the workspace instruction file (AGENTS.md …) on or off for the next turns. */
  | { type: 'setInstructions'; on: boolean }
  /** The reader scrolled up to the oldest turn the view holds: send the page before index `before`. */
  | { type: 'loadTurns'; threadId: string; before: number };

type FieldKind = 'string' | 'boolean' | 'effort' | 'number' | 'object' | 'array' | 'object?' | 'index';
type Spec<M extends { type: string }> = MessageSpec<M, FieldKind>;

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
  setThreadTools: { threadId: 'string', on: 'boolean' },
  attach: { kind: 'string' },
  attachImage: { name: 'string', mediaType: 'string', data: 'string', width: 'number', height: 'number' },
  removeAttachment: { id: 'string' },
  setInstructions: { on: 'boolean' },
  loadTurns: { threadId: 'string', before: 'index' },
};

const HOST_SPEC: Spec<HostMessage> = {
  state: { threads: 'array', thread: 'object?', models: 'array', prefs: 'object', window: 'object?' },
  delta: { threadId: 'string', turnId: 'string', text: 'string', reasoning: 'string' },
  compose: { text: 'string' },
  notice: { text: 'string' },
  attachments: { view: 'object' },
  turns: { threadId: 'string', first: 'index', turns: 'array' },
};

const isPlainObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

function validField(kind: FieldKind, v: unknown): boolean {
  switch (kind) {
    case 'string': return typeof v === 'string' && v.length <= MAX_MESSAGE_STRING;
    case 'boolean': return typeof v === 'boolean';
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'effort': return isReasoningEffort(v);
    case 'array': return Array.isArray(v);
    case 'object': return isPlainObject(v);
    case 'object?': return v === undefined || isPlainObject(v);
    // A position in a thread: a whole number from 0 up (no thread comes near the bound).
    case 'index': return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 10_000_000;
  }
}

/** Validates a message posted by the webview. Never throws. */
export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  return checkMessage(WEBVIEW_SPEC, raw, validField);
}

/** Validates a message posted by the host (the webview's own guard). Never throws. */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  return checkMessage(HOST_SPEC, raw, validField);
}
