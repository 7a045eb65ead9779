// Secret hygiene, end to end, in a private editor whose emulator accepts only a recognisable key: the key is typed
// into Set API Key; the log is set to Trace; then models are listed, a chat turn runs, a 401 is injected, the thread
// is exported and the window reloaded. Afterwards the key must appear nowhere it should not: the log files, the
// webview DOM, the workbench's browser storage (where webview state lives), the exported Markdown, error texts, the
// settings files, and every byte of the editor's user-data folder (state.vscdb, globalStorage, backups) and the
// workspace. The one place the key may be is VS Code's secret storage, which the test finds and names.
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { startTestEmulator, type TestEmulator } from '../tools/emulator';
import { current, openEditor, type Editor } from './session';
import { chooseQuickPickItems, clearNotifications, readNotifications, reloadWindow, runCommand, screenshot, waitForNotification, waitUntil, webviewBySurface } from './workbench';

// Shaped like a short-term Bedrock key, with a random tail: the tail alone is what is searched for as well, so a
// partial mask (prefix kept, tail leaked) is caught too.
const TAIL = `HYGIENE${randomBytes(12).toString('hex').toUpperCase()}`;
const KEY = `bedrock-api-key-${TAIL}`;

/** Every file under `dir` (skipping sockets and the like), with its raw bytes. */
function* filesUnder(dir: string): Generator<{ path: string; bytes: Buffer }> {
  let entries: string[];
  try { entries = readdirSync(dir); } catch { return; }
  for (const name of entries) {
    const p = join(dir, name);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isDirectory()) yield* filesUnder(p);
    else if (st.isFile()) { try { yield { path: p, bytes: readFileSync(p) }; } catch { /* vanished */ } }
  }
}

/** Files whose bytes contain the key or its tail, in UTF-8 or UTF-16 (Chromium's storage keeps strings as either). */
function filesContaining(dir: string, texts: string[]): string[] {
  const needles = texts.flatMap((s) => [Buffer.from(s, 'utf8'), Buffer.from(s, 'utf16le')]);
  return [...filesUnder(dir)].filter((f) => needles.some((n) => f.bytes.includes(n))).map((f) => f.path.slice(dir.length + 1));
}

const filesWithSecret = (dir: string): string[] => filesContaining(dir, [KEY, TAIL]);

async function chatFrame(page: Page): Promise<FrameLocator> {
  return webviewBySurface('panel', { page, what: 'the chat panel' });
}

async function sendAndWait(frame: FrameLocator, text: string, count: number): Promise<void> {
  await frame.locator('#composer').fill(text);
  await frame.locator('#composer').press('Enter');
  await frame.locator('.msg.assistant').nth(count - 1).and(frame.locator('.status-done, .status-stopped, .status-error')).waitFor({ timeout: 30_000 });
}

/** Everything the workbench's origin keeps in the browser: IndexedDB (webview and workbench state) and localStorage. */
async function browserStorage(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const out: string[] = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(info.name as string); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error);
        });
        out.push(`${info.name}/${store}: ${JSON.stringify(rows, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder().decode(v) : v))}`);
      }
      db.close();
    }
    return out.join('\n');
  });
}

describe('hardening: the API key leaks nowhere (a private editor, log at Trace)', function () {
  this.timeout(240_000);
  let emulator: TestEmulator;
  let editor: Editor | undefined;
  let page: Page;
  const seen: string[] = []; // every notification and error text shown during the run

  before(async function () {
    this.timeout(180_000);
    emulator = await startTestEmulator({ apiKeys: [KEY] });
    // No key in the environment: the only way in is the password box.
    editor = await openEditor({ label: 'e2e-secrets', vsix: current().vsix, settings: { 'bedrockMantle.endpoint': emulator.url }, workspaceFiles: { 'README.md': '# secrets\n' } });
    page = editor.page;
  });

  after(async () => {
    await editor?.close();
    await emulator?.close();
  });

  it('runs set key → trace log → list models → chat → 401 → export → reload', async () => {
    await runCommand('Bedrock Mantle: Set API Key', { page });
    const box = page.locator('.quick-input-widget input[type="password"]');
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    await box.fill(KEY);
    await page.keyboard.press('Enter');
    await waitForNotification('Bedrock API key saved in secret storage.', { page });
    await clearNotifications(page);

    // Developer: Set Log Level… → the extension's channel → Trace.
    await runCommand('Developer: Set Log Level...', { page });
    const pick = page.locator('.quick-input-widget');
    await pick.locator('.monaco-list-row', { hasText: 'Bedrock Mantle' }).first().click({ timeout: 15_000 });
    await pick.locator('.monaco-list-row', { hasText: /^\s*Trace/ }).first().click({ timeout: 15_000 });

    await runCommand('Bedrock Mantle: Test Connection', { page });
    seen.push(await (await waitForNotification(/Connected to Bedrock Mantle/, { page, timeoutMs: 30_000 })).innerText());
    await clearNotifications(page);

    await runCommand('Bedrock Mantle: Open Chat', { page });
    let frame = await chatFrame(page);
    await sendAndWait(frame, 'My name is Alice and I like cats.', 1);
    emulator.handle.setFaults([{ kind: '401', path: '/responses', method: 'POST' }]);
    await sendAndWait(frame, 'What is my name?', 2);
    seen.push(await frame.locator('.msg.assistant.status-error .turn-error').last().innerText());
    emulator.handle.setFaults([{ kind: '401' }]);
    await runCommand('Bedrock Mantle: Test Connection', { page });
    seen.push(await (await waitForNotification(/Test Connection failed/, { page, timeoutMs: 30_000 })).innerText());
    seen.push(...(await readNotifications(page)));
    await clearNotifications(page);

    await frame.locator('[data-action="exportThread"]').click();
    await chooseQuickPickItems(['With reasoning', 'Open in a new editor'], { page });
    const exported = await page.waitForFunction(() => [...document.querySelectorAll('.editor-instance .monaco-editor .view-lines')]
      .map((e) => (e.textContent ?? '').replace(/\u00a0/g, ' ')).find((t) => t.includes('## You')), undefined, { timeout: 15_000 });
    const markdown = String(await exported.jsonValue());
    assert.match(markdown, /Alice/);
    assert.ok(!markdown.includes(TAIL), 'the export carries no key');

    await reloadWindow(page);
    await runCommand('Bedrock Mantle: Open Chat', { page });
    frame = await chatFrame(page);
    await frame.locator('.msg.assistant').nth(1).waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.user-text').first().innerText(), /Alice/, 'the thread came back after the reload');
    // The editor writes its state to disk on a timer and on shutdown: wait until the thread is there, so the search
    // for the key below covers what the extension stored.
    await waitUntil(() => filesContaining(editor!.server.dirs.userData, ['Alice']).length > 0, 'the thread written to disk', { timeoutMs: 30_000 });
    await screenshot('hardening-secrets', { page });

    // What the person saw.
    for (const text of seen) assert.ok(!text.includes(TAIL), `shown text carries the key: ${text}`);
    assert.ok(seen.some((t) => /401|rejected/i.test(t)), `the 401 was shown: ${seen.join(' | ')}`);

    // The webview DOM of every frame, and the workbench's browser storage (webview state is kept there).
    const doms = await Promise.all(page.frames().map((f) => f.content().catch(() => '')));
    assert.ok(doms.some((d) => d.includes('Alice')), 'the chat DOM was read');
    assert.ok(!doms.some((d) => d.includes(TAIL)), 'a frame\'s DOM carries the key');
    assert.ok(!(await browserStorage(page)).includes(TAIL), 'the browser storage carries the key');

    // The log at Trace level.
    const logs = [...filesUnder(join(editor!.server.dirs.userData, 'logs'))].filter((f) => f.path.endsWith('Bedrock Mantle.log'));
    assert.ok(logs.length > 0, 'the extension\'s log file exists');
    const log = logs.map((f) => f.bytes.toString('utf8')).join('\n');
    assert.match(log, /\[trace\]/, 'the log was at Trace level');
    assert.match(log, /request body:/, 'request bodies were traced');
    assert.match(log, /→ 401/);
    assert.ok(!log.includes(TAIL), 'the log carries the key');

    // Every byte the editor wrote: user data (settings, state.vscdb, globalStorage, backups, logs) and the workspace.
    const userData = filesWithSecret(editor!.server.dirs.userData);
    const workspace = filesWithSecret(editor!.server.workspace);
    const home = filesWithSecret(editor!.server.dirs.home);
    // Secret storage is where the key belongs; name it so a reader of a failure sees where it was found.
    const secretStore = (p: string) => /secret/i.test(p);
    assert.deepEqual(userData.filter((p) => !secretStore(p)), [], 'files under user-data carry the key');
    assert.deepEqual(workspace, [], 'files in the workspace carry the key');
    assert.deepEqual(home.filter((p) => !secretStore(p)), [], 'files under HOME carry the key');
    const profile = filesWithSecret(editor!.browser.profileDir);
    console.log(`      the key was found only in: ${[...userData, ...home, ...profile.map((p) => `browser:${p}`)].join(', ') || '(nowhere on disk)'}`);
  });
});
