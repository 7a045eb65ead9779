// Every long-lived process the test tools start (code-server, the emulator's host, Chromium via playwright) is
// registered here, so Ctrl+C, a crash or a plain exit never leaves a server behind. Servers are started as the
// leader of their own process group (spawn's `detached`, i.e. setsid), and stopped by signalling the whole group:
// code-server forks an extension host and a pty host that would otherwise outlive it.
import type { ChildProcess } from 'node:child_process';

type Cleanup = () => Promise<void>;
const groups = new Map<number, string>();
const cleanups = new Set<Cleanup>();
let installed = false;
let interrupting = false;
let interruptedAt = 0;

function install(): void {
  if (installed) return;
  installed = true;
  // Last resort when the process exits without the async cleanups having run (uncaught error, process.exit).
  process.on('exit', () => {
    for (const pgid of groups.keys()) killGroup(pgid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (interrupting) {
        // npm and tsx relay the terminal's signal to the child that already got it: one Ctrl+C can arrive twice.
        // Only a second Ctrl+C pressed later forces an exit without waiting for a slow cleanup.
        if (Date.now() - interruptedAt > 2000) process.exit(130);
        return;
      }
      interrupting = true;
      interruptedAt = Date.now();
      console.error(`\n${signal}: stopping everything this run started…`);
      void Promise.allSettled([...cleanups].map((c) => c())).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try { process.kill(-pgid, signal); } catch { /* already gone */ }
}

/** True once Ctrl+C / SIGTERM was received: a runner then leaves the exit to the handler (code 130/143). */
export function interrupted(): boolean {
  return interrupting;
}

/** Registers an async cleanup to run on Ctrl+C / SIGTERM; returns a function that unregisters it. */
export function onInterrupt(cleanup: Cleanup): () => void {
  install();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Tracks a child started with `detached: true` so its whole process group is killed if this process exits. */
export function trackGroup(child: ChildProcess, label: string): void {
  install();
  if (child.pid) groups.set(child.pid, label);
}

/** SIGTERM to the child's process group, then SIGKILL if it has not exited within `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  const pid = child.pid;
  if (!pid) return;
  groups.delete(pid);
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(pid, 'SIGKILL'); // the leader is gone; its children may not be
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  killGroup(pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout') killGroup(pid, 'SIGKILL');
  killGroup(pid, 'SIGKILL'); // stragglers that ignored SIGTERM after the leader exited
}
