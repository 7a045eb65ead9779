// The runner's emulator as the suites see it: its admin surface (/__emulator/…) next to the /v1 API the extension uses.
import type { RequestLogEntry } from '../../emulator/requestLog';
import { emulatorUrl } from './testEnv';

export function emulatorAdminUrl(path: 'log' | 'faults'): string {
  if (!emulatorUrl) throw new Error('this run has no emulator (the suite should have skipped)');
  return `${new URL(emulatorUrl).origin}/__emulator/${path}`;
}

/** Every request the emulator has served so far, oldest first. A suite names the fields (and body shape) it reads. */
export async function emulatorLog<E = RequestLogEntry>(): Promise<E[]> {
  const res = await fetch(emulatorAdminUrl('log'));
  return (await res.json()) as E[];
}

/** Queues emulator faults (test/emulator/faults.ts) for the next matching requests. */
export async function setEmulatorFaults(specs: unknown[]): Promise<void> {
  const res = await fetch(emulatorAdminUrl('faults'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(specs) });
  if (res.status !== 200) throw new Error(`the emulator refused the faults: ${res.status} ${await res.text()}`);
}
