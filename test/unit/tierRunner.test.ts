import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

// npm test's tier runner: no tier can keep the run alive, and what it started dies with it.
describe('tier runner', function () {
  this.timeout(30_000);
  const node = process.execPath;
  const load = () => import('../tools/tierRunner.mjs');
  /** Running, not a zombie: a killed orphan may wait a while to be reaped by whatever adopted it. */
  const alive = (pid: number) => {
    try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return false; }
  };

  it('reads mocha\'s counts and the exit code of a tier that ends by itself', async () => {
    const { runTier } = await load();
    const r = await runTier({ cmd: node, args: ['-e', 'console.log("  3 passing\\n  1 pending\\n  1 failing"); process.exitCode = 1'], limitMs: 30_000, graceMs: 30_000 });
    assert.deepEqual({ code: r.code, abnormal: r.abnormal, passed: r.passed, failed: r.failed, pending: r.pending },
      { code: 1, abnormal: '', passed: 3, failed: 1, pending: 1 });
  });

  it('stops a tier that stays alive after printing its results and counts it as failed, saying why', async () => {
    const { runTier } = await load();
    const script = 'require("node:http").createServer().listen(0, "127.0.0.1", () => console.log("  5 passing"))';
    const r = await runTier({ cmd: node, args: ['-e', script], limitMs: 60_000, graceMs: 300 });
    assert.equal(r.code, 1);
    assert.equal(r.passed, 5);
    assert.match(r.abnormal, /^did not exit within 0\.3 s of printing its results \(something it started is still open/);
    assert.ok(r.seconds < 30, `ended after ${r.seconds} s`);
  });

  it('stops a tier at its time limit', async () => {
    const { runTier } = await load();
    const r = await runTier({ cmd: node, args: ['-e', 'setInterval(() => {}, 1000)'], limitMs: 300, graceMs: 30_000 });
    assert.equal(r.code, 1);
    assert.match(r.abnormal, /^still running after its 0\.3 s limit$/);
  });

  it('kills what a tier left running after it exited', async () => {
    const { runTier } = await load();
    let out = '';
    const sink = { write: (b: Buffer) => { out += b.toString(); return true; } } as unknown as NodeJS.WritableStream;
    const r = await runTier({ cmd: 'bash', args: ['-c', 'sleep 300 & echo "pid $!"; echo "  1 passing"'], limitMs: 30_000, graceMs: 30_000, out: sink });
    const pid = Number(/pid (\d+)/.exec(out)?.[1]);
    assert.ok(pid > 0, out);
    assert.equal(r.code, 0);
    assert.equal(r.leftovers, true);
    for (let i = 0; i < 50 && alive(pid); i++) await new Promise((res) => setTimeout(res, 20)); // SIGKILL is delivered asynchronously
    assert.equal(alive(pid), false, 'the leftover sleep was killed');
  });
});
