// A mocha reporter that appends one JSON line per event to a file, so the runner outside the editor can print
// results (and still has the finished tests if the extension host hangs or dies halfway).
import { appendFileSync, writeFileSync } from 'node:fs';
import Mocha from 'mocha';

/** One line of the results file; test/integration/results.ts reads the same shape. */
export type ResultLine =
  | { type: 'pass' | 'pending'; title: string; durationMs?: number }
  | { type: 'fail'; title: string; durationMs?: number; message: string; stack?: string }
  | { type: 'end'; passes: number; failures: number; pending: number; durationMs: number };

const { EVENT_RUN_END, EVENT_TEST_FAIL, EVENT_TEST_PASS, EVENT_TEST_PENDING } = Mocha.Runner.constants;

export class FileReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const output = (options.reporterOptions as { output?: string } | undefined)?.output;
    if (!output) throw new Error('MANTLE_TEST_RESULTS is not set: the runner must say where results go');
    writeFileSync(output, '');
    const write = (line: ResultLine) => appendFileSync(output, `${JSON.stringify(line)}\n`);
    runner.on(EVENT_TEST_PASS, (t: Mocha.Test) => write({ type: 'pass', title: t.fullTitle(), durationMs: t.duration }));
    runner.on(EVENT_TEST_PENDING, (t: Mocha.Test) => write({ type: 'pending', title: t.fullTitle() }));
    // Hook failures arrive here too (with the hook's title), so a broken before() is reported, not silent.
    runner.on(EVENT_TEST_FAIL, (t: Mocha.Test, err: Error) =>
      write({ type: 'fail', title: t.fullTitle(), durationMs: t.duration, message: String(err?.message ?? err), stack: err?.stack }));
    runner.once(EVENT_RUN_END, () => {
      const s = this.stats;
      write({ type: 'end', passes: s.passes, failures: s.failures, pending: s.pending, durationMs: s.duration ?? 0 });
    });
  }
}
