// The runner's emulator as the suites see it: its admin surface (/__emulator/…) next to the /v1 API the extension uses.
import type { RequestLogEntry } from '../../emulator/requestLog';
import { emulatorUrl } from './testEnv';

export function emulatorAdminUrl(path: 'log' | 'faults'): string {
  if (!emulatorUrl) throw new Error('this run has no emulator (the suite should have skipped)');
  return `${new URL(emulatorUrl).origin}/__emulator/${path}`;
}

/** Every request the emulator has served so far, oldest first. A suite names the fields (and body shape) it reads. */
export async function emulatorLog<E = RequestLogEntry>(): Promise<E[]> {
  let res: Response;
  try {
    res = await fetch(emulatorAdminUrl('log'));
  } catch (first) {
    // The extension's requests share this fetch's connection pool; one closed under it (an aborted stream, a kept-alive
    // socket the server let go) fails the GET once. It is read-only, so it is asked again, once.
    try { res = await fetch(emulatorAdminUrl('log')); }
    catch (second) { throw new Error(`the emulator's log could not be read: ${causeOf(first)}, then ${causeOf(second)}`, { cause: second }); }
  }
  return (await res.json()) as E[];
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return `${e instanceof Error ? e.message : String(e)}${cause ? ` (${cause.code ?? cause.message})` : ''}`;
}

/** Queues emulator faults (test/emulator/faults.ts) for the next matching requests. */
export async function setEmulatorFaults(specs: unknown[]): Promise<void> {
  const res = await fetch(emulatorAdminUrl('faults'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(specs) });
  if (res.status !== 200) throw new Error(`the emulator refused the faults: ${res.status} ${await res.text()}`);
}
