// Compare Models in the real workbench against the emulator, the way a person does it: in the Models tree click
// GPT-OSS 120B, Ctrl+click GLM 5 and Kimi K2 Thinking, right-click → Compare Models…, type a prompt; then read the
// three columns and the live table, run it three times for medians, copy the table and continue one column in chat.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator } from 'playwright-core';
import { current } from './session';
import { clickMenuItem, clickViewTitleAction, openSidebar, resetWorkbench, runCommand, screenshot, viewPane, waitUntil, webviewBySurface } from './workbench';

const PICKS = [
  { vendor: 'OpenAI', name: 'GPT-OSS 120B', id: 'openai.gpt-oss-120b' },
  { vendor: 'Moonshot', name: 'Kimi K2 Thinking', id: 'moonshotai.kimi-k2-thinking' },
  { vendor: 'Z.ai', name: 'GLM 5', id: 'zai.glm-5' },
];
const PROMPT = 'Explain the CAP theorem in three sentences.';

/** A row of the Models tree by its label (exact label text, so "GPT-OSS 120B" is not "GPT-OSS Safeguard 120B"). */
function row(label: string): Locator {
  const { page } = current();
  return viewPane('Models').locator('.pane-body .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
}


/** Closes every editor; unsaved scratch documents left by earlier specs are discarded ("Don't Save"). */
async function closeAllEditors(): Promise<void> {
  const { page } = current();
  await runCommand('View: Close All Editors');
  const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: /Don.t Save/ });
  if (await dontSave.waitFor({ timeout: 2000 }).then(() => true, () => false)) await dontSave.click();
  await page.locator('.monaco-dialog-box').waitFor({ state: 'hidden', timeout: 5000 });
}

async function tableRows(frame: FrameLocator): Promise<string[][]> {
  return frame.locator('#compare-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
}

async function tableHeaders(frame: FrameLocator): Promise<string[]> {
  return frame.locator('#compare-table thead th').allInnerTexts();
}

describe('Compare Models', function () {
  this.timeout(180_000);
  let chatPaneCollapsed = false;

  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });

  after(async () => {
    // Leave the workbench as the next spec expects it: no comparison panel holding the focus, the Chat view open.
    await closeAllEditors().catch(() => undefined);
    if (chatPaneCollapsed) await viewPane('Chat').locator('.pane-header').first().click().catch(() => undefined);
  });

  it('compares three models chosen in the Models tree: one column each and a live table', async () => {
    const { page } = current();
    // A selection in an editor would turn the prompt into "instruction + selected code": start without one.
    await closeAllEditors();
    await openSidebar('Bedrock Mantle');
    // The Models tree gets the side bar's height, so the three expanded vendors fit (the list only renders what shows).
    const chatHeader = viewPane('Chat').locator('.pane-header').first();
    if ((await chatHeader.getAttribute('aria-expanded')) === 'true') { await chatHeader.click(); chatPaneCollapsed = true; }
    await row('OpenAI').waitFor({ timeout: 30_000 });
    await clickViewTitleAction('Models', 'Collapse All');
    for (const p of PICKS) {
      await row(p.vendor).click();
      await row(p.name).waitFor({ timeout: 10_000 });
    }
    await row(PICKS[0]!.name).click();
    for (const p of PICKS.slice(1)) await row(p.name).click({ modifiers: ['ControlOrMeta'] });
    await page.waitForFunction(() => document.querySelectorAll('.pane-body .monaco-list-row.selected').length === 3, undefined, { timeout: 5000 });

    await row(PICKS[2]!.name).click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Compare Models…' });
    await item.waitFor({ timeout: 10_000 });
    await clickMenuItem(item);

    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match(await page.locator('.quick-input-widget').innerText(), /Compare 3 Models/);
    await input.fill(PROMPT);
    // The emulator streams with no delay between tokens; 10 ms per token gives figures like a real stream's.
    current().emulator!.handle.setFaults([{ kind: 'token-rate', ms: 10, method: 'POST', times: 3 }]);
    await page.keyboard.press('Enter');

    const frame = await webviewBySurface('compare');
    await frame.locator('.compare-column').nth(2).waitFor({ timeout: 30_000 });
    await frame.locator('.compare-column.status-done').nth(2).waitFor({ timeout: 60_000 });
    const columns = frame.locator('.compare-column');
    assert.equal(await columns.count(), 3);
    const names = await columns.locator('.who').allInnerTexts();
    assert.deepEqual(names, PICKS.map((p) => p.name), 'one column per model, in the tree\'s order');
    for (let i = 0; i < 3; i++) {
      const answer = await columns.nth(i).locator('.answer').innerText();
      assert.match(answer, /CAP theorem/, `${PICKS[i]!.name} answered the prompt`);
      assert.match(answer, new RegExp(PICKS[i]!.id.replace(/\./g, '\\.')), 'the emulator names the model that answered');
    }
    // Reasoning models show their reasoning in a collapsible block; GLM 5 has none.
    assert.ok((await columns.nth(0).locator('.compare-reasoning .reasoning-body').innerText()).length > 0);
    assert.ok((await columns.nth(1).locator('.compare-reasoning .reasoning-body').innerText()).length > 0);
    assert.equal(await columns.nth(2).locator('.compare-reasoning').isVisible(), false);
    assert.deepEqual((await columns.locator('.api').allInnerTexts()), ['responses', 'chat', 'chat']);

    assert.deepEqual(await tableHeaders(frame), ['Model', 'API', 'Runs', 'First token', 'Latency', 'Input tokens', 'Output tokens', 'Reasoning', 'Output tokens/s']);
    const rows = await tableRows(frame);
    assert.deepEqual(rows.map((r) => r.slice(0, 3)), [['GPT-OSS 120B', 'Responses', '1'], ['Kimi K2 Thinking', 'Chat Completions', '1'], ['GLM 5', 'Chat Completions', '1']]);
    for (const r of rows) {
      assert.match(r[3]!, /^\d+(\.\d+)? (ms|s)$/, `first token: ${r[3]}`);
      assert.match(r[4]!, /^\d+(\.\d+)? (ms|s)$/, `latency: ${r[4]}`);
      assert.match(r[6]!, /^\d+$/, `output tokens: ${r[6]}`);
    }
    assert.deepEqual(rows.map((r) => r[7]!.split(' ')[0]), ['yes', 'yes', 'no']);
    const posts = current().emulator!.handle.log.filter((e) => e.method === 'POST' && JSON.stringify(e.body ?? '').includes('CAP theorem'));
    assert.deepEqual(posts.map((e) => `${e.model} ${e.path}`).sort(), [
      'moonshotai.kimi-k2-thinking /v1/chat/completions', 'openai.gpt-oss-120b /v1/responses', 'zai.glm-5 /v1/chat/completions']);
    await page.mouse.move(700, 700); // no tooltip left over from the tree in the picture
    await screenshot('compare-models', { publish: true });
  });

  it('runs three times each: the table shows medians and the cold first call', async () => {
    const frame = await webviewBySurface('compare');
    const before = current().emulator!.handle.log.filter((e) => e.method === 'POST').length;
    await frame.locator('#compare-runs').selectOption('3');
    await frame.locator('#compare-rerun').click();
    await frame.locator('#compare-stop').waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    await frame.locator('#compare-rerun').waitFor({ state: 'visible', timeout: 90_000 });
    assert.deepEqual((await tableHeaders(frame)).slice(3, 6), ['First token (median)', 'Latency (median)', 'First call (cold)']);
    const rows = await tableRows(frame);
    assert.deepEqual(rows.map((r) => r[2]), ['3', '3', '3']);
    for (const r of rows) assert.match(r[5]!, /^\d+(\.\d+)? (ms|s)$/, `cold: ${r[5]}`);
    assert.equal(current().emulator!.handle.log.filter((e) => e.method === 'POST').length - before, 9);
    assert.match(await frame.locator('.compare-column').first().locator('.run-label').innerText(), /run 3 of 3/);
  });

  it('copies the table as Markdown and continues a column in the chat', async () => {
    const { page } = current();
    const frame = await webviewBySurface('compare');
    await frame.locator('#compare-copy-table').click();
    await page.locator('.statusbar', { hasText: 'Comparison table copied as Markdown' }).waitFor({ timeout: 10_000 });

    await frame.locator('.compare-column').nth(2).locator('[data-action="continueInChat"]').click();
    const chat = await webviewBySurface('panel');
    await chat.locator('.user-text', { hasText: 'CAP theorem' }).waitFor({ timeout: 20_000 });
    assert.equal(await chat.locator('#model-select').inputValue(), PICKS[2]!.id);
    assert.match(await chat.locator('.msg.assistant .answer').first().innerText(), /zai\.glm-5/);
  });

  it('Stop cancels every model at once: the emulator sees each connection closed early', async () => {
    const emu = current().emulator!.handle;
    // Continue in Chat put the chat panel in front: bring the comparison back (its webview reloads and asks for the state).
    await current().page.locator('.tabs-container .tab', { hasText: 'Compare: Explain the CAP' }).click();
    const frame = await webviewBySurface('compare');
    await frame.locator('.compare-column.status-done').nth(2).waitFor({ timeout: 10_000 });
    const sinceSeq = emu.log.at(-1)?.seq ?? -1;
    // Slow enough that no model can finish before Stop.
    emu.setFaults([{ kind: 'token-rate', ms: 250, method: 'POST', times: 3 }]);
    await frame.locator('#compare-runs').selectOption('1');
    await frame.locator('#compare-rerun').click();
    await frame.locator('.compare-column.status-streaming').nth(2).waitFor({ timeout: 20_000 });
    // Every column has received something (reasoning models send their reasoning first).
    await waitUntil(async () => (await frame.locator('.compare-column.status-streaming').evaluateAll((cols) =>
      cols.filter((c) => (c.querySelector('.answer')?.textContent ?? '') + (c.querySelector('.reasoning-body')?.textContent ?? '')).length)) >= 3,
    'every model to start streaming', { timeoutMs: 20_000 });
    await frame.locator('#compare-stop').click();
    await frame.locator('.compare-column.status-stopped').nth(2).waitFor({ timeout: 10_000 });
    for (const p of PICKS) {
      const entry = await emu.waitFor((e) => e.seq > sinceSeq && e.model === p.id && e.method === 'POST' && e.clientClosedEarly, 10_000);
      assert.equal(entry.clientClosedEarly, true, p.id);
    }
    assert.deepEqual(await frame.locator('.compare-column .badge').allInnerTexts(), ['stopped', 'stopped', 'stopped']);
    assert.deepEqual((await tableRows(frame)).map((r) => r[2]), ['0/1 (stopped)', '0/1 (stopped)', '0/1 (stopped)']);
    emu.setFaults([]);
  });

  it('from the Command Palette: ticks models in the picker and sends an instruction with the editor\'s selection', async () => {
    const { page } = current();
    const emu = current().emulator!.handle;
    await closeAllEditors();
    // Quick Open the workspace file and select its `total` function (lines 3–7).
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill('inventory.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'inventory.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    await page.locator('.tabs-container .tab.active', { hasText: 'inventory.ts' }).waitFor();
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowDown');
    for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowDown');

    // Not runCommand(): it presses Escape first, which in an editor clears the selection.
    await page.keyboard.press('F1');
    await input.fill('>Bedrock Mantle: Compare Models');
    await page.locator('.quick-input-list .monaco-list-row[aria-label^="Bedrock Mantle: Compare Models…"]').first().click();
    await page.locator('.quick-input-widget', { hasText: 'Compare Models: choose 2 to 6' }).waitFor({ timeout: 10_000 });
    // One model per filter, so each click lands on a row that no longer moves; a click on a row ticks it.
    const names = ['Qwen3 Coder 480B A35B Instruct', 'Qwen3 Coder 30B A3B Instruct'];
    for (const [i, name] of names.entries()) {
      await input.fill(name);
      const rows = page.locator('.quick-input-list .monaco-list-row');
      await page.waitForFunction(() => document.querySelectorAll('.quick-input-list .monaco-list-row').length === 1, undefined, { timeout: 5000 });
      await rows.first().click();
      await page.locator('.quick-input-widget', { hasText: `${i + 1} Selected` }).waitFor({ timeout: 5000 });
    }
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).first().click();
    await page.locator('.quick-input-widget', { hasText: 'Compare 2 Models on the Selection' }).waitFor({ timeout: 10_000 });
    assert.match(await page.locator('.quick-input-widget').innerText(), /inventory\.ts, lines 3–7/);
    const since = emu.log.length;
    await input.fill('Fix the bug');
    await page.keyboard.press('Enter');

    const frame = await webviewBySurface('compare');
    await frame.locator('.compare-column.status-done').nth(1).waitFor({ timeout: 60_000 });
    assert.deepEqual(await frame.locator('.compare-column .who').allInnerTexts(), ['Qwen3 Coder 480B A35B Instruct', 'Qwen3 Coder 30B A3B Instruct']);
    for (const code of await frame.locator('.compare-column .answer pre').allInnerTexts()) assert.match(code, /i < items\.length/, 'the fixed loop');
    const sent = emu.log.slice(since).filter((e) => e.method === 'POST').map((e) => JSON.stringify(e.body));
    assert.equal(sent.length, 2);
    for (const body of sent) assert.match(body, /Fix the bug[^"]*src\/inventory\.ts, lines 3–7/);
    await screenshot('compare-selection');
  });
});
