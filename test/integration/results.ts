// Reads the results file written by suite/fileReporter.ts and prints it the way mocha's spec reporter would:
// one line per test, "N passing / N failing / N pending" (read by test/tools/run-all.mjs), then the failures.
import { existsSync, readFileSync } from 'node:fs';
import type { ResultLine } from './suite/fileReporter';

export interface Summary { passes: number; failures: number; pending: number; finished: boolean }

export function printResults(file: string, elapsedMs: number): Summary {
  const lines: ResultLine[] = existsSync(file)
    ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ResultLine)
    : [];
  const failures: Extract<ResultLine, { type: 'fail' }>[] = [];
  let passes = 0;
  let pending = 0;
  let finished = false;
  for (const r of lines) {
    if (r.type === 'pass') { passes++; console.log(`  ✔ ${r.title} (${r.durationMs ?? 0} ms)`); }
    if (r.type === 'pending') { pending++; console.log(`  - ${r.title}`); }
    if (r.type === 'fail') { failures.push(r); console.log(`  ${failures.length}) ${r.title}`); }
    if (r.type === 'end') finished = true;
  }
  console.log(`\n  ${passes} passing (${(elapsedMs / 1000).toFixed(1)} s)`);
  if (failures.length) console.log(`  ${failures.length} failing`);
  if (pending) console.log(`  ${pending} pending`);
  failures.forEach((f, i) => {
    console.log(`\n  ${i + 1}) ${f.title}:\n     ${f.message.split('\n').join('\n     ')}`);
    const frames = (f.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6);
    if (frames.length) console.log(frames.map((l) => `     ${l.trim()}`).join('\n'));
  });
  return { passes, failures: failures.length, pending, finished };
}
