// Mantle models in VS Code's own chat, in the real workbench: "Ask @mantle in VS Code Chat" opens the chat in Ask mode
// with a Mantle model selected, /explain answers about the editor's selection with follow-ups, and the chat's model
// picker lists the Mantle models (screenshot for the README).
//
// The shared session starts with "chat.disableAIFeatures": true (quiet settings), which hides the chat; this spec
// turns it off for itself by rewriting User/settings.json with every other key kept (writing through the settings
// API would drop the machine-scoped endpoint code-server keeps in that file), and restores the file afterwards.
// The published screenshots are taken in this spec (MANTLE_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { current } from './session';
import { runCommand, screenshot } from './workbench';

async function reloadWorkbench(): Promise<void> {
  const { page } = current();
  await page.reload();
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  // The extension is active once its status bar item shows.
  await page.locator('.statusbar-item', { hasText: 'Mantle' }).first().waitFor({ timeout: 60_000 });
}

describe('Mantle models in VS Code chat', () => {
  let settingsFile: string;
  let original: string;

  before(async function () {
    if (!current().emulator) this.skip();
    const { server, emulator } = current();
    settingsFile = join(server.dirs.userData, 'User', 'settings.json');
    original = readFileSync(settingsFile, 'utf8');
    const settings = JSON.parse(original) as Record<string, unknown>;
    // The endpoint is written again because an earlier spec that wrote a user setting may have dropped it.
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'bedrockMantle.endpoint': emulator!.url, 'chat.disableAIFeatures': false }, null, 2));
    // The workbench sets up (or tears down) its chat only when it starts, so reload it with the new setting.
    await reloadWorkbench();
  });

  after(async () => {
    if (!original) return;
    // As the session set it up, with the emulator's endpoint (see before()).
    const settings = JSON.parse(original) as Record<string, unknown>;
    writeFileSync(settingsFile, JSON.stringify({ ...settings, 'bedrockMantle.endpoint': current().emulator!.url }, null, 2));
    await reloadWorkbench();
  });

  it('answers /explain on the selection through @mantle, with follow-ups', async () => {
    const { page } = current();
    await runCommand('Go to File...');
    await page.keyboard.type('src/inventory.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'inventory.ts' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'export function total' }).waitFor({ timeout: 15_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');

    await runCommand('Bedrock Mantle: Ask @mantle in VS Code Chat');
    const input = page.locator('.interactive-input-part').first();
    await input.locator('.action-label', { hasText: 'GPT-OSS 120B' }).waitFor({ timeout: 20_000 });
    await input.locator('.monaco-editor').click();
    await page.keyboard.press('End');
    await page.keyboard.type('/explain ');
    await page.keyboard.press('Enter');

    const answer = page.locator('.interactive-list .interactive-response').last();
    // The emulator's explanation names the selected function and quotes it in a code block.
    await answer.locator('.rendered-markdown', { hasText: 'total(items)' }).first().waitFor({ timeout: 30_000 });
    assert.match(await answer.innerText(), /defines 1 function/);
    await page.locator('.interactive-session .chat-followups, .interactive-session .interactive-session-followups', { hasText: 'Fix bugs in the selection' }).first()
      .waitFor({ timeout: 10_000 });
    await screenshot('lm-participant-explain', { publish: true });
  });

  it('lists the Mantle models in the chat\'s model picker', async () => {
    const { page } = current();
    const input = page.locator('.interactive-input-part').first();
    await input.locator('.action-label', { hasText: 'GPT-OSS 120B' }).click();
    const widget = page.locator('.action-widget');
    await widget.locator('.monaco-list-row', { hasText: 'Other Models' }).first().click();
    await widget.locator('.monaco-list-row', { hasText: 'Devstral 2 123B' }).first().waitFor({ timeout: 10_000 });
    const rows = await widget.locator('.monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => /GPT-OSS 20B[\s\S]*Bedrock Mantle · OpenAI/.test(r)), `picker rows: ${rows.slice(0, 6).join(' | ')}`);
    await screenshot('lm-model-picker', { publish: true });
    await page.keyboard.press('Escape');
  });
});
