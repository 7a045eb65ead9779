// Chat threads as files: one per thread in a folder under the extension's global storage. Each write goes to a temp
// file that is then renamed over the thread's file, so a crash mid-write leaves the previous version whole. Several
// windows write the same folder: a save takes the thread's lock file, reads what is there, merges this window's copy
// into it (common/threads/threadFiles.ts) and writes the result, so no window's turns are lost and a deleted thread
// (a tombstone file) stays deleted. What to write is decided in common/; this file only does the IO.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Thread } from '../common/threads/model';
import {
  classifyListing, CORRUPT_MARK, decideSave, LOCK_SUFFIX, parseThreadFile, TEMP_SUFFIX, THREAD_FILE_SUFFIX,
  threadFileName, threadText, tombstoneText, type ThreadFile,
} from '../common/threads/threadFiles';

/** A lock older than this belongs to a window that died mid-save (a save holds it for milliseconds). */
const LOCK_STALE_MS = 10_000;
/** How long a save waits for another window's save of the same thread before giving up with an error. */
const LOCK_WAIT_MS = 5_000;
/** A temp file this old was left by a crash mid-write; the thread's own file was never touched by it. */
const TEMP_STALE_MS = 60_000;

/** A thread or a deletion carried over from older storage (common/threads/threadFiles.ts planMigration). */
export type MovedThread = { kind: 'thread'; thread: Thread } | { kind: 'tombstone'; id: string; deletedAt: number };

export interface ThreadFilesLog {
  warn(message: string): void;
}

export class ThreadFiles {
  /** Saves of one thread in this window run one after another, in the order they were asked for. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string, private readonly log: ThreadFilesLog) {}

  /**
   * Every readable thread in the folder, newest first. A file that cannot be read is renamed aside
   * (`<name>.json.corrupt-<time>`, kept for the person to inspect) and reported once; the others still load.
   * Synchronous: the chat needs its threads when it starts, and reading small files is quick (see README).
   */
  loadAll(): { threads: Thread[]; deleted: Set<string> } {
    const threads: Thread[] = [];
    const deleted = new Set<string>();
    let names: string[];
    try { names = fs.readdirSync(this.dir); } catch (err) {
      if (code(err) !== 'ENOENT') this.log.warn(`Could not list the chat threads folder (${message(err)}).`);
      return { threads, deleted };
    }
    for (const entry of classifyListing(names)) {
      const file = path.join(this.dir, entry.name);
      if (entry.kind === 'temp') this.removeIfStale(file, TEMP_STALE_MS);
      if (entry.kind !== 'thread') continue;
      const read = this.readSync(file);
      if (read?.kind === 'thread') threads.push(read.thread);
      else if (read?.kind === 'tombstone') deleted.add(read.id);
      else if (read?.kind === 'corrupt') this.setAside(file, read.reason);
    }
    return { threads: threads.sort((a, b) => b.updatedAt - a.updatedAt), deleted };
  }

  /** True when some window deleted the thread. */
  isDeleted(id: string): boolean {
    return this.readSync(this.fileOf(id))?.kind === 'tombstone';
  }

  /** Stores the thread merged with the file's copy; undefined (nothing written) when the thread was deleted. */
  save(thread: Thread): Promise<Thread | undefined> {
    return this.serialized(thread.id, () => this.locked(thread.id, async (file) => {
      const current = await this.read(file);
      if (current?.kind === 'corrupt') this.setAside(file, current.reason);
      const merged = decideSave(current, thread);
      if (merged) await this.writeAtomic(file, threadText(merged));
      return merged;
    }));
  }

  /** Replaces the thread's file with a tombstone. */
  delete(id: string, deletedAt: number): Promise<void> {
    return this.serialized(id, () => this.locked(id, (file) => this.writeAtomic(file, tombstoneText(id, deletedAt))));
  }

  /**
   * The same save for the one-time move from older storage, synchronous because it runs while the chat loads. It
   * does not wait: when another window holds the lock it returns 'busy' and the caller tries again at the next start.
   */
  saveNowOrSkip(write: MovedThread): 'written' | 'deleted' | 'busy' {
    const id = write.kind === 'thread' ? write.thread.id : write.id;
    const file = this.fileOf(id);
    fs.mkdirSync(this.dir, { recursive: true });
    const lock = lockOf(file);
    if (!this.tryLockSync(lock)) return 'busy';
    const tmp = this.tempName(file);
    try {
      const current = this.readSync(file);
      if (current?.kind === 'corrupt') this.setAside(file, current.reason);
      let text: string;
      if (write.kind === 'tombstone') text = tombstoneText(id, write.deletedAt);
      else {
        const merged = decideSave(current, write.thread);
        if (!merged) return 'deleted';
        text = threadText(merged);
      }
      fs.writeFileSync(tmp, text);
      fs.renameSync(tmp, file);
      // Read back before the caller lets go of the old copy.
      if (fs.readFileSync(file, 'utf8') !== text) throw new Error('the written file reads back differently');
      return 'written';
    } finally {
      fs.rmSync(tmp, { force: true });
      fs.rmSync(lock, { force: true });
    }
  }

  fileOf(id: string): string {
    return path.join(this.dir, threadFileName(id));
  }

  private serialized<T>(id: string, run: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(id) ?? Promise.resolve();
    const next = prev.then(run, run);
    const tail = next.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => { if (this.queues.get(id) === tail) this.queues.delete(id); });
    return next;
  }

  /** Runs `work` holding the thread's lock file, which every window's save of that thread takes first. */
  private async locked<T>(id: string, work: (file: string) => Promise<T>): Promise<T> {
    const file = this.fileOf(id);
    const lock = lockOf(file);
    await fs.promises.mkdir(this.dir, { recursive: true });
    const deadline = Date.now() + LOCK_WAIT_MS;
    let wait = 2;
    while (!this.tryLockSync(lock)) {
      if (Date.now() > deadline) throw new Error(`another window kept the chat thread locked for ${LOCK_WAIT_MS / 1000} s (${path.basename(lock)})`);
      // Another window is saving this thread right now; its save takes milliseconds.
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 25);
    }
    try { return await work(file); } finally { await fs.promises.rm(lock, { force: true }); }
  }

  private tryLockSync(lock: string): boolean {
    try {
      fs.writeFileSync(lock, `${process.pid} ${Date.now()}`, { flag: 'wx' });
      return true;
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
      if (this.removeIfStale(lock, LOCK_STALE_MS)) return this.tryLockSync(lock);
      return false;
    }
  }

  private async read(file: string): Promise<ThreadFile | undefined> {
    try { return parseThreadFile(await fs.promises.readFile(file, 'utf8')); } catch (err) {
      if (code(err) === 'ENOENT') return undefined;
      throw err;
    }
  }

  private readSync(file: string): ThreadFile | undefined {
    try { return parseThreadFile(fs.readFileSync(file, 'utf8')); } catch (err) {
      if (code(err) === 'ENOENT') return undefined;
      return { kind: 'corrupt', reason: message(err) };
    }
  }

  private async writeAtomic(file: string, text: string): Promise<void> {
    const tmp = this.tempName(file);
    try {
      await fs.promises.writeFile(tmp, text);
      await renameWithRetry(tmp, file);
    } catch (err) {
      await fs.promises.rm(tmp, { force: true });
      throw err;
    }
  }

  private tempName(file: string): string {
    return `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  }

  /** Keeps an unreadable file for the person under a new name, so it is reported once and never overwritten. */
  private setAside(file: string, reason: string): void {
    const aside = `${file}${CORRUPT_MARK}${Date.now()}`;
    try {
      fs.renameSync(file, aside);
      this.log.warn(`A stored chat thread could not be read (${reason}); it was moved aside to ${aside} and the other threads loaded.`);
    } catch (err) {
      if (code(err) !== 'ENOENT') this.log.warn(`A stored chat thread could not be read (${reason}) nor moved aside (${message(err)}): ${file}`);
    }
  }

  private removeIfStale(file: string, maxAgeMs: number): boolean {
    try {
      if (Date.now() - fs.statSync(file).mtimeMs < maxAgeMs) return false;
      fs.rmSync(file, { force: true });
      return true;
    } catch {
      return false;
    }
  }
}

/** Windows refuses to rename over a file another process is reading at that moment; that passes in milliseconds. */
async function renameWithRetry(from: string, to: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try { await fs.promises.rename(from, to); return; } catch (err) {
      if (attempt >= 10 || !['EPERM', 'EBUSY', 'EACCES'].includes(code(err) ?? '')) throw err;
      await new Promise((r) => setTimeout(r, 10 * (attempt + 1)));
    }
  }
}

/** `<name>.lock` beside `<name>.json`: every window's save of that thread takes it first. */
const lockOf = (file: string): string => file.slice(0, -THREAD_FILE_SUFFIX.length) + LOCK_SUFFIX;
const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;
const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));
