// Helpers shared by the measurement scripts: the summary every figure is reported as (median, min, max over the
// repetitions), how a script hands its result to bench/run.mjs, and the real Mantle client pointed at an emulator.
import { writeFileSync } from 'node:fs';
import { MantleClient } from '../src/node/mantleClient';
import type { ClientLogger } from '../src/node/connection';

export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: number[], digits = 2): Summary {
  if (!values.length) throw new Error('summarize: no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const round = (x: number) => Number(x.toFixed(digits));
  return { median: round(median), min: round(sorted[0]), max: round(sorted[sorted.length - 1]), runs: values.length };
}

/** BENCH_SMOKE=1: one repetition and small sizes, to check the bench itself works (numbers are not comparable). */
export const smoke = process.env.BENCH_SMOKE === '1';

/** Repetitions for a figure: `full` normally, 1 in a smoke run. */
export function reps(full: number): number {
  return smoke ? 1 : full;
}

/** Every script writes one JSON object to the path after `--out` (run.mjs collects them into results.json). */
export function writeResult(result: unknown): void {
  const i = process.argv.indexOf('--out');
  const json = JSON.stringify(result, null, 2);
  if (i > 0 && process.argv[i + 1]) writeFileSync(process.argv[i + 1], json);
  else console.log(json);
}

/** Runs a script's main and exits non-zero with the error, so run.mjs can record which measurement failed. */
export function runMain(main: () => Promise<unknown>): void {
  main().then(
    (r) => { writeResult(r); process.exit(0); },
    (e: Error) => { console.error(e.stack ?? e.message); process.exit(1); },
  );
}

export const quietLogger: ClientLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** The extension's own client (src/node/mantleClient.ts) with an API key, as the editor builds it for the emulator. */
export function emulatorClient(baseURL: string, apiKey: string): MantleClient {
  return new MantleClient({
    logger: quietLogger,
    redact: (s) => s,
    connection: async () => ({ baseURL, region: 'us-east-1', customEndpoint: true, auth: { mode: 'apiKey', apiKey, source: 'environment' }, maxRetries: 0, stallTimeoutMs: 60_000 }),
  });
}
