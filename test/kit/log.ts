// Logs for tests: one that says nothing, and one that keeps what reached warn and error so a test can assert on it.

export interface TestLog {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export function quietLog(): TestLog {
  const none = () => undefined;
  return { trace: none, debug: none, info: none, warn: none, error: none };
}

/** `warnings` and `errors` in the order they were logged (an error's message only). */
export function recordingLog(): TestLog & { warnings: string[]; errors: string[] } {
  const warnings: string[] = [];
  const errors: string[] = [];
  return { ...quietLog(), warnings, errors, warn: (m) => { warnings.push(m); }, error: (m) => { errors.push(m); } };
}
