// Fakes and a builder for the chat core (src/common/chat/chatCore.ts) in plain Node: threads kept in memory (or
// serialized the way the editor stores them), a surface that records what the core asks the editor for, and a view
// behind the same `ready` gate the webview host puts every page behind, so a test's view gets what a real one gets.
import { ChatCore, type ChatCoreDeps, type ChatSurface, type ThreadRepository } from '../../src/common/chat/chatCore';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../src/common/protocol';
import { ReadyGate } from '../../src/common/readyGate';
import type { Thread } from '../../src/common/threads/model';
import { parseStoredThread, serializeThread } from '../../src/common/threads/serialize';
import { quietLog } from './log';

export type StateMessage = Extract<HostMessage, { type: 'state' }>;

/** Threads in a Map; `saves` counts every save in order (copies, so later changes do not rewrite history). */
export class MemoryThreads implements ThreadRepository {
  readonly saved = new Map<string, Thread>();
  readonly saves: Thread[] = [];
  active: string | undefined;
  constructor(threads: Thread[] = [], active?: string) { for (const t of threads) this.saved.set(t.id, t); this.active = active; }
  loadAll(): Thread[] { return [...this.saved.values()]; }
  async save(t: Thread): Promise<void> { this.saved.set(t.id, t); this.saves.push(JSON.parse(JSON.stringify(t)) as Thread); }
  async delete(id: string): Promise<void> { this.saved.delete(id); }
  activeThreadId(): string | undefined { return this.active; }
  async setActiveThreadId(id: string | undefined): Promise<void> { this.active = id; }
}

/** Stores threads the way the editor does: serialized, read back through the tolerant reader. */
export class SerializingThreads implements ThreadRepository {
  readonly raw = new Map<string, unknown>();
  loadAll(): Thread[] { return [...this.raw.values()].map(parseStoredThread).filter((t): t is Thread => !!t); }
  async save(t: Thread): Promise<void> { this.raw.set(t.id, JSON.parse(JSON.stringify(serializeThread(t)))); }
  async delete(id: string): Promise<void> { this.raw.delete(id); }
  activeThreadId(): string | undefined { return undefined; }
  async setActiveThreadId(): Promise<void> { /* one thread at a time here */ }
  stored(id: string): Thread | undefined { return parseStoredThread(this.raw.get(id)); }
}

/**
 * Records what the core asks the editor for; `title` and `confirm` answer the dialogs. Posts go to `posts` as they
 * are made (every view at once); `view()` gives a view that sees them only once it has said `ready`.
 */
export class RecordingSurface implements ChatSurface {
  readonly posts: HostMessage[] = [];
  readonly actions: string[] = [];
  hasViews = true;
  title: string | undefined = 'Renamed';
  confirm = true;
  private readonly views = new Set<ReadyGate<HostMessage, WebviewMessage>>();
  post(message: HostMessage): void { this.posts.push(message); for (const v of this.views) v.post(message); }
  async askTitle(): Promise<string | undefined> { this.actions.push('askTitle'); return this.title; }
  async confirmDelete(): Promise<boolean> { this.actions.push('confirmDelete'); return this.confirm; }
  async copy(text: string): Promise<void> { this.actions.push(`copy ${text}`); }
  async insertCode(): Promise<void> { this.actions.push('insertCode'); }
  async openCode(): Promise<void> { this.actions.push('openCode'); }
  async openLink(href: string): Promise<void> { this.actions.push(`openLink ${href}`); }
  async runErrorAction(action: string): Promise<boolean> { this.actions.push(`runErrorAction ${action}`); return action === 'showLogs'; }
  async exportThread(thread: Thread | undefined): Promise<void> { this.actions.push(`export ${thread?.id ?? '-'}`); }
  states(): StateMessage[] { return this.posts.filter((p): p is StateMessage => p.type === 'state'); }

  /** A view of `core` as connectWebview (src/vscode/webviewHost.ts) builds one: `seen` is what its page received. */
  view(core: ChatCore): RecordedView {
    const seen: HostMessage[] = [];
    const gate = new ReadyGate<HostMessage, WebviewMessage>({
      feature: 'Chat', parse: parseWebviewMessage, handle: (m) => core.handle(m), snapshot: () => core.snapshot(),
      replacedBySnapshot: ['state', 'delta', 'attachments'], send: (m) => seen.push(m), log: quietLog(),
    });
    this.views.add(gate);
    return { seen, receive: (raw) => gate.receive(raw), ready: () => gate.receive({ type: 'ready' }), hide: () => gate.lost() };
  }
}

export interface RecordedView {
  readonly seen: HostMessage[];
  receive(raw: unknown): Promise<void>;
  /** The page (re)loaded and said `ready`. */
  ready(): Promise<void>;
  /** The page was hidden (its content destroyed). */
  hide(): void;
}

/** The deps every chat-core test needs, with ids `id1`, `id2`… and a clock that moves with them; override any. */
export function chatDeps(over: Partial<ChatCoreDeps> & Pick<ChatCoreDeps, 'mantle'>, model = 'openai.gpt-oss-120b'): ChatCoreDeps {
  let seq = 0;
  return {
    store: new MemoryThreads(),
    surface: new RecordingSurface(),
    prefs: { store: true, showReasoning: true, defaultModel: model, effort: 'low', setShowReasoning: async () => undefined, setEffort: async () => undefined },
    models: { list: async () => [], apiFor: () => 'responses' },
    log: quietLog(),
    newId: () => `id${++seq}`,
    now: () => 1_000 + seq,
    ...over,
  };
}
