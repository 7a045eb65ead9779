// The one code-server + one browser shared by every e2e spec in a run (started and stopped by the root hooks in
// hooks.ts). The extension is installed from a real .vsix, as a person would install it, and its settings point
// at the Mantle emulator with the emulator's key in the editor's environment (AWS_BEARER_TOKEN_BEDROCK).
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, type Browser } from '../tools/browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from '../tools/codeServer';
import { tryStartTestEmulator, type TestEmulator } from '../tools/emulator';
import { packageExtension } from '../tools/package';
import { artifactPath, runId } from '../tools/paths';

export interface E2ESession {
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** Undefined when the emulator could not start; specs that need it call `requireEmulator()`. */
  emulator?: TestEmulator;
  vsix: string;
}

let session: E2ESession | undefined;

/** Files in the workspace the e2e workbench opens. */
export const E2E_WORKSPACE_FILES: Record<string, string> = {
  'README.md': '# e2e workspace\n',
  'src/inventory.ts': [
    'export interface Item { name: string; price: number; quantity: number }',
    '',
    'export function total(items: Item[]): number {',
    '  let sum = 0;',
    '  for (let i = 0; i <= items.length; i++) sum += items[i].price * items[i].quantity;',
    '  return sum;',
    '}',
    '',
  ].join('\n'),
};

export function current(): E2ESession {
  if (!session) throw new Error('no e2e session: run e2e specs through test/e2e/.mocharc.json (root hooks in test/e2e/hooks.ts)');
  return session;
}

export async function startSession(): Promise<E2ESession> {
  // MANTLE_VSIX lets the runner (run.ts) package once; running mocha directly packages here.
  const vsix = process.env.MANTLE_VSIX || (await packageExtension(join(artifactPath('e2e'), `${runId('bedrock-mantle')}.vsix`)));
  const emulator = await tryStartTestEmulator('e2e');
  const editor = await openEditor({
    label: 'e2e',
    vsix,
    settings: emulator ? { 'bedrockMantle.endpoint': emulator.url } : {},
    env: emulator ? { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey } : {},
    workspaceFiles: E2E_WORKSPACE_FILES,
  });
  session = { ...editor, emulator, vsix };
  return session;
}

export interface Editor {
  server: CodeServer;
  browser: Browser;
  page: Page;
  /** Closes the browser, then stops code-server; safe to call when opening failed halfway. */
  close(): Promise<void>;
}

/**
 * A code-server with the extension installed and a browser showing its workbench. The shared session is one; a spec
 * that needs other settings, another emulator or a clean profile opens its own (and closes it in `after`).
 */
export async function openEditor(opts: CodeServerOptions): Promise<Editor> {
  const server = await startCodeServer(opts);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    await browser.page.goto(server.workbenchUrl(), { timeout: 90_000 });
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  } catch (e) {
    await browser?.close();
    await server.stop();
    throw e;
  }
  const opened = browser;
  return {
    server,
    browser: opened,
    page: opened.page,
    close: async () => {
      await opened.close();
      await server.stop();
    },
  };
}

export async function stopSession(): Promise<void> {
  const s = session;
  session = undefined;
  if (!s) return;
  await s.browser.close();
  await s.server.stop();
  await s.emulator?.close();
}
