// Steps the specs for models on other routes (gpt5.e2e.ts, claude.e2e.ts) share. Each of those specs runs a private
// editor whose emulator serves the December 2026 models, so the steps take that editor's page and emulator.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { RequestLogEntry } from '../emulator/server';
import type { TestEmulator } from '../tools/emulator';
import { clickMenuItem, clickViewTitleAction, openFile, openSidebar, screenshot, viewPane, webviewBySurface } from './workbench';

/** A model picked in the Models tree, and the route its requests must take. */
export interface RoutedPick {
  vendor: RegExp;
  name: RegExp;
  /** Its name in a Compare column. */
  column: string;
  id: string;
  path: string;
}

/** A file for the editor commands to work on (the specs put it in their workspace as `src/total.js`). */
export const TOTAL_JS = 'export function total(items) {\n  var sum = 0;\n  for (const i of items) sum += i.price;\n  return sum;\n}\n';

export function modelRow(page: Page, label: RegExp): Locator {
  return viewPane('Models', page).locator('.pane-body .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
}

/** Selects three models in the Models tree, compares them on one prompt, and checks each was asked once on its route. */
export async function compareFromTree(page: Page, emulator: TestEmulator, picks: readonly RoutedPick[], shot: string): Promise<void> {
  await openSidebar('Bedrock Mantle', page);
  await clickViewTitleAction('Models', 'Collapse All', page);
  const vendors = [...new Map(picks.map((p) => [p.vendor.source, p.vendor])).values()];
  for (const v of vendors) await modelRow(page, v).click();
  for (const p of picks) await modelRow(page, p.name).waitFor({ timeout: 10_000 });
  await modelRow(page, picks[0]!.name).click();
  for (const p of picks.slice(1)) await modelRow(page, p.name).click({ modifiers: ['ControlOrMeta'] });
  await page.waitForFunction((n) => document.querySelectorAll('.pane-body .monaco-list-row.selected').length === n, picks.length, { timeout: 5000 });
  await modelRow(page, picks.at(-1)!.name).click({ button: 'right' });
  const item = page.locator('.context-view .action-label', { hasText: 'Compare Models…' });
  await item.waitFor({ timeout: 10_000 });
  await clickMenuItem(item);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  const before = emulator.handle.log.length;
  await input.fill('Explain the CAP theorem in two sentences.');
  await page.keyboard.press('Enter');

  const frame = await webviewBySurface('compare', { page });
  await frame.locator('.compare-column.status-done').nth(picks.length - 1).waitFor({ timeout: 60_000 });
  assert.deepEqual(await frame.locator('.compare-column .who').allInnerTexts(), picks.map((p) => p.column));
  const sent = emulator.handle.log.slice(before).filter((e) => e.method === 'POST');
  for (const p of picks) {
    assert.deepEqual(sent.filter((e) => e.model === p.id).map((e) => e.path), [p.path], `${p.id} was asked once, on ${p.path}`);
  }
  await screenshot(shot, { page });
}

/**
 * Runs an editor action ("Fix", "Refactor") on the whole of `src/total.js` with the model picked by id in "Run on
 * Selection with Model…", waits for the diff, rejects it, and returns the requests it sent.
 */
export async function runOnSelectionWithModel(page: Page, emulator: TestEmulator, action: string, model: string): Promise<RequestLogEntry[]> {
  const editor = await openFile('src/total.js', { page });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  const before = emulator.handle.log.length;
  await page.keyboard.press('Control+Alt+M');
  await page.keyboard.press('M');
  const input = page.locator('.quick-input-widget input');
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.filter({ hasText: action }).first().waitFor({ timeout: 10_000 });
  await input.fill(action);
  await page.keyboard.press('Enter');
  await rows.filter({ hasText: 'qwen.' }).first().waitFor({ timeout: 10_000 });
  await input.fill(model);
  await rows.filter({ hasText: model }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');

  const tab = `Original ↔ ${action}`;
  await page.locator('.tabs-container .tab.active', { hasText: tab }).waitFor({ timeout: 60_000 });
  const sent = emulator.handle.log.slice(before).filter((e) => e.method === 'POST');
  await page.locator('.editor-group-container.active .editor-actions .action-label[aria-label^="Reject Proposal"]').click();
  await page.locator('.tabs-container .tab', { hasText: tab }).waitFor({ state: 'detached', timeout: 10_000 });
  return sent;
}
