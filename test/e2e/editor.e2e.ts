// The editor commands in the real workbench against the emulator, the way a person uses them: select a function,
// Bedrock Mantle → Refactor Selection from the editor's context menu, review the diff, Accept from its title bar,
// save, and find the file changed on disk; then Explain a selection and read the answer in the chat panel.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { current } from './session';
import { openCommandPalette, resetWorkbench, screenshot, waitForNotification, waitUntil, webviewBySurface } from './workbench';

// Over the default bedrockMantle.editor.maxSelectionChars of 40,000 characters: 1,000 lines of 50.
const BIG_FILE = 'src/big.js';
const BIG = Array.from({ length: 1000 }, (_, i) => `export const value${i + 1000} = ${i + 1000} * 1000; // a constant\n`).join('');

const CODER_ORDER = ['qwen.qwen3-coder-480b-a35b-instruct', 'qwen.qwen3-coder-30b-a3b-instruct', 'qwen.qwen3-coder-next', 'mistral.devstral-2-123b'];

const FILE = 'src/cart.js';
const SOURCE = [
  'export function cartTotal(items) {',
  '  var taxRate = 0.2;',
  '  let sum = 0;',
  '  for (const item of items) {',
  '    if (item.quantity == 0) continue;',
  '    sum += item.price * item.quantity;',
  '  }',
  '  return sum * (1 + taxRate);',
  '}',
  '',
  'export const currency = "EUR";',
  '',
].join('\n');

/** Opens a workspace file with Quick Open and waits for its editor to have the focus. */
async function openFile(rel: string): Promise<Locator> {
  const { page } = current();
  const name = rel.split('/').pop()!;
  // The palette helper gets the focus out of a webview (the chat) first; without the leading ">" it is Quick Open.
  // A file written moments ago may not be in Quick Open's file list yet: ask again until it is.
  for (let attempt = 1; ; attempt++) {
    const input = await openCommandPalette();
    await input.fill(name);
    try {
      await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 5000 });
      break;
    } catch (e) {
      if (attempt === 6) throw e;
    }
  }
  await page.keyboard.press('Enter');
  const editor = page.locator('.editor-group-container.active .monaco-editor:not(.monaco-diff-editor .monaco-editor)').first();
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await editor.locator('.view-lines').waitFor();
  return editor;
}

/** Puts the cursor at the start of line 1 and selects `lines` whole lines with the keyboard. */
async function selectLines(editor: Locator, lines: number): Promise<void> {
  const { page } = current();
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < lines; i++) await page.keyboard.press('Shift+ArrowDown');
}

/** The chat panel's content frame (the panel's body says data-surface="panel"). */
function chatPanel(): Promise<FrameLocator> {
  return webviewBySurface('panel', { what: 'the chat panel' });
}

describe('Editor commands', function () {
  this.timeout(120_000);
  before(async function () {
    if (!current().emulator) this.skip();
    // Earlier specs leave editors (the chat panel, comparisons, scratch documents), the panel and toasts behind.
    await resetWorkbench();
    const path = join(current().server.workspace, FILE);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, SOURCE);
    writeFileSync(join(current().server.workspace, BIG_FILE), BIG);
  });

  after(async () => {
    // Leave no proposal diff, dialog or chat panel for the specs after this one.
    if (current().emulator) await resetWorkbench();
  });

  it('refactors a selected function: diff, Accept, and the file is changed', async () => {
    const { page, emulator, server } = current();
    const editor = await openFile(FILE);
    await selectLines(editor, 9);
    const before = emulator!.handle.log.length;

    // The editor's context menu has the "Bedrock Mantle" submenu while there is a selection.
    await editor.locator('.view-lines').click({ button: 'right', position: { x: 60, y: 30 } });
    const menuItem = (label: string) => page.locator('.context-view .monaco-menu .action-item', { has: page.locator('.action-label', { hasText: label }) }).first();
    await menuItem('Bedrock Mantle').waitFor();
    // A pointer that arrives while the menu is still being laid out is ignored; the row taking the focus is the sign.
    await waitUntil(async () => {
      await menuItem('Bedrock Mantle').hover();
      return /\bfocused\b/.test((await menuItem('Bedrock Mantle').getAttribute('class')) ?? '');
    }, 'the Bedrock Mantle submenu row to take the focus');
    // Into the submenu with the keyboard: a pointer moving there crosses the main menu's rows, which closes it.
    await page.keyboard.press('ArrowRight');
    // The submenu lives inside the main menu's focused row, so the innermost focused row is the submenu's.
    const focusedLabel = () => page.locator('.context-view .action-item.focused').evaluateAll((rows) => {
      const innermost = rows.filter((r) => !rows.some((o) => o !== r && r.contains(o)));
      return innermost.map((r) => r.querySelector('.action-label')?.textContent?.trim() ?? '').pop() ?? '';
    });
    for (let i = 0; i < 8 && (await focusedLabel()) !== 'Refactor Selection'; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await focusedLabel(), 'Refactor Selection');
    await page.keyboard.press('Enter');

    await waitForNotification(/Refactor of src\/cart\.js lines 1–9 is ready to review/, { timeoutMs: 30_000 });
    const request = emulator!.handle.log.slice(before).find((e) => e.path === '/v1/chat/completions');
    assert.ok(request, 'a Chat Completions request was sent');
    assert.equal(request.model, 'qwen.qwen3-coder-480b-a35b-instruct');
    assert.equal(request.stream, true);

    const diff = page.locator('.editor-group-container.active .monaco-diff-editor');
    await diff.waitFor();
    await page.locator('.tabs-container .tab.active', { hasText: 'Original ↔ Refactor' }).waitFor();
    const proposed = (await diff.locator('.editor.modified .view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.match(proposed, /const taxRate = 0\.2;/);
    assert.match(proposed, /item\.quantity === 0/);
    await screenshot('editor-refactor-diff', { publish: true });

    await page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Accept Proposal"]').click();
    await diff.waitFor({ state: 'detached' });
    await page.locator('.tabs-container .tab.active', { hasText: 'cart.js' }).waitFor();
    await page.keyboard.press('Control+S');
    const onDisk = await waitUntil(() => {
      const text = readFileSync(join(server.workspace, FILE), 'utf8');
      return text !== SOURCE && text;
    }, 'the saved file on disk', { timeoutMs: 10_000 });
    assert.match(onDisk, /^export function cartTotal\(items\) \{\n {2}const taxRate = 0\.2;\n {2}let sum = 0;/);
    assert.match(onDisk, /\n {4}if \(item\.quantity === 0\) continue;\n/);
    assert.ok(onDisk.endsWith('}\n\nexport const currency = "EUR";\n'), 'the code after the selection is untouched');
  });

  it('explains a selection in the chat, with the file and line range', async () => {
    const { page, emulator } = current();
    const editor = await openFile(FILE);
    await selectLines(editor, 9);
    const before = emulator!.handle.log.length;
    // The keybinding chord (the command palette would press Escape first, which drops the selection).
    await page.keyboard.press('Control+Alt+M');
    await page.keyboard.press('E');

    const frame = await chatPanel();
    const answer = frame.locator('.msg.assistant').last();
    await answer.and(frame.locator('.status-done')).waitFor({ timeout: 30_000 });
    assert.match(await answer.locator('.answer').innerText(), /cartTotal\(items\)/);
    // The selection arrives as the turn's attachment chip: file name and line range.
    assert.match(await frame.locator('.msg.user').last().locator('.turn-attachments').innerText(), /cart\.js:1–9/);
    const request = emulator!.handle.log.slice(before).find((e) => e.method === 'POST' && e.path === '/v1/chat/completions');
    assert.equal(request?.model, 'qwen.qwen3-coder-480b-a35b-instruct', 'Explain uses the default coder model');
    await screenshot('editor-explain-chat', { publish: true });
  });

  it('Run on Selection with Model… lists the coder models first and uses the one picked', async () => {
    const { page, emulator, server } = current();
    writeFileSync(join(server.workspace, FILE), SOURCE);
    const editor = await openFile(FILE);
    await page.waitForFunction(() => document.querySelector('.editor-group-container.active .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('var taxRate'), undefined, { timeout: 10_000 });
    await selectLines(editor, 9);
    await page.keyboard.press('Control+Alt+M');
    await page.keyboard.press('M');

    const input = page.locator('.quick-input-widget input');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Fix' }).first().waitFor();
    await input.fill('Fix');
    await page.keyboard.press('Enter');

    await rows.filter({ hasText: CODER_ORDER[0] }).first().waitFor();
    const listed = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
    CODER_ORDER.forEach((id, i) => assert.ok(listed[i]?.includes(id), `row ${i + 1} is ${id}: ${listed[i]}`));
    assert.match(listed[0], /default/);
    await input.fill('devstral');
    await rows.filter({ hasText: 'mistral.devstral-2-123b' }).first().waitFor();
    await page.keyboard.press('Enter');

    await page.locator('.tabs-container .tab.active', { hasText: 'Original ↔ Fix (devstral-2-123b)' }).waitFor({ timeout: 30_000 });
    const sent = emulator!.handle.log.filter((e) => e.path === '/v1/chat/completions').at(-1);
    assert.equal(sent?.model, 'mistral.devstral-2-123b');
    await page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Reject Proposal"]').click();
    await page.locator('.tabs-container .tab.active', { hasText: 'cart.js' }).waitFor();
    // cart.js may already be the active tab of another group (the chat panel opens beside it): wait for the diff's
    // own tab to go, then check that no proposal tab is left anywhere.
    await page.locator('.tabs-container .tab', { hasText: 'Original ↔ Fix (devstral-2-123b)' }).waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.locator('.tabs-container .tab', { hasText: 'Original ↔' }).count(), 0, 'the diff closed');
    assert.equal(readFileSync(join(server.workspace, FILE), 'utf8'), SOURCE);
  });

  it('asks before sending a selection over bedrockMantle.editor.maxSelectionChars, and Cancel sends nothing', async () => {
    const { page, emulator } = current();
    const editor = await openFile(BIG_FILE);
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+A');
    const before = emulator!.handle.log.length;
    await page.keyboard.press('Control+Alt+M');
    await page.keyboard.press('R');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), new RegExp(`The selection is ${BIG.length.toLocaleString('en-US')} characters, more than the 40,000 set in bedrockMantle\\.editor\\.maxSelectionChars`));
    assert.equal(await dialog.locator('.monaco-button', { hasText: 'Send Anyway' }).count(), 1);
    await dialog.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    // A fixed wait on purpose: what is checked is that NO request goes out, and an absence has no signal to await.
    // Cancel resolves the command at once; 500 ms is far longer than a request would take to reach the emulator.
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(emulator!.handle.log.length, before, 'nothing was sent');
  });
});
