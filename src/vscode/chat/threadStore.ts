// Where chat threads live between sessions: one file per thread under the extension's global storage
// (node/threadFiles.ts), so a conversation is the person's, not the folder's, and is there in every window. A save
// rewrites only its own thread's file (atomically, merged with what another window wrote), never one big value.
// Which thread a window shows is per window, so the active id goes to workspaceState. Nothing secret is stored:
// prompts, answers and response ids only.
// Releases before this one kept each thread under its own globalState key: those move to files at start (each key is
// removed only after its file is written and reads back the same; see common/threads/threadFiles.ts planMigration).
import type * as vscode from 'vscode';
import type { Thread } from '../../common/threads/model';
import { planMigration } from '../../common/threads/threadFiles';
import type { ThreadFiles } from '../../node/threadFiles';

const ACTIVE_KEY = 'bedrockMantle.chat.activeThread';

export class ThreadStore {
  constructor(
    private readonly files: ThreadFiles,
    private readonly global: vscode.Memento,
    private readonly workspace: vscode.Memento,
    private readonly warn: (msg: string) => void,
  ) {}

  loadAll(): Thread[] {
    const waiting = this.migrate();
    const { threads, deleted } = this.files.loadAll();
    const byId = new Map(threads.map((t) => [t.id, t]));
    // A thread another window was saving during the move stays in globalState until the next start; show it now.
    for (const t of waiting) if (!byId.has(t.id) && !deleted.has(t.id)) byId.set(t.id, t);
    return [...byId.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** True when any window deleted this thread (it stays deleted). */
  isDeleted(threadId: string): boolean {
    return this.files.isDeleted(threadId);
  }

  /** Saves the thread merged with the stored copy; returns what was stored (undefined when the thread was deleted). */
  save(thread: Thread): Promise<Thread | undefined> {
    return this.files.save(thread);
  }

  delete(threadId: string): Promise<void> {
    return this.files.delete(threadId, Date.now());
  }

  activeThreadId(): string | undefined {
    return this.workspace.get<string>(ACTIVE_KEY);
  }

  async setActiveThreadId(id: string | undefined): Promise<void> {
    await this.workspace.update(ACTIVE_KEY, id);
  }

  /** Moves threads out of globalState; returns those that could not move yet (another window held their lock). */
  private migrate(): Thread[] {
    const waiting: Thread[] = [];
    for (const step of planMigration(this.global.keys(), (k) => this.global.get<unknown>(k))) {
      if (step.kind === 'unreadable') {
        this.warn(`A chat thread in the old storage could not be read (${step.key}); it was left there untouched.`);
        continue;
      }
      try {
        const result = this.files.saveNowOrSkip(step);
        if (result === 'busy') { if (step.kind === 'thread') waiting.push(step.thread); continue; }
        void Promise.resolve(this.global.update(step.key, undefined)).catch((err: unknown) => this.warn(`Could not remove ${step.key} from the old storage (${String(err)}); it moves again at the next start.`));
      } catch (err) {
        if (step.kind === 'thread') waiting.push(step.thread);
        this.warn(`Could not move ${step.key} to its file (${err instanceof Error ? err.message : String(err)}); it stays in the old storage.`);
      }
    }
    return waiting;
  }
}
