// Streaming deltas are sent at most once every `intervalMs`, so the webview gets a few messages per second instead
// of one per token and re-renders a turn at that rate, not per token. The throttle fires on the leading edge: a delta
// that arrives after a quiet interval (the first token of an answer, above all) is sent at once, so batching never
// adds latency to the first token; only the deltas that follow it within the interval wait for the next send.

export interface DeltaBatch {
  threadId: string;
  turnId: string;
  text: string;
  reasoning: string;
}

export class DeltaBatcher {
  private pending = new Map<string, DeltaBatch>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastSentAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly flushTo: (batch: DeltaBatch) => void,
    private readonly intervalMs = 40,
    private readonly now: () => number = () => performance.now(),
  ) {}

  push(threadId: string, turnId: string, kind: 'text' | 'reasoning', delta: string): void {
    if (!delta) return;
    const key = `${threadId}\u0000${turnId}`;
    let b = this.pending.get(key);
    if (!b) this.pending.set(key, (b = { threadId, turnId, text: '', reasoning: '' }));
    b[kind] += delta;
    if (this.timer) return;
    const wait = this.lastSentAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Sends everything pending now (called before a turn's final state is posted, so no delta arrives after it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batches = [...this.pending.values()];
    this.pending.clear();
    this.lastSentAt = this.now();
    for (const b of batches) this.flushTo(b);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
