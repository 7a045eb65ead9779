// The chat's workspace tools in the real workbench against the emulator: asked to read README.md, the model calls
// read_file, the transcript shows the call (collapsed, its arguments inside as text) and the answer quotes the file;
// the tool step went out chained with only the function_call_output; the thread's switch turns tools off; a request
// to change code ends in a diff that changes nothing until it is accepted.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { current } from './session';
import { openFile, resetWorkbench, runCommand, screenshot, waitUntil, webviewBySurface } from './workbench';

type Body = { input?: unknown; previous_response_id?: string; tools?: unknown[] };

describe('Chat panel: workspace tools', function () {
  this.timeout(120_000);
  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
  });

  it('reads README.md through read_file, shows the call and answers from the file; the switch turns tools off', async () => {
    const emu = current().emulator!.handle;
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await webviewBySurface('panel', { what: 'the chat panel' });
    await frame.locator('#composer').waitFor();
    // A new thread: earlier specs leave turns (a failed one among them) that `.last()` below must not find.
    await frame.locator('[data-action="newThread"]').click();
    await frame.locator('.msg.assistant').first().waitFor({ state: 'detached' });
    await frame.locator('#tools-toggle[aria-pressed="true"]').waitFor();
    const before = emu.log.length;
    await frame.locator('#composer').fill('Please read README.md');
    await frame.locator('#composer').press('Enter');

    const answer = frame.locator('.msg.assistant').last();
    await answer.and(frame.locator('.status-done, .status-error')).waitFor({ timeout: 60_000 });
    assert.match(await answer.locator('.answer').innerText(), /Based on the tool result: README\.md \(lines 1-2 of 2\):[\s\S]*e2e workspace/);
    const call = answer.locator('.tool-use');
    assert.equal(await call.count(), 1);
    assert.match(await call.locator('summary').innerText(), /read_file — README\.md \(lines 1-2 of 2\):/);
    await call.locator('summary').click();
    assert.equal(await call.locator('.tool-args').innerText(), '{"path":"README.md"}');
    assert.equal(await call.locator('a, button').count(), 0, 'nothing in a tool call can be clicked to act');
    await screenshot('chat-tool-call', { publish: true });

    const posts = emu.log.slice(before).filter((e) => e.method === 'POST' && e.path === '/v1/responses');
    assert.equal(posts.length, 2);
    const step = posts[1].body as Body;
    assert.match(step.previous_response_id ?? '', /^resp_/);
    assert.deepEqual((step.input as { type: string }[]).map((i) => i.type), ['function_call_output']);

    // Off for this thread: the next request carries no tools.
    await frame.locator('#tools-toggle').click();
    await frame.locator('#tools-toggle[aria-pressed="false"]').waitFor();
    const beforeOff = emu.log.length;
    await frame.locator('#composer').fill('Please read README.md');
    await frame.locator('#composer').press('Enter');
    await frame.locator('.msg.assistant').nth(1).and(frame.locator('.status-done, .status-error')).waitFor({ timeout: 60_000 });
    const off = emu.log.slice(beforeOff).filter((e) => e.method === 'POST' && e.path === '/v1/responses');
    assert.equal(off.length, 1);
    assert.equal((off[0].body as Body).tools, undefined);
  });

  it('a request to change code opens a diff; the file changes only after Accept', async () => {
    const { page, server } = current();
    const file = join(server.workspace, 'src/inventory.ts');
    const original = readFileSync(file, 'utf8');
    assert.match(original, /let sum = 0;/);
    await runCommand('Bedrock Mantle: Open Chat');
    const frame = await webviewBySurface('panel', { what: 'the chat panel' });
    // A new thread: the one before had its tools turned off.
    await frame.locator('[data-action="newThread"]').click();
    await frame.locator('#tools-toggle[aria-pressed="true"]').waitFor();
    await frame.locator('#composer').fill('Please change "let sum = 0;" to "let total = 0;" in src/inventory.ts');
    await frame.locator('#composer').press('Enter');
    const diff = page.locator('.editor-group-container .monaco-diff-editor');
    await diff.first().waitFor({ timeout: 60_000 });
    await page.locator('.tabs-container .tab', { hasText: 'Original ↔ Edit' }).first().waitFor();
    assert.equal(readFileSync(file, 'utf8'), original, 'nothing is written before Accept');
    await page.locator('.editor-group-container .editor-actions .action-label[aria-label^="Accept Proposal"]').first().click();
    await diff.first().waitFor({ state: 'detached' });
    // The edit is in the open document; saving it puts it on disk.
    await openFile('src/inventory.ts');
    await page.keyboard.press('Control+S');
    const onDisk = await waitUntil(() => { const t = readFileSync(file, 'utf8'); return t !== original && t; }, 'the accepted edit on disk', { timeoutMs: 10_000 });
    assert.equal(onDisk, original.replace('let sum = 0;', 'let total = 0;'));
  });
});
