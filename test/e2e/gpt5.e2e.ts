// A Responses-only frontier model in the real workbench, in a private editor whose emulator serves the December 2026
// models (the shared session's emulator serves the March list, which has no GPT-5.x): GPT-5.5 picked in the Models
// tree (labelled "Responses only"), a chat whose turns go to /openai/v1/responses chained with previous_response_id,
// a window reload, and a next turn that chains on from the stored id; then Compare with GPT-OSS 120B (/v1) and Qwen3
// Coder 480B (Chat only) side by side, and Refactor on a selection with GPT-5.5 ending in a diff.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { RequestLogEntry } from '../emulator/server';
import { startTestEmulator, type TestEmulator } from '../tools/emulator';
import { current, openEditor, type Editor } from './session';
import { compareFromTree, modelRow, runOnSelectionWithModel, TOTAL_JS, type RoutedPick } from './routedModels';
import { clickMenuItem, clickViewTitleAction, openSidebar, reloadWindow, screenshot, viewPane, waitUntil, webviewBySurface } from './workbench';

const GPT55 = 'openai.gpt-5.5';
const PICKS: RoutedPick[] = [
  { vendor: /^OpenAI/, name: /^GPT-5\.5$/, column: 'GPT-5.5', id: GPT55, path: '/openai/v1/responses' },
  { vendor: /^OpenAI/, name: /^GPT-OSS 120B$/, column: 'GPT-OSS 120B', id: 'openai.gpt-oss-120b', path: '/v1/responses' },
  { vendor: /^Qwen/, name: /^Qwen3 Coder 480B/, column: 'Qwen3 Coder 480B A35B Instruct', id: 'qwen.qwen3-coder-480b-a35b-instruct', path: '/v1/chat/completions' },
];
type ResponsesBody = { model?: string; previous_response_id?: string; input?: unknown };

describe('GPT-5.5 (Responses only, /openai/v1) in a private editor with the December 2026 models', function () {
  this.timeout(300_000);
  let emulator: TestEmulator;
  let editor: Editor | undefined;
  let page: Page;

  const row = (label: RegExp): Locator => modelRow(page, label);
  const posts = (): RequestLogEntry[] => emulator.handle.log.filter((e) => e.method === 'POST' && e.model === GPT55);
  const chatPanel = (timeoutMs = 30_000): Promise<FrameLocator> => webviewBySurface('panel', { page, what: 'the chat panel', timeoutMs });

  async function send(frame: FrameLocator, prompt: string, answers: number): Promise<string> {
    await frame.locator('#composer').fill(prompt);
    await frame.locator('#composer').press('Enter');
    const answer = frame.locator('.msg.assistant').nth(answers - 1);
    await answer.and(frame.locator('.status-done, .status-stopped, .status-error')).waitFor({ timeout: 60_000 });
    assert.equal(await frame.locator('.msg.assistant.status-error').count(), 0, await frame.locator('.turn-error').allInnerTexts().then((t) => t.join(' | ')));
    return answer.locator('.answer').innerText();
  }

  before(async function () {
    this.timeout(180_000);
    emulator = await startTestEmulator({ population: 'december-2026' });
    editor = await openEditor({
      label: 'e2e-gpt5',
      vsix: current().vsix,
      settings: { 'bedrockMantle.endpoint': emulator.url },
      env: { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey },
      workspaceFiles: { 'README.md': '# gpt-5.5\n', 'src/total.js': TOTAL_JS },
    });
    page = editor.page;
  });

  after(async () => {
    await editor?.close();
    await emulator?.close();
  });

  it('shows GPT-5.5 as "Responses only" in the Models tree and opens a chat with it', async () => {
    await openSidebar('Bedrock Mantle', page);
    // Give the Models tree the side bar's height, so every vendor fits once collapsed (the list renders what shows).
    const chatHeader = viewPane('Chat', page).locator('.pane-header').first();
    if ((await chatHeader.getAttribute('aria-expanded')) === 'true') await chatHeader.click();
    await row(/^OpenAI/).waitFor({ timeout: 30_000 });
    await clickViewTitleAction('Models', 'Collapse All', page);
    await row(/^OpenAI/).click();
    const gpt = row(/^GPT-5\.5$/);
    await gpt.waitFor({ timeout: 10_000 });
    assert.match(await gpt.innerText(), /Responses only/);

    await gpt.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Open Chat with Model' });
    await item.waitFor({ timeout: 10_000 });
    await clickMenuItem(item);
    const frame = await chatPanel();
    await waitUntil(async () => (await frame.locator('#model-select').inputValue()) === GPT55, `${GPT55} chosen in the chat`, { timeoutMs: 30_000 });
  });

  it('chains its turns on /openai/v1/responses, survives a window reload and continues the chain', async () => {
    let frame = await chatPanel();
    assert.match(await send(frame, 'My name is Alice.', 1), /\w/);
    assert.match(await send(frame, 'I like cats.', 2), /\w/);
    const [first, second] = posts();
    assert.equal(first?.path, '/openai/v1/responses');
    assert.equal(second?.path, '/openai/v1/responses');
    assert.equal((first?.body as ResponsesBody).previous_response_id, undefined);
    assert.match((second?.body as ResponsesBody).previous_response_id ?? '', /\S/, 'turn 2 chains onto turn 1');
    assert.ok(!JSON.stringify((second?.body as ResponsesBody).input).includes('Alice'), 'turn 2 does not resend turn 1');

    await reloadWindow(page);
    frame = await chatPanel(90_000);
    await frame.locator('.msg.assistant').nth(1).waitFor({ timeout: 90_000 });
    const before = posts().length;
    const third = await send(frame, 'What is my name and what do I like?', 3);
    assert.match(third, /Alice/);
    assert.match(third, /cats/);
    const next = posts()[before];
    assert.equal(next?.path, '/openai/v1/responses');
    assert.match((next?.body as ResponsesBody).previous_response_id ?? '', /\S/, 'the turn after the reload chains from the stored id');
    assert.equal(posts().filter((e) => e.path !== '/openai/v1/responses').length, 0, 'nothing was sent to another route');
    await screenshot('chat-gpt-5.5', { page });
  });

  it('compares GPT-5.5 with GPT-OSS 120B and Qwen3 Coder 480B side by side, each on its own route', async () => {
    await compareFromTree(page, emulator, PICKS, 'compare-gpt-5.5');
  });

  it('runs Refactor on a selection with GPT-5.5 through Responses (not stored) and shows the diff', async () => {
    const sent = await runOnSelectionWithModel(page, emulator, 'Refactor', GPT55);
    assert.deepEqual(sent.map((e) => [e.model, e.path]), [[GPT55, '/openai/v1/responses']]);
    assert.equal((sent[0]?.body as { store?: boolean }).store, false, 'an editor command is not stored on the server');
  });
});
