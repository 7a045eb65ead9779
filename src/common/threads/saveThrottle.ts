// Partial answers are saved while they stream, so a crash or a killed window keeps what had arrived — but not per
// token: a long answer is tens of thousands of deltas and each save rewrites the thread's file. The throttle saves a
// thread at most once per interval (the first request starts the clock; later ones within it are folded into one
// save at its end) and never after the turn finished (cancel), so the final save is the last word.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** How often a streaming answer is written to disk at most (per thread). */
export const PARTIAL_SAVE_INTERVAL_MS = 1000;

export class SaveThrottle {
  private readonly pending = new Map<string, unknown>();

  constructor(
    private readonly save: (key: string) => void,
    private readonly intervalMs = PARTIAL_SAVE_INTERVAL_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Asks for a save of `key`: one happens within the interval, however many requests arrive meanwhile. */
  request(key: string): void {
    if (this.pending.has(key)) return;
    this.pending.set(key, this.timers.setTimeout(() => {
      this.pending.delete(key);
      this.save(key);
    }, this.intervalMs));
  }

  /** Drops a pending save (the turn ended and its final state is saved instead). */
  cancel(key: string): void {
    const handle = this.pending.get(key);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.pending.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.cancel(key);
  }
}
