// The Models view with no credentials at all: a second, private editor (no API key in its environment, no endpoint
// setting) shows the view's welcome content with its buttons instead of an empty tree.
import * as assert from 'node:assert/strict';
import { launchBrowser, type Browser } from '../tools/browser';
import { startCodeServer, type CodeServer } from '../tools/codeServer';
import { current } from './session';
import { connectionStatusItem, openSidebar, screenshot } from './workbench';

describe('Models sidebar without credentials', () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;

  before(async function () {
    this.timeout(120_000);
    server = await startCodeServer({ label: 'e2e-welcome', vsix: current().vsix, workspaceFiles: { 'README.md': '# empty\n' } });
    browser = await launchBrowser();
    await browser.page.goto(server.workbenchUrl(), { timeout: 90_000 });
    await browser.page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the welcome content with Set API Key, Use AWS Profile and the emulator hint', async () => {
    const page = browser!.page;
    const sidebar = await openSidebar('Bedrock Mantle', page);
    // Before activation the welcome shows anyway; after it, it stays only if the tree really has no rows (no loading
    // or error row) — so wait for the extension's status bar item; the welcome waited for below is then the tree's own.
    await connectionStatusItem(page).filter({ hasText: 'Mantle us-east-1' }).waitFor({ timeout: 60_000 });
    const welcome = sidebar.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Models' }) }).locator('.welcome-view-content');
    await welcome.waitFor({ timeout: 30_000 });
    const text = await welcome.innerText();
    assert.match(text, /npm run emulator/);
    const buttons = await welcome.locator('.monaco-button').allInnerTexts();
    assert.deepEqual(buttons.map((b) => b.trim()), ['Set API Key', 'Use AWS Profile']);
    await screenshot('models-welcome', { page });
  });
});
