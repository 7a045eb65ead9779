// Streaming deltas of a turn are sent once every `intervalMs` at most (another turn's send may carry them along), so the webview gets a few messages per second
// instead of one per token and re-renders a turn at that rate, not per token. The throttle fires on the leading edge:
// a delta of a turn that had nothing sent within the interval (its first token, above all) is sent at once — even
// when another turn was sent a moment ago — so batching never adds latency to a first token; only the deltas that
// follow it within the interval wait for the next send.

export interface DeltaBatch {
  threadId: string;
  turnId: string;
  text: string;
  reasoning: string;
}

export class DeltaBatcher {
  private pending = new Map<string, DeltaBatch>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When each turn was last sent, for the turns sent within the last interval (older ones count as quiet). */
  private readonly lastSentAt = new Map<string, number>();

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
    const wait = (this.lastSentAt.get(key) ?? Number.NEGATIVE_INFINITY) + this.intervalMs - this.now();
    // A quiet turn goes out now, with whatever else is pending; otherwise the timer (if not already set) sends it.
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** Sends everything pending now (called before a turn's final state is posted, so no delta arrives after it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batches = [...this.pending.values()];
    const now = this.now();
    for (const [key, at] of this.lastSentAt) if (at + this.intervalMs <= now) this.lastSentAt.delete(key);
    for (const key of this.pending.keys()) this.lastSentAt.set(key, now);
    this.pending.clear();
    for (const b of batches) this.flushTo(b);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    this.lastSentAt.clear();
  }
}
