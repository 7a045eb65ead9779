// A link in a chat answer, clicked in the real workbench, against a local canary server that counts requests: nothing
// is fetched while the confirmation is open, nothing after Cancel, exactly one request after Open. Before the fix the
// click also reached VS Code's own webview link handling, which opened a link to this machine at once, unprompted.
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { current } from './session';
import { resetWorkbench, runCommand, webviewBySurface } from './workbench';

describe('Hardening: a link in an answer opens once, only after confirming', function () {
  this.timeout(120_000);
  let canary: Server;
  let port = 0;
  const hits: string[] = [];

  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
    canary = createServer((req, res) => { hits.push(req.url ?? ''); res.writeHead(200, { 'content-type': 'text/html' }); res.end('<title>canary</title>canary'); });
    await new Promise<void>((r) => canary.listen(0, '127.0.0.1', r));
    port = (canary.address() as AddressInfo).port;
  });
  after(async () => {
    canary?.closeAllConnections();
    await new Promise<void>((r) => (canary ? canary.close(() => r()) : r()));
  });

  it('0 requests before confirming, 0 after Cancel, 1 after Open', async () => {
    const { page } = current();
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await webviewBySurface('panel', { what: 'the chat panel' });
    await runCommand('Bedrock Mantle: New Chat Thread');
    await frame.locator('.empty-thread').waitFor();
    const composer = frame.locator('#composer');
    await composer.fill(`Canary [open the canary](http://127.0.0.1:${port}/canary) please`);
    await composer.press('Enter');
    const link = frame.locator(`.msg.assistant .answer a[href="http://127.0.0.1:${port}/canary"]`).first();
    await link.waitFor({ timeout: 30_000 });

    const dialog = page.locator('.monaco-dialog-box');
    await link.click();
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), new RegExp(`server on this computer[\\s\\S]*127\\.0\\.0\\.1:${port}/canary`));
    assert.deepEqual(hits, [], 'nothing fetched while the confirmation is open');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.deepEqual(hits, [], 'nothing fetched after Cancel');

    const tabsBefore = page.context().pages().length;
    const popup = page.context().waitForEvent('page', { timeout: 20_000 });
    await link.click();
    await dialog.waitFor({ timeout: 10_000 });
    await dialog.locator('.monaco-button', { hasText: 'Open' }).click();
    const opened = await popup;
    await opened.waitForLoadState('load');
    assert.equal(hits.length, 1, `exactly one request after Open (got ${JSON.stringify(hits)})`);
    assert.equal(page.context().pages().length, tabsBefore + 1, 'one new tab, not two');
    await opened.close();
  });
});
