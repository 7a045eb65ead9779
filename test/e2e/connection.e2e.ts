// Connection through the real UI: Test Connection names the key from AWS_BEARER_TOKEN_BEDROCK; "Set API Key" takes a
// key in a password box (refusing an empty one); a wrong key gives a notification whose "Set API Key" button fixes
// it; the status bar item opens the connection commands; the log shows the requests and never the key.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { current } from './session';
import { clearNotifications, connectionStatusItem, readOutput, resetWorkbench, runCommand, screenshot, waitForNotification, waitUntil } from './workbench';

const WRONG_KEY = 'bedrock-api-key-E2EWRONGKEY12345';

async function typeKeyIntoPasswordBox(key: string): Promise<void> {
  const { page } = current();
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(key);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

function statusItem(): Locator {
  return connectionStatusItem();
}

describe('Connection: API key and Test Connection', () => {
  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });

  it('Test Connection reports the model count, latency and the key from the environment', async () => {
    await runCommand('Bedrock Mantle: Test Connection');
    const toast = await waitForNotification(/Connected to Bedrock Mantle/, { timeoutMs: 30_000 });
    assert.match(await toast.innerText(), /with API key from AWS_BEARER_TOKEN_BEDROCK: 38 models in \d+ ms/);
    await statusItem().waitFor({ state: 'visible' });
    assert.match(await statusItem().getAttribute('aria-label') ?? await statusItem().innerText(), /Mantle custom endpoint/);
    await clearNotifications();
  });

  it('Set API Key uses a password box, refuses an empty key, and a wrong key is explained with a fix button', async () => {
    const { page } = current();
    await runCommand('Bedrock Mantle: Set API Key');
    const input = page.locator('.quick-input-widget input[type="password"]');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill('   ');
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'The key cannot be empty.' }).waitFor({ timeout: 5000 });
    assert.equal(await input.isVisible(), true, 'an empty key is not accepted');
    await typeKeyIntoPasswordBox(WRONG_KEY);
    await waitForNotification('Bedrock API key saved in secret storage.');
    await clearNotifications();

    await runCommand('Bedrock Mantle: Test Connection');
    const toast = await waitForNotification(/Test Connection failed/, { timeoutMs: 30_000 });
    assert.match(await toast.innerText(), /Mantle rejected the API key \(401\)/);
    await screenshot('connection-wrong-key');
    // The notification's own button opens the key prompt again.
    await toast.locator('.monaco-button', { hasText: 'Set API Key' }).click();
    await typeKeyIntoPasswordBox(current().emulator!.apiKey);
    await clearNotifications();

    await runCommand('Bedrock Mantle: Test Connection');
    const ok = await waitForNotification(/Connected to Bedrock Mantle/, { timeoutMs: 30_000 });
    assert.match(await ok.innerText(), /with API key from secret storage: 38 models in \d+ ms/);
    await screenshot('connection-test-ok', { publish: true });
    await clearNotifications();
  });

  it('the status bar item opens the connection commands', async () => {
    const { page } = current();
    await statusItem().click();
    const rows = page.locator('.quick-input-list .monaco-list-row');
    // The list renders its rows progressively; wait for the last one.
    await rows.filter({ hasText: 'Show Logs' }).waitFor({ state: 'visible', timeout: 10_000 });
    await rows.nth(5).waitFor({ state: 'visible', timeout: 10_000 });
    const labels = await rows.allInnerTexts();
    for (const l of ['Test Connection', 'Set API Key', 'Clear API Key', 'Use AWS Profile…', 'Select Region…', 'Show Logs']) {
      assert.ok(labels.some((t) => t.includes(l)), `${l} offered (got ${labels.join(' | ')})`);
    }
    await page.keyboard.press('Escape');
  });

  it('the log shows each request but never the key', async () => {
    await runCommand('Bedrock Mantle: Show Logs');
    const { channel, text } = await waitUntil(async () => {
      const out = await readOutput();
      return out.text.includes('request id') && out;
    }, 'a request line in the Output view', { timeoutMs: 10_000 }).catch(() => readOutput());
    assert.equal(channel, 'Bedrock Mantle');
    assert.match(text, /GET \/v1\/models → 200 in \d+ ms \(request id /);
    // The Output view shows only the lines in view; the channel's file on disk has all of them.
    const files = (readdirSync(join(current().server.dirs.userData, 'logs'), { recursive: true }) as string[])
      .filter((f) => f.endsWith('Bedrock Mantle.log'));
    assert.ok(files.length > 0, 'the channel is written to the logs folder');
    const all = files.map((f) => readFileSync(join(current().server.dirs.userData, 'logs', f), 'utf8')).join('\n');
    assert.match(all, /GET \/v1\/models → 401/);
    assert.doesNotMatch(all, new RegExp(`${current().emulator!.apiKey}|E2EWRONGKEY`));
  });

  after(async () => {
    // Leave the shared session as it started: no stored key (the environment's key in use), no toasts.
    if (!current().emulator) return;
    await runCommand('Bedrock Mantle: Clear API Key');
    await waitForNotification(/Bedrock API key removed|No API key was stored/);
    await clearNotifications();
  });
});
