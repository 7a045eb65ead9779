// Runs one test tier as the leader of its own process group and watches it, so no tier can hang `npm test`:
//  - a time limit (`limitMs`);
//  - once mocha has printed its "N passing" summary the tier gets `graceMs` to exit; a process that stays alive after
//    its results (a server, socket, timer or child left open) is stopped and counted as failed.
// When the tier ends, whatever is left of its process group is killed. Used by run-all.mjs; unit-tested on its own.
import { spawn } from 'node:child_process';

function groupAlive(pgid) {
  try { process.kill(-pgid, 0); return true; } catch { return false; }
}

export function killGroup(pgid, signal) {
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
}

/** Output without colour codes, for reading mocha's "N passing / N failing / N pending" lines. */
function plain(s) {
  // eslint-disable-next-line no-control-regex -- the escape character is exactly what is being removed
  return s.replace(/\x1b\[[0-9;]*m/g, '');
}

/**
 * @param {{ cmd: string, args: string[], limitMs: number, graceMs: number, env?: NodeJS.ProcessEnv,
 *   out?: NodeJS.WritableStream, err?: NodeJS.WritableStream, onStart?: (child: import('node:child_process').ChildProcess) => void }} t
 * @returns {Promise<{ code: number, seconds: number, abnormal: string, leftovers: boolean, passed: number, failed: number, pending: number }>}
 */
export function runTier(t) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(t.cmd, t.args, { stdio: ['ignore', 'pipe', 'pipe'], env: t.env ?? process.env, detached: true });
    t.onStart?.(child);
    let out = '';
    let abnormal = '';
    let graceTimer;
    const stop = (why) => {
      if (abnormal) return;
      abnormal = why;
      killGroup(child.pid, 'SIGTERM');
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), 5000).unref();
    };
    const limitTimer = setTimeout(() => stop(`still running after its ${fmt(t.limitMs)} limit`), t.limitMs);
    const relay = (stream, sink) => stream.on('data', (b) => {
      out += b.toString();
      sink?.write(b);
      if (!graceTimer && /^\s*\d+ passing/m.test(plain(out))) {
        graceTimer = setTimeout(() => stop(`did not exit within ${fmt(t.graceMs)} of printing its results ` +
          '(something it started is still open: a server, socket, timer or child process)'), t.graceMs);
      }
    });
    relay(child.stdout, t.out);
    relay(child.stderr, t.err);
    child.on('error', (e) => { abnormal ||= `could not start: ${e.message}`; });
    // 'exit', not 'close': a leftover child that inherited the tier's stdout would hold the pipe, and 'close',
    // open forever. The group is killed, then the output is given a moment to drain.
    child.on('exit', async (code, signal) => {
      clearTimeout(limitTimer);
      clearTimeout(graceTimer);
      // Children still shutting down (npx's mocha, esbuild's service) get a moment to go by themselves.
      for (let i = 0; i < 40 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 50));
      const leftovers = groupAlive(child.pid);
      killGroup(child.pid, 'SIGKILL'); // children that outlived the tier (its own cleanup should have stopped them)
      if (!abnormal && signal) abnormal = `ended by ${signal}`;
      const finish = () => {
        clearTimeout(drainTimer);
        child.stdout.destroy();
        child.stderr.destroy();
        const text = plain(out);
        const num = (re) => [...text.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);
        resolve({
          code: abnormal ? 1 : (code ?? 1), seconds: (Date.now() - started) / 1000, abnormal, leftovers,
          passed: num(/^\s*(\d+) passing/gm), failed: num(/^\s*(\d+) failing/gm), pending: num(/^\s*(\d+) pending/gm),
        });
      };
      const drainTimer = setTimeout(finish, 5000);
      if (child.stdout.readableEnded && child.stderr.readableEnded) finish();
      else child.once('close', finish);
    });
  });
}

function fmt(ms) {
  return ms >= 60_000 ? `${ms / 60_000}-minute` : `${ms / 1000} s`;
}
