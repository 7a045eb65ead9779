// The Models view with no credentials at all: a second, private editor (no API key in its environment, no endpoint
// setting) shows the view's welcome content with its buttons instead of an empty tree.
import * as assert from 'node:assert/strict';
import { current, openEditor, type Editor } from './session';
import { connectionStatusItem, openSidebar, screenshot } from './workbench';

describe('Models sidebar without credentials', () => {
  let editor: Editor | undefined;

  before(async function () {
    this.timeout(120_000);
    editor = await openEditor({ label: 'e2e-welcome', vsix: current().vsix, workspaceFiles: { 'README.md': '# empty\n' } });
  });

  after(async () => {
    await editor?.close();
  });

  it('shows the welcome content with Set API Key, Use AWS Profile and the emulator hint', async () => {
    const page = editor!.page;
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
