// Debian's Chromium driven by playwright-core (never the `playwright` package: it downloads browsers). Each launch
// gets a private, throw-away profile folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { onInterrupt } from './processes';
import { provision } from './provision';

/** Flags measured to work headless in containers (no sandbox as root, no GPU, nothing that phones home). */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(opts: { headless?: boolean } = {}): Promise<Browser> {
  const tools = await provision();
  const profile = mkdtempSync(join(tmpdir(), 'mantle-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: tools.chromium,
    headless: opts.headless ?? process.env.MANTLE_HEADED !== '1',
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    unregister();
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); // Chromium's helpers exit last
  };
  const unregister = onInterrupt(close);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, close };
}
