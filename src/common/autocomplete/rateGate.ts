// Cost discipline that does not depend on the editor: at most `perMinute` requests in any sliding minute, and after a
// 429 no requests at all for a back-off that doubles with each 429 in a row (and honours retry-after when longer).
// Time comes from `now` so the rules are tested with a fake clock.

export type GateDecision = { ok: true } | { ok: false; reason: 'cap' | 'backoff'; retryInMs: number };

export const BACKOFF_START_MS = 5_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
const MINUTE = 60_000;

export class RateGate {
  private sent: number[] = [];
  private blockedUntil = 0;
  private backoffMs = 0;

  constructor(private readonly perMinute: () => number, private readonly now: () => number) {}

  check(): GateDecision {
    const t = this.now();
    if (t < this.blockedUntil) return { ok: false, reason: 'backoff', retryInMs: this.blockedUntil - t };
    this.sent = this.sent.filter((s) => t - s < MINUTE);
    if (this.sent.length >= this.perMinute()) return { ok: false, reason: 'cap', retryInMs: MINUTE - (t - this.sent[0]) };
    return { ok: true };
  }

  /** A request went out. */
  recordSent(): void {
    this.sent.push(this.now());
  }

  /** The server answered 429: wait, twice as long as last time (at most BACKOFF_MAX_MS), or retry-after if longer. */
  recordRateLimited(retryAfterMs?: number): number {
    this.backoffMs = this.backoffMs ? Math.min(BACKOFF_MAX_MS, this.backoffMs * 2) : BACKOFF_START_MS;
    const wait = Math.max(this.backoffMs, retryAfterMs ?? 0);
    this.blockedUntil = this.now() + wait;
    return wait;
  }

  /** A request got through: the next 429 starts the back-off from the beginning again. */
  recordSuccess(): void {
    this.backoffMs = 0;
  }
}
