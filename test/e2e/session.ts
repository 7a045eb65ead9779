// The one code-server + one browser shared by every e2e spec in a run (started and stopped by the root hooks in
// hooks.ts). The extension is installed from a real .vsix, as a person would install it, and its settings point
// at the Mantle emulator with the emulator's key in the editor's environment (AWS_BEARER_TOKEN_BEDROCK).
import type { Page } from 'playwright-core';
import { join } from 'node:path';
import { launchBrowser, type Browser } from '../tools/browser';
import { startCodeServer, type CodeServer } from '../tools/codeServer';
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
  const server = await startCodeServer({
    label: 'e2e',
    vsix,
    settings: emulator ? { 'bedrockMantle.endpoint': emulator.url } : {},
    env: emulator ? { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey } : {},
    workspaceFiles: E2E_WORKSPACE_FILES,
  });
  const browser = await launchBrowser();
  session = { server, browser, page: browser.page, emulator, vsix };
  await browser.page.goto(server.workbenchUrl());
  await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return session;
}

export async function stopSession(): Promise<void> {
  const s = session;
  session = undefined;
  if (!s) return;
  await s.browser.close();
  await s.server.stop();
  await s.emulator?.close();
}
