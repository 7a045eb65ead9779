// The installed .vsix in the real workbench: the editor loads with the extension, its activity-bar container is
// there, and "Bedrock Mantle: Show Logs" from the command palette opens the Output view on its own channel.
import * as assert from 'node:assert/strict';
import { current } from './session';
import { activityBarItem, openSidebar, readOutput, resetWorkbench, waitUntil, runCommand, screenshot, searchCommands } from './workbench';

describe('workbench with the extension installed', () => {
  // Earlier specs leave editors, the panel, quick inputs and toasts behind.
  before(() => resetWorkbench());

  it('loads the workbench with the workspace open', async () => {
    // Other specs may have switched the side bar to another container: open the Explorer explicitly.
    const sidebar = await openSidebar('Explorer');
    await sidebar.locator('.pane-header', { hasText: 'workspace' }).first().waitFor({ timeout: 30_000 });
    await sidebar.locator('.monaco-list-row', { hasText: 'README.md' }).first().waitFor({ timeout: 10_000 });
    await screenshot('workbench-loaded');
  });

  it('lists the extension\'s commands in the command palette under its category', async () => {
    // Narrow queries: the palette renders only the rows in view.
    for (const title of ['Bedrock Mantle: Show Logs', 'Bedrock Mantle: Set API Key', 'Bedrock Mantle: Test Connection']) {
      const rows = await searchCommands(title, { expect: title });
      assert.ok(rows.some((r) => r === title || r.startsWith(`${title},`)), `palette rows for "${title}": ${rows.join(' | ')}`);
    }
    await searchCommands('Bedrock Mantle:', { expect: 'Bedrock Mantle:' });
    await screenshot('command-palette');
    await current().page.keyboard.press('Escape');
  });

  it('shows the Bedrock Mantle container in the activity bar', async () => {
    await activityBarItem('Bedrock Mantle').waitFor({ state: 'visible', timeout: 20_000 });
    await openSidebar('Bedrock Mantle');
    await screenshot('sidebar');
  });

  it('"Bedrock Mantle: Show Logs" opens the Output view on the Bedrock Mantle channel', async () => {
    const { page } = current();
    // Start with the panel hidden (another spec may have left the log open), so what follows is the command's doing.
    const channelPicker = page.locator('.part.panel select.monaco-select-box[aria-label="Switch Output"]').first();
    if (await page.locator('.part.panel').isVisible()) await runCommand('View: Hide Panel');
    await channelPicker.waitFor({ state: 'hidden', timeout: 10_000 });
    await runCommand('Bedrock Mantle: Show Logs');
    await channelPicker.waitFor({ timeout: 15_000 });
    const out = await waitUntil(async () => {
      const shown = await readOutput({ filter: 'activated' });
      return /Bedrock Mantle \S+ activated/.test(shown.text) && shown;
    }, 'the activation line in the Output view', { timeoutMs: 15_000 }).catch(() => readOutput({ filter: 'activated' }));
    await screenshot('show-logs');
    assert.equal(out.channel, 'Bedrock Mantle');
    assert.match(out.text, /\[info\] Bedrock Mantle \d+\.\d+\.\d+ activated/);
  });
});
