// The request log tests assert on: one entry per API request (admin calls under /__emulator/ are not logged).
export interface RequestLogEntry {
  seq: number;
  method: string;
  path: string;
  status: number;
  requestBytes: number;
  auth: 'bearer' | 'x-api-key' | 'sigv4' | 'none';
  model?: string;
  stream: boolean;
  /** The client closed the connection before the response was complete (e.g. the user pressed Stop). */
  clientClosedEarly: boolean;
  /** The faults applied to this request, in x-emulator-fault header syntax. */
  fault?: string;
  startedAt: number;
  endedAt?: number;
  /** The parsed JSON request body. */
  body?: unknown;
  /** The Project the request named (OpenAI-Project, or anthropic-workspace on Messages), as sent. */
  project?: string;
}

type Waiter = { pred: (e: RequestLogEntry) => boolean; resolve: (e: RequestLogEntry) => void };

export class RequestLog {
  readonly entries: RequestLogEntry[] = [];
  private seq = 0;
  private waiters: Waiter[] = [];

  start(method: string, path: string): RequestLogEntry {
    const entry: RequestLogEntry = {
      seq: ++this.seq, method, path, status: 0, requestBytes: 0, auth: 'none', stream: false,
      clientClosedEarly: false, startedAt: Date.now(),
    };
    this.entries.push(entry);
    this.notify();
    return entry;
  }

  /** Call whenever an entry changed (finished, closed early) so waitFor() sees it. */
  notify(): void {
    this.waiters = this.waiters.filter((w) => {
      const hit = this.entries.find(w.pred);
      if (hit) w.resolve(hit);
      return !hit;
    });
  }

  clear(): void {
    this.entries.length = 0;
  }

  waitFor(pred: (e: RequestLogEntry) => boolean, timeoutMs = 5000): Promise<RequestLogEntry> {
    const hit = this.entries.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`emulator: no request log entry matched within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = { pred, resolve: (e) => { clearTimeout(timer); resolve(e); } };
      this.waiters.push(waiter);
    });
  }
}
