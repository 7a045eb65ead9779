// Streaming deltas are collected and flushed at most every `intervalMs`, so the webview gets a few messages per
// second instead of one per token and re-renders a turn at that rate, not per token.

export interface DeltaBatch {
  threadId: string;
  turnId: string;
  text: string;
  reasoning: string;
}

export class DeltaBatcher {
  private pending = new Map<string, DeltaBatch>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly flushTo: (batch: DeltaBatch) => void, private readonly intervalMs = 40) {}

  push(threadId: string, turnId: string, kind: 'text' | 'reasoning', delta: string): void {
    if (!delta) return;
    const key = `${threadId}\u0000${turnId}`;
    let b = this.pending.get(key);
    if (!b) this.pending.set(key, (b = { threadId, turnId, text: '', reasoning: '' }));
    b[kind] += delta;
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
  }

  /** Sends everything pending now (called before a turn's final state is posted, so no delta arrives after it). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batches = [...this.pending.values()];
    this.pending.clear();
    for (const b of batches) this.flushTo(b);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
