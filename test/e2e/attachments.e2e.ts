// Chat attachments in the real workbench against the emulator: `#` offers the kinds, a picked file becomes a chip
// with its token size, the answer uses it, and the Responses request carries it once (the chained turn after it does
// not); an image for a model that does not read images is refused in the composer and never sent.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { RequestLogEntry } from '../emulator/server';
import { current } from './session';
import { chooseQuickPickItems, resetWorkbench, runCommand, screenshot, webviewBySurface } from './workbench';

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

function posts(path: string): RequestLogEntry[] {
  return current().emulator!.handle.log.filter((e) => e.method === 'POST' && e.path === path);
}

async function waitForAnswers(frame: FrameLocator, count: number): Promise<string> {
  const last = frame.locator('.msg.assistant').nth(count - 1);
  await last.and(frame.locator('.status-done, .status-stopped, .status-error')).waitFor({ timeout: 30_000 });
  return last.locator('.answer').innerText();
}

describe('Chat attachments', function () {
  this.timeout(120_000);
  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });

  it('attaches a file with #, shows its chip and size, sends it once on a Responses thread', async () => {
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await webviewBySurface('panel', { what: 'the chat panel' });
    const composer = frame.locator('#composer');
    await composer.waitFor();
    await runCommand('Bedrock Mantle: New Chat Thread');
    assert.equal(await frame.locator('#model-select').inputValue(), 'openai.gpt-oss-120b');
    await composer.fill('');
    await composer.pressSequentially('#');
    await frame.locator('.attach-menu:not([hidden])').waitFor();
    await frame.locator('.attach-menu-item[data-kind="file"]').click();
    await chooseQuickPickItems(['inventory.ts']);
    const chip = frame.locator('.attachments .attachment-chip[data-kind="file"]');
    await chip.waitFor();
    assert.match(await chip.innerText(), /inventory\.ts[\s\S]*≈\d+/);
    assert.equal(await composer.inputValue(), '', 'the typed # was taken out of the draft');
    await frame.locator('.attachment-budget', { hasText: '/ 131k tokens' }).waitFor();
    await screenshot('chat-attachments', { publish: true });

    const before = posts('/v1/responses').length;
    await composer.fill('What does this code do?');
    await composer.press('Enter');
    const answer = await waitForAnswers(frame, 1);
    assert.match(answer, /items\[i\]\.price/, 'the answer quotes the attached file');
    await frame.locator('.msg.user .turn-attachments .attachment-chip', { hasText: 'inventory.ts' }).waitFor();
    assert.equal(await frame.locator('.attachments .attachment-chip[data-kind="file"]').count(), 0, 'the composer is empty again');

    await composer.fill('Thanks, and in one sentence?');
    await composer.press('Enter');
    await waitForAnswers(frame, 2);
    const [first, second] = posts('/v1/responses').slice(before);
    assert.ok(JSON.stringify(first?.body).includes('items[i].price'), 'turn 1 carries the file');
    assert.ok((second?.body as { previous_response_id?: string }).previous_response_id, 'turn 2 chains');
    assert.ok(!JSON.stringify(second?.body).includes('items[i].price'), 'turn 2 does not resend the file');
  });

  it('a .env file is attached only after an explicit confirmation', async () => {
    const { page, server } = current();
    const envFile = join(server.workspace, '.env');
    writeFileSync(envFile, 'API_TOKEN=not-a-real-token\n');
    try {
      const frame = await webviewBySurface('panel', { what: 'the chat panel' });
      const chips = frame.locator('.attachments .attachment-chip[data-kind="file"]');
      const dialog = page.locator('.monaco-dialog-box');
      for (const choice of ['Cancel', 'Attach Anyway']) {
        await frame.locator('[data-action="toggleAttachMenu"]').click();
        await frame.locator('.attach-menu-item[data-kind="file"]').click();
        await chooseQuickPickItems(['.env']);
        await dialog.waitFor({ timeout: 10_000 });
        assert.match(await dialog.innerText(), /\.env may hold secrets/);
        if (choice === 'Cancel') await page.keyboard.press('Escape');
        else await dialog.locator('.monaco-button', { hasText: choice }).click();
        await dialog.waitFor({ state: 'hidden' });
        if (choice === 'Cancel') assert.equal(await chips.count(), 0, 'declined: nothing attached');
      }
      await chips.filter({ hasText: '.env' }).waitFor();
      await chips.locator('[data-action="removeAttachment"]').click();
      await chips.waitFor({ state: 'detached' });
    } finally {
      rmSync(envFile, { force: true });
    }
  });

  it('an image for a model that does not read images: the composer says so and nothing is sent', async () => {
    const frame = await webviewBySurface('panel', { what: 'the chat panel' });
    await runCommand('Bedrock Mantle: New Chat Thread');
    const before = posts('/v1/responses').length + posts('/v1/chat/completions').length;
    await frame.locator('input[type="file"]').setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: PNG });
    await frame.locator('.attachments .attachment-chip[data-kind="image"] img.attachment-thumb').waitFor();
    await frame.locator('.attachment-warning', { hasText: 'does not read images' }).waitFor();
    await frame.locator('#composer').fill('What is in this picture?');
    await frame.locator('#composer').press('Enter');
    await frame.locator('.notice', { hasText: 'does not read images, so the image was not sent' }).waitFor();
    assert.equal(posts('/v1/responses').length + posts('/v1/chat/completions').length, before, 'no request was made');
    await frame.locator('.attachment-chip[data-kind="image"] [data-action="removeAttachment"]').click();
    await frame.locator('.attachments .attachment-chip[data-kind="image"]').waitFor({ state: 'detached' });
  });
});
