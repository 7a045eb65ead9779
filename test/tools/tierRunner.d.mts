import type { ChildProcess } from 'node:child_process';

export interface TierResult {
  code: number;
  seconds: number;
  /** Why the runner stopped the tier ('' when it ended by itself). */
  abnormal: string;
  /** Processes of the tier's group were still alive when it ended (they were killed). */
  leftovers: boolean;
  passed: number;
  failed: number;
  pending: number;
}

export function runTier(t: {
  cmd: string; args: string[]; limitMs: number; graceMs: number; env?: NodeJS.ProcessEnv;
  out?: NodeJS.WritableStream; err?: NodeJS.WritableStream; onStart?: (child: ChildProcess) => void;
}): Promise<TierResult>;

export function killGroup(pgid: number, signal: NodeJS.Signals): void;
