// Chat attachments in the real workbench against the emulator: `#` offers the kinds, a picked file becomes a chip
// with its token size, the answer uses it, and the Responses request carries it once (the chained turn after it does
// not); a folder and the problems of a file with an error; an image for a model that does not read images is refused
// in the composer and never sent; images dropped and pasted into the composer (a large one scaled down first) reach a
// vision model, which names them in its answer.
import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import type { RequestLogEntry } from '../emulator/server';
import { current } from './session';
import { chooseQuickPickItems, openFile, resetWorkbench, runCommand, screenshot, webviewBySurface } from './workbench';

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
  // The chat specs after this one start from an empty thread on the default model, as the chat is left here.
  after(async function () {
    if (current().emulator) await runCommand('Bedrock Mantle: New Chat Thread');
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
    await screenshot('chat-attachments-file');

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

  it('attaches a folder and the problems of a file with an error, shows their cost, and sends both', async () => {
    const { page, server } = current();
    const broken = join(server.workspace, 'config', 'broken.json');
    mkdirSync(join(server.workspace, 'config'), { recursive: true });
    writeFileSync(broken, '{\n  "name": "demo",\n  "version": 1,,\n  "private": true\n}\n');
    try {
      // The JSON language server reports the error: its squiggle in the editor is the signal that the problem exists.
      const editor = await openFile('config/broken.json');
      await editor.locator('.squiggly-error').first().waitFor({ timeout: 45_000 });
      await runCommand('Bedrock Mantle: Open Chat');
      const frame = await webviewBySurface('panel', { what: 'the chat panel' });
      await runCommand('Bedrock Mantle: New Chat Thread');
      const composer = frame.locator('#composer');
      await composer.fill('');
      await composer.pressSequentially('#');
      await frame.locator('.attach-menu-item[data-kind="folder"]').click();
      await chooseQuickPickItems(['src']);
      const folder = frame.locator('.attachments .attachment-chip[data-kind="folder"]');
      await folder.waitFor();
      assert.match(await folder.innerText(), /src\/ \(1 files?\)[\s\S]*≈\d+/);
      await frame.locator('[data-action="toggleAttachMenu"]').click();
      await frame.locator('.attach-menu-item[data-kind="problems"]').click();
      const problems = frame.locator('.attachments .attachment-chip[data-kind="problems"]');
      await problems.waitFor();
      assert.match(await problems.innerText(), /Problems \(\d+\)[\s\S]*≈\d+/);
      // The cost before sending: each chip's estimate and their total against the model's context window.
      await frame.locator('.attachment-budget', { hasText: '/ 131k tokens' }).waitFor();
      await page.mouse.move(0, 0);
      await screenshot('chat-attachments', { publish: true });

      const before = posts('/v1/responses').length;
      await composer.fill('What does this code do?');
      await composer.press('Enter');
      const answer = await waitForAnswers(frame, 1);
      const body = JSON.stringify(posts('/v1/responses').slice(before)[0]?.body);
      assert.ok(body.includes('items[i].price'), 'the folder\'s file went with the turn');
      assert.ok(body.includes('config/broken.json') && /error/i.test(body), 'the problems went with the turn');
      assert.match(answer, /items\[i\]\.price/, 'the answer uses the folder\'s code');
      await frame.locator('.msg.user .turn-attachments .attachment-chip[data-kind="problems"]').waitFor();
    } finally {
      rmSync(join(server.workspace, 'config'), { recursive: true, force: true });
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

  it('a dropped image (scaled down) and a pasted one reach a vision model, which names them; the warning offers it', async () => {
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await webviewBySurface('panel', { what: 'the chat panel' });
    await runCommand('Bedrock Mantle: New Chat Thread');
    const composer = frame.locator('#composer');
    await composer.waitFor();
    // A 3000×2000 PNG dropped on the composer through a real drop event (Playwright's DataTransfer).
    const big = await composer.evaluateHandle(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 3000;
      canvas.height = 2000;
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#3a6ea5';
      g.fillRect(0, 0, 3000, 2000);
      g.fillStyle = '#f2c14e';
      g.fillRect(600, 400, 1800, 1200);
      const blob = await new Promise<Blob>((r) => canvas.toBlob((b) => r(b!), 'image/png'));
      const dt = new DataTransfer();
      dt.items.add(new File([blob], 'diagram.png', { type: 'image/png' }));
      return dt;
    });
    // Only the drop: a dragover would also reach VS Code's webview frame, which then shows its own drop overlay over
    // the editor until a real drag ends (in VS Code a file is dropped into a webview with Shift held).
    await composer.dispatchEvent('drop', { dataTransfer: big });
    const images = frame.locator('.attachments .attachment-chip[data-kind="image"]');
    await images.filter({ hasText: 'diagram.png' }).waitFor();
    // gpt-oss does not read images: the warning offers vision models, and one click switches the thread to one.
    const offer = frame.locator('.attachment-warning [data-action="useModel"]').first();
    await offer.waitFor();
    const vision = (await offer.getAttribute('data-model')) ?? '';
    assert.match(vision, /gemma-3|qwen3-vl|mistral|nemotron|palmyra|kimi/);
    await offer.click();
    await frame.locator('.attachment-warning').waitFor({ state: 'hidden' });
    assert.equal(await frame.locator('#model-select').inputValue(), vision);
    assert.match(await frame.locator(`#model-select option[value="${vision}"]`).innerText(), /· vision$/, 'the picker marks it');

    // A 1×1 PNG pasted into the composer (a paste event carrying the file, as the clipboard gives it).
    await composer.evaluate((el, b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'dot.png', { type: 'image/png' }));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    }, PNG.toString('base64'));
    await images.filter({ hasText: 'dot.png' }).waitFor();

    const before = posts('/v1/chat/completions').length;
    await composer.fill('What is in this picture?');
    await composer.press('Enter');
    const answer = await waitForAnswers(frame, 1);
    const [sent] = posts('/v1/chat/completions').slice(before);
    const parts = (sent?.body as { messages: { role: string; content: unknown }[] }).messages.filter((m) => m.role === 'user').at(-1)?.content;
    const urls = (Array.isArray(parts) ? parts : []).filter((p: { type?: string }) => p.type === 'image_url').map((p: { image_url: { url: string } }) => p.image_url.url);
    assert.equal(urls.length, 2, 'both images went as image_url parts');
    assert.ok(urls.every((u) => u.startsWith('data:image/png;base64,')));
    assert.match(answer, /I can see 2 images: a PNG image of 1568×1045 pixels; a PNG image of 1×1 pixels\./, 'the answer names them, the dropped one scaled down to 1568 px');
    await frame.locator('.msg.user .turn-attachments img.attachment-thumb').nth(1).waitFor();
  });
});
