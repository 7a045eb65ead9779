// Claude in the real workbench, in a private editor whose emulator serves the December 2026 models (the shared
// session's emulator serves the March list, which has no Claude): Claude Opus 4.8 picked in the Models tree (a
// working "Messages" model under Anthropic), a three-turn chat through the Anthropic Messages API whose third turn
// reads the prompt cache (shown in its usage line), and its thinking shown and hidden with the reasoning toggle; then
// Compare against GPT-5.5 and GPT-OSS 120B, Fix on a selection with Claude, and Claude through @mantle in VS Code's chat.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { RequestLogEntry } from '../emulator/server';
import { startTestEmulator, type TestEmulator } from '../tools/emulator';
import { current, openEditor, type Editor } from './session';
import { compareFromTree, runOnSelectionWithModel, TOTAL_JS, type RoutedPick } from './routedModels';
import { clickMenuItem, clickViewTitleAction, connectionStatusItem, openSidebar, runCommand, screenshot, viewPane, waitUntil, webviewBySurface } from './workbench';

const OPUS = 'anthropic.claude-opus-4-8';
const TURNS = ['My name is Alice.', 'I like cats.', 'What is my name and what do I like?'];
const PICKS: RoutedPick[] = [
  { vendor: /^Anthropic/, name: /^Claude Opus 4\.8$/, column: 'Claude Opus 4.8', id: OPUS, path: '/anthropic/v1/messages' },
  { vendor: /^OpenAI/, name: /^GPT-5\.5$/, column: 'GPT-5.5', id: 'openai.gpt-5.5', path: '/openai/v1/responses' },
  { vendor: /^OpenAI/, name: /^GPT-OSS 120B$/, column: 'GPT-OSS 120B', id: 'openai.gpt-oss-120b', path: '/v1/responses' },
];
type MessagesBody = { messages?: { role: string; content: { type: string }[] }[]; thinking?: { type: string } };

describe('Claude (Anthropic Messages) in a private editor with the December 2026 models', function () {
  this.timeout(240_000);
  let emulator: TestEmulator;
  let editor: Editor | undefined;
  let page: Page;

  const row = (label: string): Locator =>
    viewPane('Models', page).locator('.pane-body .monaco-list-row', { has: page.locator('.label-name', { hasText: label }) }).first();
  const messagesPosts = (): RequestLogEntry[] => emulator.handle.log.filter((e) => e.method === 'POST' && e.path === '/anthropic/v1/messages');

  before(async function () {
    this.timeout(180_000);
    emulator = await startTestEmulator({ population: 'december-2026' });
    editor = await openEditor({
      label: 'e2e-claude',
      vsix: current().vsix,
      settings: {
        'bedrockMantle.endpoint': emulator.url, 'bedrockMantle.chat.reasoningEffort': 'medium', 'bedrockMantle.chat.showReasoning': true,
        // VS Code's own chat on (the shared session turns it off), with Claude as the model @mantle is opened with.
        'chat.disableAIFeatures': false, 'bedrockMantle.chat.defaultModel': OPUS,
      },
      env: { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey },
      workspaceFiles: { 'README.md': '# claude\n', 'src/total.js': TOTAL_JS },
    });
    page = editor.page;
  });

  after(async () => {
    await editor?.close();
    await emulator?.close();
  });

  it('picks Claude Opus 4.8 in the Models tree, shown as a working Messages model, and opens a chat with it', async () => {
    await openSidebar('Bedrock Mantle', page);
    // Give the Models tree the side bar's height, so every vendor fits once collapsed (the list renders what shows).
    const chatHeader = viewPane('Chat', page).locator('.pane-header').first();
    if ((await chatHeader.getAttribute('aria-expanded')) === 'true') await chatHeader.click();
    await row('OpenAI').waitFor({ timeout: 30_000 });
    await clickViewTitleAction('Models', 'Collapse All', page);
    await row('Anthropic').click();
    const claude = row('Claude Opus 4.8');
    await claude.waitFor({ timeout: 10_000 });
    const text = await claude.innerText();
    assert.match(text, /Messages/);
    assert.doesNotMatch(text, /unavailable|not supported/i);

    await claude.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Open Chat with Model' });
    await item.waitFor({ timeout: 10_000 });
    await clickMenuItem(item);
    const frame = await webviewBySurface('panel', { page, what: 'the chat panel' });
    await waitUntil(async () => (await frame.locator('#model-select').inputValue()) === OPUS, `${OPUS} chosen in the chat`, { timeoutMs: 30_000 });
  });

  it('chats three turns (the third reads the prompt cache) and shows and hides Claude\'s thinking', async () => {
    const frame: FrameLocator = await webviewBySurface('panel', { page, what: 'the chat panel' });
    const answers = frame.locator('.msg.assistant');
    for (const [i, prompt] of TURNS.entries()) {
      await frame.locator('#composer').fill(prompt);
      await frame.locator('#composer').press('Enter');
      await answers.nth(i).and(frame.locator('.status-done, .status-stopped, .status-error')).waitFor({ timeout: 60_000 });
    }
    assert.equal(await frame.locator('.msg.assistant.status-done').count(), 3, await frame.locator('.turn-error').allInnerTexts().then((t) => t.join(' | ')));
    const third = await answers.nth(2).locator('.answer').innerText();
    assert.match(third, /Alice/);
    assert.match(third, /cats/);
    assert.equal(await answers.nth(2).locator('.api').innerText(), 'messages');
    // Messages is stateless: the whole history each time, with thinking on; turn 3 read the repeated part from the cache.
    const bodies = messagesPosts().map((e) => e.body as unknown as MessagesBody);
    assert.deepEqual(bodies.map((b) => b.messages?.length), [1, 3, 5]);
    assert.ok(bodies.every((b) => b.thinking?.type === 'adaptive'));
    assert.match(await answers.nth(2).locator('.usage').innerText(), /cached [1-9][\d.k]* read · [\d.k]+ written/);

    // Thinking arrives in the same collapsible reasoning block as any model's, and the toolbar toggle hides it.
    const bodiesShown = frame.locator('.reasoning-body');
    assert.equal(await bodiesShown.count(), 3);
    const visible = async () => (await Promise.all((await bodiesShown.all()).map((b) => b.isVisible()))).filter(Boolean).length;
    assert.equal(await visible(), 3);
    assert.match(await bodiesShown.first().innerText(), /\w/);
    await screenshot('chat-claude', { page, publish: true });
    await frame.locator('#reasoning-toggle').click();
    await frame.locator('#reasoning-toggle[aria-pressed="false"]').waitFor();
    assert.equal(await visible(), 0);
    await frame.locator('#reasoning-toggle').click();
    await frame.locator('#reasoning-toggle[aria-pressed="true"]').waitFor();
    assert.equal(await visible(), 3);
  });

  it('compares Claude Opus 4.8 with GPT-5.5 and GPT-OSS 120B side by side, each on its own route', async () => {
    await compareFromTree(page, emulator, PICKS, 'compare-claude');
  });

  it('runs Fix on a selection with Claude Opus 4.8 and shows the diff', async () => {
    const sent = await runOnSelectionWithModel(page, emulator, 'Fix', OPUS);
    assert.deepEqual(sent.map((e) => [e.model, e.path]), [[OPUS, '/anthropic/v1/messages']]);
  });

  it('answers through @mantle in VS Code\'s chat with Claude selected', async () => {
    await connectionStatusItem(page).waitFor({ timeout: 60_000 });
    const before = emulator.handle.log.length;
    await runCommand('Bedrock Mantle: Ask @mantle in VS Code Chat', { page });
    const input = page.locator('.interactive-input-part').first();
    await input.locator('.action-label', { hasText: 'Claude Opus 4.8' }).waitFor({ timeout: 20_000 });
    await input.locator('.monaco-editor').click();
    await page.keyboard.press('End');
    await page.keyboard.type('My name is Alice. What is my name?');
    await page.keyboard.press('Enter');
    const answer = page.locator('.interactive-list .interactive-response').last();
    await answer.locator('.rendered-markdown').first().waitFor({ timeout: 30_000 });
    await waitUntil(async () => emulator.handle.log.slice(before).some((e) => e.method === 'POST' && e.status > 0), 'the @mantle request answered', { timeoutMs: 30_000 });
    assert.match(await answer.innerText(), /\w/);
    const sent = emulator.handle.log.slice(before).filter((e) => e.method === 'POST');
    assert.deepEqual(sent.map((e) => [e.model, e.path]), [[OPUS, '/anthropic/v1/messages']]);
    await screenshot('lm-participant-claude', { page });
  });
});
