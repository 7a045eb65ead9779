// The Models sidebar in the real workbench, fed by the emulator: the vendors and a model's description are on
// screen, and "Set as Default Coder Model" from a row's context menu moves the ★ marker and writes the user setting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { current } from './session';
import { clickMenuItem, clickViewTitleAction, openSidebar, readTreeRows, resetWorkbench, screenshot, viewPane } from './workbench';

const VENDORS = ['OpenAI', 'Mistral', 'Qwen', 'DeepSeek', 'Google', 'NVIDIA', 'MiniMax', 'Moonshot', 'Z.ai', 'Writer'];
const NEW_CODER = { id: 'qwen.qwen3-coder-30b-a3b-instruct', name: 'Qwen3 Coder 30B A3B Instruct' };
const OLD_CODER_NAME = 'Qwen3 Coder 480B A35B Instruct';

/** A row of the Models tree whose visible text starts with `label` (labels are unique in this tree). */
function row(label: string): Locator {
  return viewPane('Models').locator('.pane-body .monaco-list-row', { has: current().page.locator('.label-name', { hasText: label }) }).first();
}

/** Drags the side bar wider so the rows' descriptions are not cut off in the screenshot. */
async function widenSidebar(toX: number): Promise<void> {
  const { page } = current();
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const x = box.x + box.width + 1;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(toX, y, { steps: 5 });
  await page.mouse.up();
}

describe('Models sidebar', () => {
  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });

  it('shows the live models grouped by vendor, with kind and APIs', async () => {
    await openSidebar('Bedrock Mantle');
    await widenSidebar(620);
    await row('OpenAI').waitFor({ timeout: 30_000 });
    // Every vendor fits on screen once the groups are collapsed (the list is virtual: off-screen rows are not in it).
    await clickViewTitleAction('Models', 'Collapse All');
    const rows = await readTreeRows('Models', { atLeast: VENDORS.length });
    const top = rows.filter((r) => r.level === 1);
    // A row's accessible label is "<label>, <description>".
    assert.deepEqual(top.map((r) => r.label.split(', ')[0]), VENDORS);
    assert.equal(top.find((r) => r.label.startsWith('Qwen'))!.label, 'Qwen, 7 models');

    await row('Qwen').click();
    await row(NEW_CODER.name).waitFor({ timeout: 10_000 });
    assert.match(await row(NEW_CODER.name).innerText(), /code · Chat only/);
    assert.match(await row(OLD_CODER_NAME).innerText(), /★ default coder/);
  });

  it('filters by words from the title bar, shows the filter and clears it', async () => {
    const { page } = current();
    await clickViewTitleAction('Models', 'Filter Models…');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('code');
    await page.keyboard.press('Enter');
    await viewPane('Models').locator('.pane-header', { hasText: 'Filter: code' }).waitFor({ timeout: 10_000 });
    await page.waitForFunction(() => document.querySelectorAll('.pane-body .monaco-list-row[aria-level="1"]').length <= 3, undefined, { timeout: 10_000 });
    const top = (await readTreeRows('Models', { atLeast: 2 })).filter((r) => r.level === 1).map((r) => r.label);
    assert.deepEqual(top.filter((l) => /^(Mistral|Qwen),/.test(l)), ['Mistral, 1 of 8 models', 'Qwen, 3 of 7 models']);

    await clickViewTitleAction('Models', 'Clear Models Filter');
    await page.waitForFunction(() => !document.querySelector('.pane-header')?.textContent?.includes('Filter: code'), undefined, { timeout: 10_000 });
    await row('OpenAI').waitFor({ timeout: 10_000 });
  });

  it('shows a failed Refresh as an error row with Retry above the last list, and Retry clears it', async () => {
    const { emulator } = current();
    const handle = emulator!.handle as unknown as { setFaults(f: { kind: string; path?: string; method?: string }[]): void };
    handle.setFaults([{ kind: '401', path: '/v1/models', method: 'GET' }]);
    await clickViewTitleAction('Models', 'Refresh Models');
    await row('Retry').waitFor({ timeout: 15_000 });
    const rows = (await readTreeRows('Models')).map((r) => r.label.split(', ')[0].trim());
    assert.ok(rows.some((l) => /401|API key|rejected/i.test(l)), `rows: ${rows.join(' | ')}`);
    assert.ok(rows.includes('Show Logs'), `rows: ${rows.join(' | ')}`);
    assert.ok(rows.includes('OpenAI'), 'the last list stays visible');
    await screenshot('models-error');

    await row('Retry').click();
    await row('Retry').waitFor({ state: 'detached', timeout: 15_000 });
    await row('OpenAI').waitFor({ timeout: 15_000 });
  });
  // Last: in code-server, writing a user setting drops the machine-scoped endpoint kept in User/settings.json (it
  // belongs in Machine/settings.json there), after which requests would no longer reach the emulator.
  it('sets the default coder model from a row\'s context menu', async () => {
    const { page, server } = current();
    await clickViewTitleAction('Models', 'Collapse All');
    await row('Qwen').click();
    await row(NEW_CODER.name).click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Set as Default Coder Model' });
    await item.waitFor({ timeout: 10_000 });
    await clickMenuItem(item);

    await page.waitForFunction(
      (name) => [...document.querySelectorAll('.monaco-list-row')].some((r) => r.textContent?.includes(name) && r.textContent.includes('★ default coder')),
      NEW_CODER.name, { timeout: 10_000 });
    assert.doesNotMatch(await row(OLD_CODER_NAME).innerText(), /★ default coder/, 'the marker moved');

    const settings = JSON.parse(readFileSync(join(server.dirs.userData, 'User', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(settings['bedrockMantle.coder.defaultModel'], NEW_CODER.id);

    // Hovering shows the row's Markdown tooltip in the screenshot.
    await row(NEW_CODER.name).hover();
    await page.locator('.monaco-hover').first().waitFor({ timeout: 5000 }).catch(() => undefined);
    await screenshot('models-sidebar', { publish: true });
  });
});
