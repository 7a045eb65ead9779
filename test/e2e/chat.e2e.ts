// The chat panel in the real workbench against the emulator: the Alice/cats conversation chained on the server,
// the reasoning toggle, Stop on a long reply (the emulator sees the connection closed), a window reload that brings
// the thread back, and a next turn that chains from the stored response id.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { RequestLogEntry } from '../emulator/server';
import { current } from './session';
import { chooseQuickPickItems, openSidebar, readOutput, reloadWindow, resetWorkbench, runCommand, screenshot, viewPane, waitUntil, webviewBySurface } from './workbench';

const T1 = 'My name is Alice and I like cats.';
const T2 = 'What is my name and what do I like?';
type Body = { input?: unknown; previous_response_id?: string };

/** The chat panel's content frame (the side bar may show the chat view too; the panel's body says data-surface="panel"). */
async function chatPanel(surface: 'panel' | 'view' = 'panel'): Promise<FrameLocator> {
  return webviewBySurface(surface, { what: `the chat ${surface}` });
}

function responsesPosts(): RequestLogEntry[] {
  return current().emulator!.handle.log.filter((e) => e.method === 'POST' && e.path === '/v1/responses');
}

/** A stored response as the emulator holds it (GET /v1/responses/{id} with the emulator's key). */
async function storedResponse(id: string): Promise<{ status: string; output_text: string }> {
  const emu = current().emulator!;
  const res = await fetch(`${emu.url}/responses/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${emu.apiKey}` } });
  assert.equal(res.status, 200, `stored response ${id}`);
  const json = (await res.json()) as { status: string; output?: { type: string; content?: { text?: string }[] }[] };
  const text = (json.output ?? []).filter((o) => o.type === 'message').flatMap((o) => o.content ?? []).map((c) => c.text ?? '').join('');
  return { status: json.status, output_text: text };
}

async function send(frame: FrameLocator, text: string): Promise<void> {
  const composer = frame.locator('#composer');
  await composer.fill(text);
  await composer.press('Enter');
}

/** Waits until the chat shows `count` assistant answers, the last one finished (done/stopped/failed). */
async function waitForAnswers(frame: FrameLocator, count: number, timeout = 30_000): Promise<string> {
  const answers = frame.locator('.msg.assistant');
  await answers.nth(count - 1).waitFor({ timeout });
  const lastAnswer = answers.nth(count - 1);
  await lastAnswer.and(frame.locator('.status-done, .status-stopped, .status-error')).waitFor({ timeout });
  return lastAnswer.locator('.answer').innerText();
}

describe('Chat panel', function () {
  this.timeout(120_000);
  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });

  it('runs the Alice/cats conversation, each turn chained on the server', async () => {
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await chatPanel();
    await frame.locator('#composer').waitFor();
    await frame.locator('#model-select').waitFor();
    // The page runs under a strict CSP: nothing by default, scripts only with the page's nonce.
    const csp = (await frame.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /script-src 'nonce-[A-Za-z0-9+/=]{16,}'$/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.equal(await frame.locator('[onclick], [onload], [onerror], [oninput], [onkeydown]').count(), 0, 'no inline handlers');
    assert.equal(await frame.locator('#model-select').inputValue(), 'openai.gpt-oss-120b');
    const before = responsesPosts().length;

    // Empty input is refused in the webview: nothing reaches the server.
    await send(frame, '   ');
    await frame.locator('.notice', { hasText: 'empty prompt' }).waitFor();
    assert.equal(responsesPosts().length, before);

    await send(frame, T1);
    assert.match(await waitForAnswers(frame, 1), /Alice/);
    await send(frame, T2);
    const answer = await waitForAnswers(frame, 2);
    assert.match(answer, /Alice/);
    assert.match(answer, /cats/);

    const [first, second] = responsesPosts().slice(before);
    assert.equal((first?.body as Body).previous_response_id, undefined);
    const body = second?.body as Body;
    const chainedTo = await storedResponse(body.previous_response_id ?? '');
    assert.match(chainedTo.output_text, /Alice/, 'turn 2 chains onto turn 1\'s stored response');
    assert.ok(!JSON.stringify(body.input).includes('Alice'), 'turn 2 does not resend turn 1');
    // Per-turn usage is shown under each answer.
    assert.match(await frame.locator('.msg.assistant .usage').nth(1).innerText(), /in \d+ · out \d+/);
    await screenshot('chat-conversation', { publish: true });
  });

  it('toggles the reasoning off and on from the toolbar', async () => {
    const frame = await chatPanel();
    const bodies = frame.locator('.reasoning-body');
    assert.ok(await bodies.count() >= 2, 'gpt-oss answers carry reasoning');
    const visible = async () => (await Promise.all((await bodies.all()).map((b) => b.isVisible()))).filter(Boolean).length;
    const initiallyShown = await visible() > 0;
    await frame.locator('#reasoning-toggle').click();
    await frame.locator(`#reasoning-toggle[aria-pressed="${initiallyShown ? 'false' : 'true'}"]`).waitFor();
    assert.equal(await visible(), initiallyShown ? 0 : await bodies.count());
    await screenshot(initiallyShown ? 'chat-reasoning-hidden' : 'chat-reasoning-shown');
    await frame.locator('#reasoning-toggle').click();
    await frame.locator(`#reasoning-toggle[aria-pressed="${initiallyShown ? 'true' : 'false'}"]`).waitFor();
    assert.equal(await visible(), initiallyShown ? await bodies.count() : 0);
    // One message can still be collapsed on its own.
    if (initiallyShown) {
      await frame.locator('.reasoning-head').first().click();
      assert.equal(await visible(), (await bodies.count()) - 1);
    }
  });

  it('stops a long reply with Escape: the connection closes and the partial answer stays, marked stopped', async () => {
    const emu = current().emulator!.handle;
    emu.setFaults([{ kind: 'token-rate', ms: 15, path: '/responses', method: 'POST' }]);
    const frame = await chatPanel();
    await send(frame, 'reply with 3000 tokens');
    const streaming = frame.locator('.msg.assistant.status-streaming .answer');
    await streaming.filter({ hasText: /\w{3}/ }).waitFor({ timeout: 20_000 });
    await frame.locator('#stop').waitFor();
    await frame.locator('#composer').press('Escape');
    await frame.locator('.msg.assistant.status-stopped').waitFor({ timeout: 10_000 });
    const entry = await emu.waitFor((e) => e.method === 'POST' && JSON.stringify(e.body ?? '').includes('3000 tokens') && e.clientClosedEarly, 10_000);
    assert.equal(entry.clientClosedEarly, true);
    const partial = await frame.locator('.msg.assistant.status-stopped .answer').innerText();
    assert.ok(partial.length > 0);
    await frame.locator('#send').waitFor();
  });

  it('comes back after a window reload and the next turn chains from the stored id', async () => {
    const { page } = current();
    await reloadWindow(page);
    const frame = await webviewBySurface('panel', { what: 'the chat panel restored after the reload', timeoutMs: 90_000 });
    await frame.locator('.msg.assistant').nth(2).waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.user-text').first().innerText(), /Alice/);
    assert.equal(await frame.locator('.msg.assistant.status-stopped').count(), 1);

    const before = responsesPosts().length;
    await send(frame, 'And again: what is my name and what do I like?');
    const answer = await waitForAnswers(frame, 4);
    assert.match(answer, /Alice/);
    const next = responsesPosts()[before];
    // Chained onto turn 2 (completed, it answered with Alice and cats), not onto the stopped long reply.
    const chainedTo = await storedResponse((next?.body as Body).previous_response_id ?? '');
    assert.equal(chainedTo.status, 'completed');
    assert.match(chainedTo.output_text, /cats/);
    assert.ok(!JSON.stringify((next?.body as Body).input).includes('cats'));
    await screenshot('chat-after-reload');
  });
});

describe('Chat panel: rendering model output', function () {
  this.timeout(120_000);
  before(function () {
    if (!current().emulator) this.skip();
  });

  it('highlights code blocks and opens one in a new editor', async () => {
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await chatPanel();
    await runCommand('Bedrock Mantle: New Chat Thread');
    await frame.locator('.empty-thread').waitFor();
    await send(frame, 'Explain this code:\n```ts\nexport function add(a: number, b: number) { return a + b; }\n```');
    await waitForAnswers(frame, 1);
    const block = frame.locator('.msg.assistant').nth(0).locator('.code-block').first();
    await block.waitFor();
    assert.ok(await block.locator('.hljs-keyword, .hljs-title, .hljs-string, .hljs-number').count() > 0, 'highlighted');
    await screenshot('chat-code', { publish: true });
    const code = await block.locator('code').innerText();
    assert.equal(await block.locator('.code-lang').innerText(), 'ts');
    await block.locator('[data-action="openCode"]').click();
    const { page } = current();
    const editor = page.locator('.editor-instance .monaco-editor .view-lines').first();
    await page.waitForFunction((first) => [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')].some((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ').includes(first)), code.split('\n')[0]?.trim().slice(0, 20) ?? '', { timeout: 10_000 });
    assert.ok(await editor.count());
    assert.ok(await page.locator('.tab.active[aria-label*="Untitled"]').count() > 0 || await page.locator('.tab.active', { hasText: 'Untitled' }).count() > 0);
    // The untitled document got the fence's language (ts → TypeScript), shown in the status bar.
    await page.locator('.statusbar-item[id="status.editor.mode"]', { hasText: 'TypeScript' }).waitFor({ timeout: 10_000 });
  });

  it('sanitizes untrusted Markdown: raw HTML shows as text, no script/handlers/styles/forms, only web links', async () => {
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await chatPanel();
    await runCommand('Bedrock Mantle: New Chat Thread');
    await frame.locator('.empty-thread').waitFor();
    const hostile = 'Render <img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> <form><input name=a></form> <b style="color:red">bold</b> [bad](javascript:alert(1)) [good](https://example.com/docs)';
    await send(frame, hostile);
    await waitForAnswers(frame, 1);
    const answer = frame.locator('.msg.assistant .answer').first();
    assert.match(await answer.innerText(), /<img src=x onerror=/, 'raw HTML is shown as text');
    for (const sel of ['img', 'script', 'form', 'input', 'iframe', '[style]', '[onerror]', 'a[href^="javascript"]']) {
      assert.equal(await answer.locator(sel).count(), 0, `no ${sel} in the rendered answer`);
    }
    assert.equal(await answer.locator('a[href="https://example.com/docs"]').count(), 1);
    assert.equal(await frame.locator('body').evaluate(() => (window as unknown as { pwned?: number }).pwned), undefined);

    // A link opens only through VS Code, which asks first; the webview itself never navigates.
    await answer.locator('a[href="https://example.com/docs"]').click();
    const { page } = current();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ timeout: 10_000 });
    assert.match(await dialog.innerText(), /example\.com/);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await frame.locator('#composer').count(), 1, 'the chat is still there');
  });

  it('exports the thread as Markdown into a new editor', async () => {
    const { page } = current();
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await chatPanel();
    await frame.locator('[data-action="exportThread"]').click();
    await chooseQuickPickItems(['With reasoning'], { page });
    // Focus going back to the chat (as it may, late, after the click that started the export) keeps the next step.
    await frame.locator('#composer').click();
    await chooseQuickPickItems(['Open in a new editor'], { page });
    // The editor renders spaces as U+00A0.
    await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')]
      .map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' '))
      .some((t) => t.includes('## You') && t.includes('<summary>Reasoning</summary>')), undefined, { timeout: 10_000 });
  });
});

describe('Chat panel: threads and errors', function () {
  this.timeout(120_000);
  before(function () {
    if (!current().emulator) this.skip();
  });

  it('lists the threads and switches between them', async () => {
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await chatPanel();
    await runCommand('Bedrock Mantle: New Chat Thread');
    await frame.locator('.empty-thread').waitFor();
    await send(frame, 'My name is Bob and I like dogs.');
    await waitForAnswers(frame, 1);
    await frame.locator('[data-action="toggleThreads"]').click();
    const rows = frame.locator('.thread-row');
    assert.ok(await rows.count() >= 2);
    assert.match(await frame.locator('.thread-row.active').innerText(), /Bob/);
    await rows.filter({ hasText: 'My name is Alice' }).first().locator('.thread-open').click();
    await frame.locator('#thread-title', { hasText: 'My name is Alice' }).waitFor();
    assert.match(await frame.locator('.user-text').first().innerText(), /Alice/);
    await frame.locator('[data-action="toggleThreads"]').click();
  });

  it('Edit and resend on an earlier message starts a branch chained from the answer before it', async () => {
    const frame = await chatPanel();
    await frame.locator('#thread-title', { hasText: 'My name is Alice' }).waitFor();
    const before = responsesPosts().length;
    await frame.locator('.msg.user').nth(1).locator('[data-action="startEdit"]').click();
    await frame.locator('.edit-input').fill('Who am I?');
    await frame.locator('[data-action="editSend"]').click();
    await frame.locator('#thread-title', { hasText: '(edited)' }).waitFor();
    const answer = await waitForAnswers(frame, 2);
    assert.match(answer, /Alice/);
    assert.equal(await frame.locator('.msg.user').count(), 2, 'the branch holds turn 1 and the edited turn');
    const sent = responsesPosts()[before];
    assert.ok(!JSON.stringify((sent?.body as Body).input).includes('Alice'), 'nothing earlier is resent');
    const parent = await storedResponse((sent?.body as Body).previous_response_id ?? '');
    assert.match(parent.output_text, /Nice to meet you, Alice/, 'chained to the answer of turn 1');
  });

  it('shows the size of a very long prompt before it is sent', async () => {
    const frame = await chatPanel();
    await frame.locator('#composer').fill('x'.repeat(9000));
    await frame.locator('.prompt-size', { hasText: '9,000 characters ≈ 2,250 tokens' }).waitFor();
    await frame.locator('#composer').fill('');
    await frame.locator('.prompt-size').waitFor({ state: 'hidden' });
  });

  it('shows a failed turn inline with its action buttons, which run the command', async () => {
    const emu = current().emulator!.handle;
    const frame = await chatPanel();
    emu.setFaults([{ kind: '401', path: '/responses', method: 'POST' }]);
    await send(frame, 'Hello?');
    const error = frame.locator('.msg.assistant.status-error .turn-error').last();
    await error.waitFor({ timeout: 20_000 });
    await error.locator('.text-button', { hasText: 'Show Logs' }).click();
    const output = await waitUntil(async () => {
      const shown = await readOutput();
      return shown.channel === 'Bedrock Mantle' && shown;
    }, 'the Output view on the extension\'s log', { timeoutMs: 10_000 }).catch(() => ({ channel: '(another or none)', text: '' }));
    assert.equal(output.channel, 'Bedrock Mantle', 'Show Logs opened the extension\'s log');
    await screenshot('chat-error');
  });

  it('shows the same chat in the Bedrock Mantle side bar view', async () => {
    const panelTitle = await (await chatPanel()).locator('#thread-title').innerText();
    await openSidebar('Bedrock Mantle');
    const header = viewPane('Chat').locator('.pane-header');
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    const view = await chatPanel('view');
    await view.locator('#thread-title', { hasText: panelTitle }).waitFor({ timeout: 15_000 });
    assert.ok(await view.locator('.msg.assistant').count() > 0);
    await screenshot('chat-sidebar');
  });
});
