// The Models sidebar in the real workbench, fed by the emulator: the vendors and a model's description are on
// screen, and "Set as Default Coder Model" from a row's context menu moves the ★ marker and writes the user setting.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { current } from './session';
import { clickViewTitleAction, openSidebar, readTreeRows, screenshot, viewPane } from './workbench';

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
  before(function () {
    if (!current().emulator) this.skip();
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

  it('sets the default coder model from a row\'s context menu', async () => {
    const { page, server } = current();
    await row(NEW_CODER.name).click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Set as Default Coder Model' });
    await item.waitFor({ timeout: 10_000 });
    // A click that lands while the menu is still being laid out was seen to be lost; let it settle first.
    await page.waitForTimeout(300);
    await item.click();

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
