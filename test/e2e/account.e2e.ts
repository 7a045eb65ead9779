// The account in the real workbench against the emulator: an answer shows its cost computed from the shipped price
// table (checked against the tokens shown, by hand arithmetic), a short-term key about to expire is warned about with
// "Set API Key", and an expired one stops a chat turn before anything is sent, saying when it expired.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import { current } from './session';
import { clearNotifications, resetWorkbench, runCommand, screenshot, waitForNotification, webviewBySurface } from './workbench';

/** A short-term key as AWS's token generator builds it; only its date, TTL and Region matter here. */
function shortTermKey(issued: Date, ttlSeconds: number): string {
  const amzDate = issued.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const url = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F${amzDate.slice(0, 8)}%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=${amzDate}&X-Amz-Expires=${ttlSeconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&Version=1`;
  return `bedrock-api-key-${Buffer.from(url).toString('base64')}`;
}

async function setApiKey(key: string): Promise<void> {
  const { page } = current();
  await runCommand('Bedrock Mantle: Set API Key');
  const input = page.locator('.quick-input-widget input[type="password"]');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(key);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

async function newThreadAndSend(text: string): Promise<FrameLocator> {
  await runCommand('Bedrock Mantle: Open Chat');
  const frame = await webviewBySurface('panel', { what: 'the chat panel' });
  await frame.locator('#composer').waitFor();
  await runCommand('Bedrock Mantle: New Chat Thread');
  await frame.locator('.msg.assistant').first().waitFor({ state: 'detached', timeout: 10_000 });
  await frame.locator('#composer').fill(text);
  await frame.locator('#composer').press('Enter');
  const answer = frame.locator('.msg.assistant').first();
  await answer.and(frame.locator('.status-done, .status-stopped, .status-error')).waitFor({ timeout: 30_000 });
  return frame;
}

describe('Account: cost and key expiry', function () {
  this.timeout(120_000);
  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });
  after(async () => {
    if (!current().emulator) return;
    // Back to the emulator's key from the environment for the specs that follow.
    await runCommand('Bedrock Mantle: Clear API Key');
    await clearNotifications();
  });

  it('shows under an answer what it cost, from the price table, and the thread total', async () => {
    // A longer prompt so the cost is above the smallest amount shown ($0.0001).
    const frame = await newThreadAndSend(`Please summarise this for me. ${'The quick brown fox jumps over the lazy dog near the river bank. '.repeat(12)}`);
    const usage = await frame.locator('.msg.assistant .usage').first().innerText();
    const m = /in (\d+) · out (\d+)(?: \(reasoning \d+\))? · cached 0 · .* · (<?\$\S+)$/.exec(usage);
    assert.ok(m, `a cost at the end of the usage line (got "${usage}")`);
    // openai.gpt-oss-120b: $0.15 input and $0.60 output per 1M tokens (litellm, 2026-10-09), so micro-dollars =
    // in × 0.15 + out × 0.60, shown with four decimals.
    const micros = Math.round(Number(m[1]) * 0.15 + Number(m[2]) * 0.6);
    const expected = micros < 50 ? '<$0.0001' : `$${(Math.round(micros / 100) / 10_000).toFixed(4)}`;
    assert.equal(m[3], expected);
    assert.ok((await frame.locator('.totals').innerText()).includes(expected), 'the thread total repeats it');
    await screenshot('chat-cost', { publish: true });
  });

  it('warns before a short-term key expires, with Set API Key', async () => {
    await setApiKey(shortTermKey(new Date(Date.now() - 50 * 60_000), 3600));
    const toast = await waitForNotification(/Your Bedrock API key expires at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/, { timeoutMs: 20_000 });
    await toast.locator('.monaco-button', { hasText: 'Set API Key' }).waitFor({ timeout: 5000 });
    await clearNotifications();
  });

  it('stops a turn with an expired key before sending it: "expired at" and Set API Key', async () => {
    await setApiKey(shortTermKey(new Date(Date.now() - 3 * 3600_000), 3600));
    await clearNotifications();
    const posts = () => current().emulator!.handle.log.filter((e) => e.method === 'POST').length;
    const postsBefore = posts();
    const frame = await newThreadAndSend('Are you there?');
    const error = frame.locator('.msg.assistant .turn-error').first();
    assert.match(await error.innerText(), /Your Bedrock API key expired at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    await error.locator('button', { hasText: 'Set API Key' }).waitFor({ timeout: 5000 });
    assert.equal(posts(), postsBefore, 'no request was sent');
    await screenshot('chat-key-expired');
  });
});
