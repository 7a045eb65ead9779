// Reads the results file written by suite/fileReporter.ts while the suite runs and prints it the way mocha's spec
// reporter would: one line per test as it finishes, then "N passing / N failing / N pending" (read by
// test/tools/run-all.mjs) and the failures with their messages.
import { existsSync, readFileSync } from 'node:fs';
import type { ResultLine } from './suite/fileReporter';

export interface Summary { passes: number; failures: number; pending: number; finished: boolean }

export class ResultPrinter {
  private consumed = 0;
  private readonly failures: Extract<ResultLine, { type: 'fail' }>[] = [];
  private passes = 0;
  private pending = 0;
  private finished = false;

  constructor(private readonly file: string) {}

  /** Prints the lines added since the last call (a partial last line waits for the next call). */
  poll(): void {
    if (!existsSync(this.file)) return;
    const text = readFileSync(this.file, 'utf8');
    if (text.length < this.consumed) this.consumed = 0; // the reporter truncates the file when the run starts
    const complete = text.lastIndexOf('\n') + 1;
    for (const raw of text.slice(this.consumed, complete).split('\n').filter(Boolean)) this.print(JSON.parse(raw) as ResultLine);
    this.consumed = Math.max(this.consumed, complete);
  }

  private print(r: ResultLine): void {
    if (r.type === 'pass') { this.passes++; console.log(`  ✔ ${r.title} (${r.durationMs ?? 0} ms)`); }
    if (r.type === 'pending') { this.pending++; console.log(`  - ${r.title}`); }
    if (r.type === 'fail') { this.failures.push(r); console.log(`  ${this.failures.length}) ${r.title}`); }
    if (r.type === 'end') this.finished = true;
  }

  /** Reads what is left, prints the summary and the failures. */
  finish(elapsedMs: number): Summary {
    this.poll();
    console.log(`\n  ${this.passes} passing (${(elapsedMs / 1000).toFixed(1)} s)`);
    if (this.failures.length) console.log(`  ${this.failures.length} failing`);
    if (this.pending) console.log(`  ${this.pending} pending`);
    this.failures.forEach((f, i) => {
      console.log(`\n  ${i + 1}) ${f.title}:\n     ${f.message.split('\n').join('\n     ')}`);
      const frames = (f.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 6);
      if (frames.length) console.log(frames.map((l) => `     ${l.trim()}`).join('\n'));
    });
    return { passes: this.passes, failures: this.failures.length, pending: this.pending, finished: this.finished };
  }
}
