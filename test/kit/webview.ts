// The chat webview in headless Chromium for a mocha suite: started in a before hook and closed after, so a suite says
// what it needs in one line. The returned object stands for the running harness inside the suite's tests and hooks.
import { join } from 'node:path';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread } from '../../src/common/threads/model';
import { startWebviewHarness, type WebviewHarness } from '../hardening/webviewHarness';

const DIST = join(__dirname, '..', '..', 'dist');

export function chatWebviewForSuite(): WebviewHarness {
  let running: WebviewHarness | undefined;
  before(async function () {
    this.timeout(90_000); // Chromium's first start on a busy 2-core machine
    running = await startWebviewHarness(DIST);
  });
  after(async () => { await running?.close(); running = undefined; });
  return new Proxy({} as WebviewHarness, {
    get(_target, prop) {
      if (!running) throw new Error('The webview harness runs only inside the suite\'s tests and hooks.');
      const value = Reflect.get(running, prop, running) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(running) : value;
    },
  });
}

/**
 * The host's `state` for the thread `t` shown whole, as the chat posts it: the thread list holding only `t` (running
 * while a turn streams), one Responses model to pick (`model`) and the default preferences.
 */
export function threadState(t: Thread, model: string): HostMessage {
  return {
    type: 'state', thread: t, models: [{ id: model, api: 'responses', reasoning: true }],
    threads: [{ id: t.id, title: t.title, model: t.model, updatedAt: t.updatedAt, turns: t.turns.length, running: t.turns.some((x) => x.status === 'streaming') }],
    prefs: { showReasoning: true, effort: 'medium', store: true },
  };
}
