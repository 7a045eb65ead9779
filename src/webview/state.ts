// The webview's state and the one reducer that changes it. Pure (no DOM), so it is unit-tested in Node; main.ts
// feeds it host messages and UI events and repaints from the result.
import { parseAttachmentsView, type AttachmentsView } from '../common/attachments/composer';
import type { ReasoningEffort } from '../common/mantle/types';
import type { ChatPrefs, HostMessage, ModelOption, ThreadSummary } from '../common/protocol';
import type { Thread, Turn } from '../common/threads/model';
import { checkWindow, mergeWindow, prependPage, type HeldTurns, type ThreadFigures } from '../common/chat/threadWindow';

export interface UiState {
  threads: ThreadSummary[];
  /** The thread shown, with the turns the view holds: the host posts the last ones, older pages come on scroll-up. */
  thread?: Thread;
  /** Index in the whole thread of `thread.turns[0]`, and how many turns the whole thread has. */
  first: number;
  total: number;
  /** The whole thread's figures as the host computed them (absent: computed from `thread`, which is then whole). */
  figures?: ThreadFigures;
  models: ModelOption[];
  prefs: ChatPrefs;
  /** Per-message reasoning open/closed chosen by the person; absent means "follow the global toggle". */
  expanded: Record<string, boolean>;
  draft: string;
  background: boolean;
  notice?: string;
  editing?: { turnId: string; text: string };
  showThreads: boolean;
  /** Set once the first `state` arrived from the host. */
  connected: boolean;
  /** The composer's attachment chips, estimate and window (host: attachments/composer.ts). */
  attachments?: AttachmentsView;
}

/** What survives the webview being hidden or reloaded (vscode.setState); the host owns everything else. */
export interface PersistedUi {
  draft: string;
  expanded: Record<string, boolean>;
  background: boolean;
}

export type UiEvent =
  | { type: 'draft'; text: string }
  | { type: 'toggleTurnReasoning'; turnId: string }
  | { type: 'background'; on: boolean }
  | { type: 'startEdit'; turnId: string }
  | { type: 'editText'; text: string }
  | { type: 'cancelEdit' }
  | { type: 'dismissNotice' }
  | { type: 'showNotice'; text: string }
  | { type: 'toggleThreads' }
  | { type: 'sent' };

export type Action = HostMessage | UiEvent;

export function initialState(saved?: Partial<PersistedUi>): UiState {
  return {
    threads: [],
    models: [],
    prefs: { showReasoning: true, effort: 'medium' as ReasoningEffort, store: true },
    expanded: isRecord(saved?.expanded) ? saved.expanded : {},
    draft: typeof saved?.draft === 'string' ? saved.draft : '',
    background: saved?.background === true,
    showThreads: false,
    connected: false,
    first: 0,
    total: 0,
  };
}

function isRecord(x: unknown): x is Record<string, boolean> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && Object.values(x).every((v) => typeof v === 'boolean');
}

export function persisted(s: UiState): PersistedUi {
  return { draft: s.draft, expanded: s.expanded, background: s.background };
}

/** Only the streaming turn changes (the last one, in practice): the other turns are shared, not copied. */
function appendDelta(thread: Thread, turnId: string, text: string, reasoning: string): Thread {
  let i = thread.turns.length - 1;
  while (i >= 0 && thread.turns[i]?.id !== turnId) i--;
  const t = thread.turns[i];
  if (!t) return thread;
  const turns = thread.turns.slice();
  turns[i] = { ...t, answer: t.answer + text, reasoning: t.reasoning + reasoning };
  return { ...thread, turns };
}

function heldOf(s: UiState): HeldTurns | undefined {
  return s.thread && { threadId: s.thread.id, first: s.first, turns: s.thread.turns };
}

export function reduce(s: UiState, a: Action): UiState {
  switch (a.type) {
    case 'state': {
      // Flipping the global reasoning toggle resets the per-message choices, so the toggle visibly applies to all.
      const expanded = s.connected && a.prefs.showReasoning !== s.prefs.showReasoning ? {} : s.expanded;
      const sameThread = s.thread?.id === a.thread?.id;
      const w = checkWindow(a.window, a.thread?.turns.length ?? 0);
      const held = a.thread && mergeWindow(heldOf(s), { threadId: a.thread.id, first: w.first, turns: a.thread.turns });
      return {
        ...s, threads: a.threads, models: a.models, prefs: a.prefs, expanded, connected: true, editing: sameThread ? s.editing : undefined,
        thread: a.thread && held ? { ...a.thread, turns: [...held.turns] } : undefined,
        first: held?.first ?? 0, total: a.thread ? w.total : 0, figures: w.figures,
      };
    }
    case 'turns': {
      const mine = heldOf(s);
      const held = mine && prependPage(mine, { threadId: a.threadId, first: a.first, turns: a.turns });
      return s.thread && held ? { ...s, thread: { ...s.thread, turns: [...held.turns] }, first: held.first } : s;
    }
    case 'delta':
      if (!s.thread || s.thread.id !== a.threadId) return s;
      return { ...s, thread: appendDelta(s.thread, a.turnId, a.text, a.reasoning) };
    case 'compose': return { ...s, draft: a.text };
    case 'notice': return { ...s, notice: a.text };
    case 'showNotice': return { ...s, notice: a.text };
    case 'dismissNotice': return { ...s, notice: undefined };
    case 'draft': return { ...s, draft: a.text };
    case 'sent': return { ...s, draft: '', notice: undefined };
    case 'toggleTurnReasoning': {
      const turn = s.thread?.turns.find((t) => t.id === a.turnId);
      if (!turn) return s;
      return { ...s, expanded: { ...s.expanded, [a.turnId]: !reasoningOpen(s, turn) } };
    }
    case 'background': return { ...s, background: a.on };
    case 'startEdit': {
      const turn = s.thread?.turns.find((t) => t.id === a.turnId);
      return turn ? { ...s, editing: { turnId: turn.id, text: turn.prompt } } : s;
    }
    case 'editText': return s.editing ? { ...s, editing: { ...s.editing, text: a.text } } : s;
    case 'cancelEdit': return { ...s, editing: undefined };
    case 'toggleThreads': return { ...s, showThreads: !s.showThreads };
    case 'attachments': return { ...s, attachments: parseAttachmentsView(a.view) };
  }
}

/** Whether a turn's reasoning block is open: the person's choice for that message, else the global toggle. */
export function reasoningOpen(s: UiState, turn: Turn): boolean {
  return s.expanded[turn.id] ?? s.prefs.showReasoning;
}

export function isRunning(s: UiState): boolean {
  return s.thread?.turns.some((t) => t.status === 'streaming') ?? false;
}

export function currentModel(s: UiState): ModelOption | undefined {
  return s.thread ? s.models.find((m) => m.id === s.thread?.model) : undefined;
}
