// Item 4 of issue 18 across processes: two "windows" (separate Node processes, test/fixtures/threadWindow.ts) write
// one folder of thread files at the same time and lose nothing; a window killed (SIGKILL) while an answer streams
// from the emulator leaves the answer so far on disk, read back as an interrupted turn that is never a chain head.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chainHead } from '../../src/common/threads/model';
import { threadText } from '../../src/common/threads/threadFiles';
import { ThreadFiles } from '../../src/node/threadFiles';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const SCRIPT = join(__dirname, '..', 'fixtures', 'threadWindow.ts');

function runWindow(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, exited };
}

describe('durable threads across processes', function () {
  this.timeout(120_000);
  let root: string;
  let dir: string;
  let emu: RunningEmulator | undefined;
  const files = () => new ThreadFiles(dir, { warn: () => undefined });
  beforeEach(() => { root = mkdtempSync(join(tmpdir(), 'mantle-durable-')); dir = join(root, 'threads'); });
  afterEach(async () => { await emu?.close(); emu = undefined; rmSync(root, { recursive: true, force: true }); });

  it('two windows writing one thread at once lose no turn across 100 interleaved turns, and a deleted thread stays deleted', async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'gone.json'), threadText({ id: 'gone', title: 'to delete', model: 'm', createdAt: 0, updatedAt: 0, turns: [] }));
    const [a, b] = [runWindow(['turns', dir, 'A', '100']), runWindow(['turns', dir, 'B', '100'])];
    for (const r of await Promise.all([a.exited, b.exited])) assert.equal(r.code, 0, r.stderr);
    const { threads, deleted } = files().loadAll();
    const shared = threads.find((t) => t.id === 'shared');
    assert.deepEqual(shared?.turns.map((t) => t.id), Array.from({ length: 100 }, (_, i) => `u${i}`));
    assert.ok(shared?.turns.every((t) => t.status === 'done' && t.answer === `a ${t.id} from ${Number(t.id.slice(1)) % 2 ? 'B' : 'A'}`), 'every turn finished, with its own answer');
    assert.equal(threads.some((t) => t.id === 'gone'), false);
    assert.ok(deleted.has('gone'));
  });

  it('a window killed while an answer streams keeps the answer so far, as an interrupted turn that is not a chain head', async () => {
    emu = await startEmulator({ port: 0, tokenDelayMs: 5 });
    const { child, exited } = runWindow(['chat', dir, emu.url]);
    let received = '';
    let firstAt = 0;
    await new Promise<void>((resolve, reject) => {
      child.on('exit', () => reject(new Error('the window exited before it was killed')));
      let buffered = '';
      child.stdout.on('data', (d: Buffer) => {
        buffered += d.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) received += (JSON.parse(line) as { text: string }).text;
        firstAt ||= Date.now();
        // Long enough for several partial saves (every 100 ms in this window), well before the answer ends.
        if (Date.now() - firstAt > 1_000) { child.kill('SIGKILL'); resolve(); }
      });
    });
    assert.equal((await exited).signal, 'SIGKILL');
    const [thread] = files().loadAll().threads;
    const turn = thread?.turns[0];
    assert.equal(turn?.status, 'stopped');
    assert.equal(turn?.notice, 'Interrupted when the window closed.');
    assert.ok((turn?.answer.length ?? 0) > 0, 'some of the answer was saved');
    assert.ok(received.startsWith(turn?.answer ?? '-'), 'what was saved is what had arrived');
    assert.equal(chainHead(thread!), undefined);
  });
});
