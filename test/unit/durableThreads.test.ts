// Item 4 of issue 18: threads as one file per thread. The pure decisions (file names, reading a file, what a save
// writes, the move out of globalState, the partial-save throttle) and the file IO over a temp folder: atomic writes,
// a corrupt file set aside and reported once while the rest load, tombstones, stale temp files and locks, the
// migration (a globalState key removed only after its file reads back), and partial answers saved while streaming.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatCore, type ChatMantle } from '../../src/common/chat/chatCore';
import type { TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';
import { addTurn, chainHead, createThread, updateTurn, type Thread, type Turn } from '../../src/common/threads/model';
import { SaveThrottle, type Timers } from '../../src/common/threads/saveThrottle';
import { parseStoredThread, serializeThread } from '../../src/common/threads/serialize';
import { classifyListing, decideSave, parseThreadFile, planMigration, threadFileName, threadText, tombstoneText } from '../../src/common/threads/threadFiles';
import { ThreadFiles } from '../../src/node/threadFiles';
import { ThreadStore } from '../../src/vscode/chat/threadStore';
import { chatDeps, MemoryThreads, RecordingSurface } from '../kit/chat';
import { MemoryMemento } from '../kit/stores';

const turn = (id: string, at: number, status: Turn['status'] = 'done', answer = `a ${id}`): Turn => ({ id, prompt: `q ${id}`, model: 'm', answer, reasoning: '', status, createdAt: at });
const thread = (id: string, turns: Turn[] = [turn('u1', 1)], updatedAt = 5): Thread => ({ ...createThread(id, 'm', 0), title: `T ${id}`, turns, updatedAt });

describe('durable threads: file names and file contents (pure)', () => {
  it('a UUID names its own file; any other id is escaped into one file name inside the folder', () => {
    assert.equal(threadFileName('0b7c7e0e-4c4e-4a57-9d3a-2f0f5d3f9b10'), '0b7c7e0e-4c4e-4a57-9d3a-2f0f5d3f9b10.json');
    const odd = ['../../etc/passwd', 'a/b', 'a\\b', '', '.', 'CON', 'x'.repeat(5000), 'x'.repeat(4999) + 'y', 'ünï', 'a b'];
    const names = odd.map(threadFileName);
    for (const n of names) {
      assert.match(n, /^[A-Za-z0-9_~-]+\.json$/, n);
      assert.ok(n.length <= 130, `${n.length} chars`);
    }
    assert.equal(new Set(names).size, odd.length, 'different ids, different files');
  });

  it('reads a thread, a tombstone, and calls anything else corrupt with a reason', () => {
    const t = thread('t1');
    assert.deepEqual(parseThreadFile(threadText(t)), { kind: 'thread', thread: t });
    assert.deepEqual(parseThreadFile(tombstoneText('t1', 7)), { kind: 'tombstone', id: 't1', deletedAt: 7 });
    assert.deepEqual(parseThreadFile(''), { kind: 'corrupt', reason: 'empty file' });
    assert.deepEqual(parseThreadFile('{"v":1,"thread":{"id":"t1"'), { kind: 'corrupt', reason: 'not valid JSON' });
    assert.equal(parseThreadFile(JSON.stringify({ v: 99, thread: t })).kind, 'corrupt');
    assert.equal(parseThreadFile(JSON.stringify({ v: 1, deleted: 'yes', id: 't1' })).kind, 'corrupt');
  });

  it('sorts a folder listing: thread files, temp files, locks, and set-aside files that are never loaded', () => {
    assert.deepEqual(classifyListing(['a.json', 'a.json.123-ab.tmp', 'a.lock', 'a.json.corrupt-17', 'notes.txt']).map((e) => e.kind), ['thread', 'temp', 'lock', 'other', 'other']);
  });

  it('a save merges with the stored thread, writes nothing over a tombstone, and replaces a corrupt file', () => {
    const stored = thread('t1', [turn('u1', 1)]);
    const mine = thread('t1', [turn('u2', 2)], 9);
    assert.deepEqual(decideSave({ kind: 'thread', thread: stored }, mine)?.turns.map((t) => t.id), ['u1', 'u2']);
    assert.equal(decideSave({ kind: 'tombstone', id: 't1', deletedAt: 1 }, mine), undefined);
    assert.deepEqual(decideSave({ kind: 'corrupt', reason: 'x' }, mine), mine);
    assert.deepEqual(decideSave(undefined, mine), mine);
  });

  it('plans the move out of globalState: deletions first, unreadable threads reported and left, other keys ignored', () => {
    const data: Record<string, unknown> = {
      'bedrockMantle.chat.thread.a': serializeThread(thread('a')),
      'bedrockMantle.chat.thread.bad': { v: 1, thread: { id: 42 } },
      'bedrockMantle.chat.deleted.gone': 123,
      'bedrockMantle.chat.activeThread': 'a',
      'bedrockMantle.models.cache': [],
    };
    const steps = planMigration(Object.keys(data), (k) => data[k]);
    assert.deepEqual(steps.map((s) => [s.kind, s.key]), [
      ['tombstone', 'bedrockMantle.chat.deleted.gone'],
      ['thread', 'bedrockMantle.chat.thread.a'],
      ['unreadable', 'bedrockMantle.chat.thread.bad'],
    ]);
    assert.deepEqual(steps[0], { kind: 'tombstone', key: 'bedrockMantle.chat.deleted.gone', id: 'gone', deletedAt: 123 });
  });
});

/** Timers the test fires by hand. */
class ManualTimers implements Timers {
  private seq = 0;
  readonly due = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): unknown { this.due.set(++this.seq, { fn, ms }); return this.seq; }
  clearTimeout(handle: unknown): void { this.due.delete(handle as number); }
  fireAll(): void { const now = [...this.due.values()]; this.due.clear(); for (const t of now) t.fn(); }
}

describe('durable threads: the partial-save throttle (pure)', () => {
  it('a thousand requests within the interval make one save per thread, at the end of the interval', () => {
    const timers = new ManualTimers();
    const saves: string[] = [];
    const throttle = new SaveThrottle((k) => saves.push(k), 1000, timers);
    for (let i = 0; i < 1000; i++) { throttle.request('a'); throttle.request('b'); }
    assert.deepEqual(saves, []);
    assert.deepEqual([...timers.due.values()].map((t) => t.ms), [1000, 1000]);
    timers.fireAll();
    assert.deepEqual(saves.sort(), ['a', 'b']);
    throttle.request('a');
    timers.fireAll();
    assert.deepEqual(saves, ['a', 'b', 'a'], 'the next interval saves again');
  });

  it('cancel (the turn ended) and dispose drop the pending save', () => {
    const timers = new ManualTimers();
    const saves: string[] = [];
    const throttle = new SaveThrottle((k) => saves.push(k), 1000, timers);
    throttle.request('a');
    throttle.cancel('a');
    throttle.request('b');
    throttle.dispose();
    timers.fireAll();
    assert.deepEqual(saves, []);
  });
});

describe('durable threads: files in a folder (node/threadFiles.ts)', () => {
  let dir: string;
  let warnings: string[];
  const files = () => new ThreadFiles(dir, { warn: (m) => warnings.push(m) });
  beforeEach(() => { dir = join(mkdtempSync(join(tmpdir(), 'mantle-threads-test-')), 'threads'); warnings = []; });
  afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  it('a missing folder is no threads and no warning; a save creates it, one file per thread, no temp file left', async () => {
    assert.deepEqual(files().loadAll().threads, []);
    assert.deepEqual(warnings, []);
    await files().save(thread('t1'));
    await files().save(thread('t2', [turn('x', 1)], 9));
    assert.deepEqual(readdirSync(dir).sort(), ['t1.json', 't2.json']);
    assert.deepEqual(files().loadAll().threads.map((t) => t.id), ['t2', 't1'], 'newest first');
  });

  it('a corrupt file costs only its thread: set aside with its bytes, reported once, the others load', async () => {
    await files().save(thread('good'));
    writeFileSync(join(dir, 'broken.json'), '{"v":1,"thread":{"id":"broken","tur');
    const first = files().loadAll();
    assert.deepEqual(first.threads.map((t) => t.id), ['good']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /could not be read \(not valid JSON\).*moved aside to .*broken\.json\.corrupt-\d+/);
    const aside = readdirSync(dir).filter((n) => n.startsWith('broken.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(readFileSync(join(dir, aside[0]!), 'utf8'), '{"v":1,"thread":{"id":"broken","tur', 'kept byte for byte, never erased');
    assert.deepEqual(files().loadAll().threads.map((t) => t.id), ['good']);
    assert.equal(warnings.length, 1, 'reported once, not at every start');
  });

  it('a delete leaves a tombstone: a stale copy saved later is refused and the thread stays deleted', async () => {
    const a = files();
    const b = files();
    await a.save(thread('t1'));
    await a.delete('t1', 50);
    assert.equal(await b.save({ ...thread('t1'), title: 'renamed in B', updatedAt: 99 }), undefined);
    assert.equal(b.isDeleted('t1'), true);
    const loaded = files().loadAll();
    assert.deepEqual(loaded.threads, []);
    assert.deepEqual([...loaded.deleted], ['t1']);
  });

  it('a temp file left by a crash mid-write is removed once stale; the thread file it would have replaced is intact', async () => {
    await files().save(thread('t1'));
    const old = join(dir, 't1.json.999-dead.tmp');
    const fresh = join(dir, 't1.json.998-live.tmp');
    writeFileSync(old, '{"v":1,"thr');
    writeFileSync(fresh, '{"v":1,"thr');
    utimesSync(old, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
    assert.deepEqual(files().loadAll().threads.map((t) => t.id), ['t1']);
    assert.equal(existsSync(old), false);
    assert.equal(existsSync(fresh), true, 'a temp file that may belong to a write in progress is left alone');
    assert.deepEqual(warnings, []);
  });

  it('a lock left by a window that died mid-save is broken; a live one makes the save wait for it', async () => {
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, 't1.lock');
    writeFileSync(lock, '1 0');
    utimesSync(lock, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    await files().save(thread('t1'));
    assert.equal(existsSync(lock), false);
    writeFileSync(lock, '2 0'); // another window saving right now
    let done = false;
    const saving = files().save(thread('t1', [turn('u2', 2)], 9)).then(() => { done = true; });
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(done, false, 'waits while the lock is held');
    rmSync(lock);
    await saving;
    assert.deepEqual(files().loadAll().threads[0]?.turns.map((t) => t.id), ['u1', 'u2']);
  });

  it('two windows saving stale copies at the same time lose no turn (100 interleaved turns)', async () => {
    const a = files();
    const b = files();
    let ta = createThread('shared', 'm', 0);
    let tb = createThread('shared', 'm', 0);
    const saves: Promise<unknown>[] = [];
    for (let i = 0; i < 100; i++) {
      if (i % 2 === 0) { ta = addTurn(ta, turn(`u${i}`, i + 1), i + 1); saves.push(a.save(ta)); }
      else { tb = addTurn(tb, turn(`u${i}`, i + 1), i + 1); saves.push(b.save(tb)); }
    }
    await Promise.all(saves);
    const [stored] = files().loadAll().threads;
    assert.deepEqual(stored?.turns.map((t) => t.id), Array.from({ length: 100 }, (_, i) => `u${i}`));
    assert.deepEqual(readdirSync(dir), ['shared.json'], 'no lock or temp file left behind');
  });
});

describe('durable threads: the move out of globalState (vscode/chat/threadStore.ts)', () => {
  let root: string;
  let dir: string;
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'mantle-migrate-test-')); dir = join(root, 'threads'); });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('moves every thread and deletion to files, losslessly, and removes each key only after its file is written', async () => {
    const a = thread('a', [turn('u1', 1), turn('u2', 2, 'streaming', 'partial')], 5);
    const global = new MemoryMemento({
      'bedrockMantle.chat.thread.a': serializeThread(a),
      'bedrockMantle.chat.thread.gone': serializeThread(thread('gone')),
      'bedrockMantle.chat.deleted.gone': 77,
      'bedrockMantle.chat.thread.bad': { v: 1, thread: 'nope' },
      'bedrockMantle.models.cache': ['kept'],
    });
    const warnings: string[] = [];
    const store = new ThreadStore(new ThreadFiles(dir, { warn: (m) => warnings.push(m) }), global, new MemoryMemento(), (m) => warnings.push(m));
    const loaded = store.loadAll();
    assert.deepEqual(loaded.map((t) => t.id), ['a']);
    assert.deepEqual(loaded[0], parseStoredThread(serializeThread(a)), 'read back exactly as the old storage would have');
    assert.equal(loaded[0]?.turns[1]?.answer, 'partial');
    assert.deepEqual(parseThreadFile(readFileSync(join(dir, 'a.json'), 'utf8')), { kind: 'thread', thread: loaded[0] });
    assert.deepEqual(parseThreadFile(readFileSync(join(dir, 'gone.json'), 'utf8')), { kind: 'tombstone', id: 'gone', deletedAt: 77 });
    assert.deepEqual(global.removed.sort(), ['bedrockMantle.chat.deleted.gone', 'bedrockMantle.chat.thread.a', 'bedrockMantle.chat.thread.gone']);
    assert.deepEqual([...global.keys()].sort(), ['bedrockMantle.chat.thread.bad', 'bedrockMantle.models.cache'], 'the unreadable thread is left where it was');
    assert.equal(warnings.filter((w) => /bedrockMantle\.chat\.thread\.bad.*left there untouched/.test(w)).length, 1);
    assert.equal(store.isDeleted('gone'), true);
  });

  it('merges with a file another window already wrote for the same thread', async () => {
    const files = new ThreadFiles(dir, { warn: () => undefined });
    await files.save(thread('a', [turn('u1', 1), turn('u3', 3)], 9));
    const global = new MemoryMemento({ 'bedrockMantle.chat.thread.a': serializeThread(thread('a', [turn('u1', 1), turn('u2', 2)], 5)) });
    const [loaded] = new ThreadStore(files, global, new MemoryMemento(), () => undefined).loadAll();
    assert.deepEqual(loaded?.turns.map((t) => t.id), ['u1', 'u2', 'u3']);
  });

  it('keeps the old copy when the file cannot be written, and still shows the thread', () => {
    writeFileSync(join(root, 'threads'), 'a file where the folder should be');
    const global = new MemoryMemento({ 'bedrockMantle.chat.thread.a': serializeThread(thread('a')) });
    const warnings: string[] = [];
    const loaded = new ThreadStore(
      new ThreadFiles(dir, { warn: (m) => warnings.push(m) }), global, new MemoryMemento(), (m) => warnings.push(m),
    ).loadAll();
    assert.deepEqual(loaded.map((t) => t.id), ['a']);
    assert.deepEqual(global.keys(), ['bedrockMantle.chat.thread.a'], 'nothing removed');
    assert.ok(warnings.some((w) => /Could not move bedrockMantle\.chat\.thread\.a to its file.*stays in the old storage/.test(w)), warnings.join('\n'));
  });

  it('a thread another window is saving right now moves at the next start and is shown meanwhile', () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'a.lock'), 'busy');
    const global = new MemoryMemento({ 'bedrockMantle.chat.thread.a': serializeThread(thread('a')) });
    const loaded = new ThreadStore(new ThreadFiles(dir, { warn: () => undefined }), global, new MemoryMemento(), () => undefined).loadAll();
    assert.deepEqual(loaded.map((t) => t.id), ['a']);
    assert.deepEqual(global.keys(), ['bedrockMantle.chat.thread.a']);
    rmSync(join(dir, 'a.lock'));
    new ThreadStore(new ThreadFiles(dir, { warn: () => undefined }), global, new MemoryMemento(), () => undefined).loadAll();
    assert.deepEqual(global.keys(), []);
    assert.ok(existsSync(join(dir, 'a.json')));
  });
});

describe('durable threads: the answer so far is saved while it streams (chat core)', () => {
  /** Streams the deltas the test pushes, and finishes when the test says so. */
  class GatedMantle implements ChatMantle {
    emit: (delta: string) => void = () => undefined;
    finish: () => void = () => undefined;
    private text = '';
    async listModels() { return []; }
    async streamTurn(_req: TurnRequest, onEvent: (e: TurnEvent) => void): Promise<TurnResult> {
      onEvent({ kind: 'started', responseId: 'resp_1' });
      this.emit = (delta) => { this.text += delta; onEvent({ kind: 'text', delta }); };
      await new Promise<void>((r) => { this.finish = r; });
      return { id: 'resp_1', api: 'responses', text: this.text, reasoning: '', totalMs: 1 };
    }
  }
  const until = async (check: () => boolean, what: string) => {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(check(), `timed out waiting for ${what}`);
  };

  it('saves the streaming turn with the text so far, at a bounded rate, and the finished turn last', async () => {
    const store = new MemoryThreads();
    const mantle = new GatedMantle();
    const surface = new RecordingSurface();
    surface.hasViews = false;
    const core = new ChatCore(chatDeps({ store, mantle, surface, partialSaveIntervalMs: 30 }, 'm'));
    const sending = core.send('', 'Tell me a story', false);
    await until(() => store.saves.some((t) => t.turns[0]?.status === 'streaming'), 'the turn to start');
    const before = store.saves.length;
    for (let i = 0; i < 500; i++) mantle.emit(`w${i} `);
    await until(() => store.saves.some((t) => t.turns[0]?.answer.startsWith('w0 w1 w2')), 'the partial answer to be saved');
    const partial = store.saves.filter((t) => t.turns[0]?.status === 'streaming' && t.turns[0].answer);
    assert.ok(store.saves.length - before <= 2, `500 deltas made ${store.saves.length - before} saves`);
    assert.equal(partial.at(-1)?.turns[0]?.answer, Array.from({ length: 500 }, (_, i) => `w${i} `).join(''));

    // Read back after a crash, the partial turn is kept but interrupted, and never the chain head.
    const reread = parseThreadFile(threadText(partial.at(-1)!));
    assert.ok(reread.kind === 'thread');
    assert.equal(reread.thread.turns[0]?.status, 'stopped');
    assert.match(reread.thread.turns[0]?.answer ?? '', /^w0 w1/);
    assert.equal(chainHead(reread.thread), undefined);

    mantle.finish();
    await sending;
    const last = store.saves.at(-1);
    assert.equal(last?.turns[0]?.status, 'done');
    const count = store.saves.length;
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(store.saves.length, count, 'no partial save lands after the final one');
    core.dispose();
  });

  it('a partial save that another window already finished does not undo the finished turn (merge)', () => {
    const done = updateTurn(thread('t', [turn('u1', 1, 'streaming', '')]), 'u1', { status: 'done', answer: 'full' }, 9);
    const late = thread('t', [turn('u1', 1, 'streaming', 'par')], 6);
    assert.equal(decideSave({ kind: 'thread', thread: done }, late)?.turns[0]?.answer, 'full');
  });
});
