// The chat webview in headless Chromium for a mocha suite: started in a before hook and closed after, so a suite says
// what it needs in one line. The returned object stands for the running harness inside the suite's tests and hooks.
import { join } from 'node:path';
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
