// Waiting out a burst of keystrokes: resolves true after `ms`, or false as soon as `signal` aborts (the person typed
// again, so this request will never be sent). Timers are injected so tests drive them with a fake clock.

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export function debounce(ms: number, signal: AbortSignal, timers: Timers = realTimers): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  if (ms <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = () => { timers.clearTimeout(handle); resolve(false); };
    const handle = timers.setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(true); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
