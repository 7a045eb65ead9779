// The installed .vsix in the real workbench: the editor loads with the extension, its activity-bar container is
// there, and "Bedrock Mantle: Show Logs" from the command palette opens the Output view on its own channel.
import * as assert from 'node:assert/strict';
import { current } from './session';
import { activityBarItem, openSidebar, readOutput, runCommand, screenshot } from './workbench';

describe('workbench with the extension installed', () => {
  it('loads the workbench with the workspace open', async () => {
    const { page } = current();
    await page.locator('.part.sidebar .pane-header', { hasText: 'workspace' }).first().waitFor({ timeout: 30_000 });
    await screenshot('workbench-loaded');
  });

  it('lists the extension\'s commands in the command palette', async () => {
    const { page } = current();
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input').fill('>Bedrock Mantle:');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.filter({ hasText: 'Bedrock Mantle: Show Logs' }).waitFor({ timeout: 30_000 });
    const titles = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    await screenshot('command-palette', { publish: true });
    await page.keyboard.press('Escape');
    assert.ok(titles.some((t) => t.startsWith('Bedrock Mantle: Show Logs')), `palette rows: ${titles.join(' | ')}`);
  });

  it('shows the Bedrock Mantle container in the activity bar', async () => {
    await activityBarItem('Bedrock Mantle').waitFor({ state: 'visible', timeout: 20_000 });
    await openSidebar('Bedrock Mantle');
    await screenshot('sidebar');
  });

  it('"Bedrock Mantle: Show Logs" opens the Output view on the Bedrock Mantle channel', async () => {
    await runCommand('Bedrock Mantle: Show Logs');
    const { page } = current();
    await page.locator('.part.panel select.monaco-select-box[aria-label="Switch Output"]').first().waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 15_000;
    let out = await readOutput();
    while (!/Bedrock Mantle .* activated/.test(out.text) && Date.now() < deadline) {
      await page.waitForTimeout(200);
      out = await readOutput();
    }
    await screenshot('show-logs');
    assert.equal(out.channel, 'Bedrock Mantle');
    assert.match(out.text, /\[info\] Bedrock Mantle \d+\.\d+\.\d+ activated/);
  });
});
