// Threads on disk, decided without touching the disk: one file per thread, named after its id, holding either the
// thread (serialize.ts) or a tombstone saying it was deleted. The folder listing is the index: there is no separate
// catalogue that could disagree with the files, and each file is read on its own, so a corrupt one costs only its
// thread (it is set aside under a new name and reported, never erased). node/threadFiles.ts does the IO.
import { mergeThread } from './merge';
import type { Thread } from './model';
import { parseStoredThread, serializeThread, THREAD_FORMAT_VERSION, type StoredThread } from './serialize';

/** What a thread's file holds once it was deleted: a window with a stale copy cannot bring it back by saving. */
export interface StoredTombstone {
  v: number;
  deleted: number;
  id: string;
}

export type ThreadFile =
  | { kind: 'thread'; thread: Thread }
  | { kind: 'tombstone'; id: string; deletedAt: number }
  | { kind: 'corrupt'; reason: string };

export const THREAD_FILE_SUFFIX = '.json';
/** A file kept aside because it could not be read: `<name>.json.corrupt-<time>`. Never loaded, never deleted. */
export const CORRUPT_MARK = '.corrupt-';
/** A write in progress (`<name>.json.<writer>.tmp`); one left behind by a crash is incomplete and safe to remove. */
export const TEMP_SUFFIX = '.tmp';
/** A save in progress in some window (`<name>.lock`). */
export const LOCK_SUFFIX = '.lock';

const SAFE_ID = /^[A-Za-z0-9_-]{1,120}$/;

/** 32-bit FNV-1a, only to keep long odd ids apart in file names (the id inside the file is the real one). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/**
 * The file name (without folder) of a thread. Ids made here are UUIDs and map to themselves; anything else (an id
 * carried over from older storage) is escaped so it can never name a path outside the folder.
 */
export function threadFileName(id: string): string {
  if (SAFE_ID.test(id)) return id + THREAD_FILE_SUFFIX;
  const escaped = [...id].map((c) => (/[A-Za-z0-9_-]/.test(c) ? c : `~${c.codePointAt(0)!.toString(16)}`)).join('');
  const stem = escaped.length <= 120 ? escaped : `${escaped.slice(0, 100)}~${fnv1a(id)}`;
  return `~${stem}${THREAD_FILE_SUFFIX}`;
}

export type ListingEntry =
  | { kind: 'thread'; name: string }
  | { kind: 'temp'; name: string }
  | { kind: 'lock'; name: string }
  | { kind: 'other'; name: string };

/** Sorts a folder listing into thread files, leftover temp files, locks and everything else (set-aside files too). */
export function classifyListing(names: readonly string[]): ListingEntry[] {
  return names.map((name) => {
    if (name.endsWith(TEMP_SUFFIX)) return { kind: 'temp', name };
    if (name.endsWith(LOCK_SUFFIX)) return { kind: 'lock', name };
    if (name.endsWith(THREAD_FILE_SUFFIX) && !name.includes(CORRUPT_MARK)) return { kind: 'thread', name };
    return { kind: 'other', name };
  });
}

/** Reads one file's text. Anything but a thread or tombstone of a version this build understands is 'corrupt'. */
export function parseThreadFile(text: string): ThreadFile {
  let raw: unknown;
  try { raw = JSON.parse(text); } catch { return { kind: 'corrupt', reason: text.trim() ? 'not valid JSON' : 'empty file' }; }
  if (typeof raw === 'object' && raw !== null && 'deleted' in raw) {
    const t = raw as Partial<StoredTombstone>;
    if (t.v === THREAD_FORMAT_VERSION && typeof t.id === 'string' && typeof t.deleted === 'number') return { kind: 'tombstone', id: t.id, deletedAt: t.deleted };
    return { kind: 'corrupt', reason: 'unreadable deletion record' };
  }
  const thread = parseStoredThread(raw);
  return thread ? { kind: 'thread', thread } : { kind: 'corrupt', reason: 'not a chat thread this version can read' };
}

export function tombstoneText(id: string, deletedAt: number): string {
  const t: StoredTombstone = { v: THREAD_FORMAT_VERSION, deleted: deletedAt, id };
  return JSON.stringify(t);
}

export function threadText(thread: Thread): string {
  const s: StoredThread = serializeThread(thread);
  return JSON.stringify(s);
}

/**
 * What a save writes, given what the file holds now: this window's thread merged with the stored one, nothing when
 * any window deleted the thread, and this window's thread alone over a corrupt file (which the caller sets aside).
 */
export function decideSave(current: ThreadFile | undefined, mine: Thread): Thread | undefined {
  if (current?.kind === 'tombstone') return undefined;
  return mergeThread(current?.kind === 'thread' ? current.thread : undefined, mine);
}

/** One thread found in the old storage (a globalState key) and what to do with it. */
export type MigrationStep =
  | { kind: 'thread'; key: string; thread: Thread }
  | { kind: 'tombstone'; key: string; id: string; deletedAt: number }
  /** Unreadable in the old storage too: left where it is (not erased) and reported. */
  | { kind: 'unreadable'; key: string };

export const LEGACY_THREAD_KEY_PREFIX = 'bedrockMantle.chat.thread.';
export const LEGACY_DELETED_KEY_PREFIX = 'bedrockMantle.chat.deleted.';

/**
 * The move out of globalState (releases up to 0.x kept every thread there). Every thread key becomes a file, merged
 * with a file another window may already have written, and every deletion record a tombstone; the caller removes a
 * key only once its file is written and reads back the same. It runs at every start, so a thread an older window
 * still writes to globalState moves on its next start instead of being stranded.
 */
export function planMigration(keys: readonly string[], get: (key: string) => unknown): MigrationStep[] {
  const steps: MigrationStep[] = [];
  for (const key of keys) {
    if (key.startsWith(LEGACY_DELETED_KEY_PREFIX)) {
      const at = get(key);
      steps.push({ kind: 'tombstone', key, id: key.slice(LEGACY_DELETED_KEY_PREFIX.length), deletedAt: typeof at === 'number' && Number.isFinite(at) ? at : 0 });
    } else if (key.startsWith(LEGACY_THREAD_KEY_PREFIX)) {
      const thread = parseStoredThread(get(key));
      steps.push(thread ? { kind: 'thread', key, thread } : { kind: 'unreadable', key });
    }
  }
  // Deletions first, so a thread deleted in the old storage is never written back as a thread.
  return steps.sort((a, b) => Number(b.kind === 'tombstone') - Number(a.kind === 'tombstone'));
}
