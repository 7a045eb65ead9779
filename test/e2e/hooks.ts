// Mocha root hooks for the e2e tier (loaded by test/e2e/.mocharc.json): one code-server and one browser for the
// whole run, and a screenshot of every failing test (or hook) under .test-artifacts/screenshots/FAILED-*.png.
import type { Context } from 'mocha';
import { current, startSession, stopSession } from './session';
import { screenshot } from './workbench';

export const mochaHooks = {
  async beforeAll(this: Context) {
    this.timeout(180_000); // packaging + first code-server start on a cold 2-core machine
    await startSession();
  },
  async afterEach(this: Context) {
    const test = this.currentTest;
    if (test?.state !== 'failed') return;
    try {
      const file = await screenshot(`FAILED-${test.fullTitle()}`);
      console.log(`      screenshot: ${file}`);
      // A failure can leave a modal error dialog or an open quick pick that would block the next spec.
      await current().page.keyboard.press('Escape');
      await current().page.keyboard.press('Escape');
    } catch { /* no page to shoot (the session never started) */ }
  },
  async afterAll(this: Context) {
    this.timeout(30_000);
    await stopSession();
  },
};
