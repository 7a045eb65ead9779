// Item 4 of issue 18 (the multi-window part): two windows, each with its own copy of a thread, saving through their
// own ThreadStore into one shared folder of thread files. No turn is lost across 100 interleaved turns, and a thread
// one window deleted stays deleted when the other saves (renames) its stale copy.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { mergeThread } from '../../src/common/threads/merge';
import { addTurn, createThread, updateTurn, type Thread, type Turn } from '../../src/common/threads/model';
import { ThreadFiles } from '../../src/node/threadFiles';
import { ThreadStore } from '../../src/vscode/chat/threadStore';

/** A Memento (each window's own; the threads themselves are in the shared folder). */
class SharedMemento {
  private readonly data = new Map<string, string>();
  keys(): readonly string[] { return [...this.data.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { const v = this.data.get(key); return v === undefined ? fallback : (JSON.parse(v) as T); }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.data.delete(key); else this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }
}

const turn = (id: string, at: number, status: Turn['status'] = 'done'): Turn => ({ id, prompt: `q ${id}`, model: 'm', answer: status === 'done' ? `a ${id}` : '', reasoning: '', status, createdAt: at });

describe('hardening: two windows on one thread', () => {
  const shared = mkdtempSync(join(tmpdir(), 'mantle-windows-'));
  const local = () => new SharedMemento() as unknown as vscode.Memento;
  const window = (dir: string) => new ThreadStore(new ThreadFiles(dir, { warn: () => undefined }), local(), local(), () => undefined);
  const windowA = window(shared);
  const windowB = window(shared);

  it('lose no turn across 100 interleaved turns, each window saving only its own stale copy', async () => {
    let a: Thread = createThread('t1', 'm', 0);
    let b: Thread = createThread('t1', 'm', 0);
    for (let i = 0; i < 100; i++) {
      // Each window adds a turn to the copy it has, streaming first, then finished, saving both times.
      if (i % 2 === 0) {
        a = addTurn(a, turn(`u${i}`, i + 1, 'streaming'), i + 1);
        await windowA.save(a);
        a = updateTurn(a, `u${i}`, { status: 'done', answer: `a u${i}` }, i + 1);
        await windowA.save(a);
      } else {
        b = addTurn(b, turn(`u${i}`, i + 1, 'streaming'), i + 1);
        await windowB.save(b);
        b = updateTurn(b, `u${i}`, { status: 'done', answer: `a u${i}` }, i + 1);
        await windowB.save(b);
      }
    }
    const [stored] = windowA.loadAll();
    assert.equal(stored?.turns.length, 100);
    assert.deepEqual(stored?.turns.map((t) => t.id), Array.from({ length: 100 }, (_, i) => `u${i}`));
    assert.ok(stored?.turns.every((t) => t.status === 'done' && t.answer === `a ${t.id}`), 'every turn finished, none reverted to streaming');
  });

  it('a thread deleted in one window stays deleted when the other saves its copy (a rename)', async () => {
    const t = addTurn(createThread('t2', 'm', 0), turn('x1', 1), 1);
    await windowA.save(t);
    await windowA.delete('t2');
    assert.equal(await windowB.save({ ...t, title: 'Renamed in B', updatedAt: 5 }), undefined);
    assert.deepEqual(windowA.loadAll().map((x) => x.id).filter((id) => id === 't2'), []);
    assert.equal(windowB.isDeleted('t2'), true);
  });

  it('a turn saved while streaming and read back (as "stopped") does not override the live turn', async () => {
    const store = window(mkdtempSync(join(tmpdir(), 'mantle-windows-')));
    const t = addTurn(createThread('t4', 'm', 0), turn('s1', 1, 'streaming'), 1);
    await store.save(t);
    const saved = await store.save(updateTurn(t, 's1', { status: 'background', responseId: 'resp_1' }, 2));
    assert.equal(saved?.turns[0]?.status, 'background');
  });

  it('thread fields come from the copy changed last; a finished turn beats a running one', () => {
    const base = addTurn(createThread('t3', 'm', 0), turn('r1', 1, 'streaming'), 1);
    const stored = { ...updateTurn(base, 'r1', { status: 'done', answer: 'full answer' }, 3), title: 'Old' };
    const mine = { ...base, title: 'New title', updatedAt: 9 };
    const merged = mergeThread(stored, mine);
    assert.equal(merged.title, 'New title');
    assert.equal(merged.turns[0]?.status, 'done');
    assert.equal(merged.turns[0]?.answer, 'full answer');
  });
});
