// Debian's Chromium driven by playwright-core (never the `playwright` package: it downloads browsers). Each launch
// gets a private, throw-away profile folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { onInterrupt } from './processes';
import { provisionChromium } from './provision';

/** Flags measured to work headless in containers (no sandbox as root, no GPU, nothing that phones home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** The throw-away profile folder (a test may look at what the browser stored, e.g. for leaked secrets). */
  profileDir: string;
  close(): Promise<void>;
}

export async function launchBrowser(opts: { headless?: boolean } = {}): Promise<Browser> {
  const executablePath = await provisionChromium();
  const profile = mkdtempSync(join(tmpdir(), 'mantle-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: opts.headless ?? process.env.MANTLE_HEADED !== '1',
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    // Playwright's own SIGINT handler exits the process as soon as the browser is closed, before processes.ts has
    // stopped code-server and removed the temp folders; that handler closes the browser instead.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  let closing: Promise<void> | undefined; // shared, like CodeServer.stop()
  const close = () => (closing ??= (async () => {
    unregister();
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); // Chromium's helpers exit last
  })());
  const unregister = onInterrupt(close);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, profileDir: profile, close };
}
