// Mantle models in VS Code's own chat, in the real workbench: "Ask @mantle in VS Code Chat" opens the chat in Ask mode
// with a Mantle model selected, /explain answers about the editor's selection with follow-ups, and the chat's model
// picker lists the Mantle models (screenshot for the README).
//
// The shared session runs with "chat.disableAIFeatures": true (quiet settings), which hides the chat, and the
// workbench reads that setting only when it starts. So this spec has a private editor of its own with the chat on
// (the shared emulator's endpoint and key): flipping the setting in the shared one meant rewriting its settings and
// reloading it twice, which left the shared workbench in a state later specs tripped over.
// The published screenshots are taken in this spec (MANTLE_UPDATE_SCREENSHOTS=1).
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { current, E2E_WORKSPACE_FILES, openEditor, type Editor } from './session';
import { connectionStatusItem, runCommand, screenshot } from './workbench';

describe('Mantle models in VS Code chat', function () {
  this.timeout(120_000);
  let editor: Editor | undefined;
  let page: Page;

  before(async function () {
    const emulator = current().emulator;
    if (!emulator) this.skip();
    this.timeout(180_000);
    editor = await openEditor({
      label: 'e2e-lm',
      vsix: current().vsix,
      settings: { 'bedrockMantle.endpoint': emulator.url, 'chat.disableAIFeatures': false },
      env: { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey },
      workspaceFiles: E2E_WORKSPACE_FILES,
    });
    page = editor.page;
    // The extension is active once its status bar item shows.
    await connectionStatusItem(page).waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    // The root hooks shoot the shared page; a failure here is on this spec's own page.
    if (this.currentTest?.state === 'failed' && editor) await screenshot(`FAILED-${this.currentTest.fullTitle()}`, { page });
  });

  after(async () => {
    await editor?.close();
  });

  it('answers /explain on the selection through @mantle, with follow-ups', async () => {
    await runCommand('Go to File...', { page });
    await page.keyboard.type('src/inventory.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'inventory.ts' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.locator('.view-lines', { hasText: 'export function total' }).waitFor({ timeout: 15_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');

    await runCommand('Bedrock Mantle: Ask @mantle in VS Code Chat', { page });
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
    await screenshot('lm-participant-explain', { page, publish: true });
  });

  it('lists the Mantle models in the chat\'s model picker', async () => {
    const input = page.locator('.interactive-input-part').first();
    await input.locator('.action-label', { hasText: 'GPT-OSS 120B' }).click();
    const widget = page.locator('.action-widget');
    await widget.locator('.monaco-list-row', { hasText: 'Other Models' }).first().click();
    await widget.locator('.monaco-list-row', { hasText: 'Devstral 2 123B' }).first().waitFor({ timeout: 10_000 });
    const rows = await widget.locator('.monaco-list-row').allInnerTexts();
    assert.ok(rows.some((r) => /GPT-OSS 20B[\s\S]*Bedrock Mantle · OpenAI/.test(r)), `picker rows: ${rows.slice(0, 6).join(' | ')}`);
    await screenshot('lm-model-picker', { page, publish: true });
    await page.keyboard.press('Escape');
  });
});
