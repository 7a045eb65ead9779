// Where chat threads live between sessions.
// Threads go to globalState: a conversation is the person's, not the folder's, so it is there in every window (and
// in an empty window, whose workspaceState does not reliably survive). Each thread has its own key, so two windows
// working on different threads never overwrite each other's. Which thread a window shows is per window, so the
// active id goes to workspaceState. Nothing secret is stored: prompts, answers and response ids only.
// Several windows share globalState: a save merges with what another window stored (common/threads/merge.ts), and a
// delete leaves a tombstone so a window that still has the thread open cannot bring it back by saving it.
import type * as vscode from 'vscode';
import { mergeThread } from '../../common/threads/merge';
import type { Thread } from '../../common/threads/model';
import { parseStoredThread, serializeThread } from '../../common/threads/serialize';

const THREAD_KEY_PREFIX = 'bedrockMantle.chat.thread.';
const ACTIVE_KEY = 'bedrockMantle.chat.activeThread';
const DELETED_KEY_PREFIX = 'bedrockMantle.chat.deleted.';

export class ThreadStore {
  constructor(
    private readonly global: vscode.Memento,
    private readonly workspace: vscode.Memento,
    private readonly warn: (msg: string) => void,
  ) {}

  loadAll(): Thread[] {
    const threads: Thread[] = [];
    for (const key of this.global.keys()) {
      if (!key.startsWith(THREAD_KEY_PREFIX) || this.isDeleted(key.slice(THREAD_KEY_PREFIX.length))) continue;
      const thread = parseStoredThread(this.global.get<unknown>(key));
      if (thread) threads.push(thread);
      else this.warn(`Ignoring a stored chat thread that could not be read (${key}).`);
    }
    return threads.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** True when any window deleted this thread (it stays deleted). */
  isDeleted(threadId: string): boolean {
    return this.global.get<number>(DELETED_KEY_PREFIX + threadId) !== undefined;
  }

  /** Saves the thread merged with the stored copy; returns what was stored (undefined when the thread was deleted). */
  async save(thread: Thread): Promise<Thread | undefined> {
    if (this.isDeleted(thread.id)) return undefined;
    const key = THREAD_KEY_PREFIX + thread.id;
    const merged = mergeThread(parseStoredThread(this.global.get<unknown>(key)), thread);
    await this.global.update(key, serializeThread(merged));
    return merged;
  }

  async delete(threadId: string): Promise<void> {
    await this.global.update(DELETED_KEY_PREFIX + threadId, Date.now());
    await this.global.update(THREAD_KEY_PREFIX + threadId, undefined);
  }

  activeThreadId(): string | undefined {
    return this.workspace.get<string>(ACTIVE_KEY);
  }

  async setActiveThreadId(id: string | undefined): Promise<void> {
    await this.workspace.update(ACTIVE_KEY, id);
  }
}
