// 1, 3 and 7a in the real editor (code-server, the VS Code workbench in Chromium, offline):
//  - Activation: the packaged .vsix installed as a person installs it; in each of several fresh windows the
//    workbench's own figure is read from Developer: Show Running Extensions ("Activation: N ms" = loading the
//    extension's code + the synchronous activate() call, as measured by the extension host).
//  - One more window loads the same production bundle with module markers as the development extension and runs
//    bench/host/entry.ts inside its extension host (module lists, added latency, 200-turn heap growth).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { runCommand } from '../test/e2e/workbench';
import { launchBrowser } from '../test/tools/browser';
import { startCodeServer } from '../test/tools/codeServer';
import { startTestEmulator } from '../test/tools/emulator';
import { repoRoot } from '../test/tools/paths';
import { reps, runMain, smoke, summarize } from './lib';
import { buildMarkedExtension } from './moduleMarkers';
import { shippedExtension } from './shipped';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens a fresh window and reads the extension's activation time from Developer: Show Running Extensions. The list
 * shows extensions whose activation has started, sorted slowest first, and is virtual: the editor is reopened until
 * the row is there (activation happens after startup finished) and scrolled to bring it into view.
 */
async function activationInWindow(page: Page, url: string): Promise<number> {
  await page.setViewportSize({ width: 1400, height: 2400 });
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  const deadline = Date.now() + 120_000;
  let text = '';
  for (;;) {
    await runCommand('Developer: Show Running Extensions', { page, timeoutMs: 60_000 });
    const list = page.locator('.runtime-extensions-editor .monaco-list').first();
    await list.waitFor({ timeout: 30_000 });
    const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: 'Bedrock Mantle' }).first();
    for (let i = 0; i < 120; i++) {
      if (await row.count()) {
        text = (await row.locator('.activation-time').textContent({ timeout: 5_000 }).catch(() => '')) ?? '';
        const m = /Activation: (\d+(?:\.\d+)?)ms/.exec(text);
        if (m) return Number(m[1]);
      } else {
        await list.hover();
        await page.mouse.wheel(0, 400);
      }
      await sleep(250);
    }
    if (Date.now() > deadline) throw new Error(`no activation time for Bedrock Mantle in Running Extensions (last text: ${JSON.stringify(text)})`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+F4').catch(() => undefined);
    await sleep(1000);
  }
}

/**
 * The same activation split into its parts, from Developer: Startup Performance ("Extension Activation Stats": Load
 * Code, Call Activate, Finish Activate). Best effort: the report is a text editor, searched for the extension's row.
 */
type Split = { loadCode: number; activateCall: number; activateResolved: number };

async function activationSplit(page: Page): Promise<{ ours: Split; others: Record<string, Split> } | undefined> {
  try {
    await page.keyboard.press('Escape');
    await runCommand('Developer: Startup Performance', { page, timeoutMs: 30_000 });
    const editor = page.locator('.editor-instance .monaco-editor').last();
    await editor.waitFor({ timeout: 15_000 });
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+F');
    await page.keyboard.type('| bedrock-mantle.bedrock-mantle |');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      // Every row of the table that is on screen: | id | eager | load code | call activate | finish activate | … |
      const rows: Record<string, Split> = {};
      for (const line of await editor.locator('.view-line').allInnerTexts()) {
        const cells = line.replace(/\u00a0/g, ' ').split('|').map((c) => c.trim()).filter(Boolean);
        if (cells.length >= 5 && /^[\w-]+\.[\w.-]+$/.test(cells[0]) && cells.slice(2, 5).every((c) => /^\d+(\.\d+)?$/.test(c))) {
          rows[cells[0]] = { loadCode: Number(cells[2]), activateCall: Number(cells[3]), activateResolved: Number(cells[4]) };
        }
      }
      const ours = rows['bedrock-mantle.bedrock-mantle'];
      if (ours) { delete rows['bedrock-mantle.bedrock-mantle']; return { ours, others: rows }; }
      await sleep(250);
    }
  } catch { /* the split is a detail; the Running Extensions figure stands without it */ }
  return undefined;
}

/** Size of a built-in extension's main file in the provisioned code-server (for comparing Load Code). */
function builtinMainBytes(name: string): number | undefined {
  try {
    const dir = join(repoRoot, '.cache/code-server/node_modules/code-server/lib/vscode/extensions', name);
    const main = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string }).main ?? '';
    const file = join(dir, main);
    return statSync(existsSync(file) ? file : `${file}.js`).size;
  } catch { return undefined; }
}

async function compileEntry(outDir: string): Promise<string> {
  const outfile = join(outDir, 'entry.js');
  await build({
    entryPoints: [join(repoRoot, 'bench/host/entry.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], logLevel: 'warning',
  });
  return outfile;
}

runMain(async () => {
  const shipped = await shippedExtension();
  const work = mkdtempSync(join(tmpdir(), 'mantle-bench-editor-'));
  const emulator = await startTestEmulator();
  const server = await startCodeServer({
    label: 'bench',
    vsix: shipped.vsix,
    smokeTestDriver: true, // needed for the URL payload of the measuring window; it only hides notification toasts
    settings: { 'bedrockMantle.endpoint': emulator.url },
    env: {
      AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey,
      MANTLE_EMULATOR_URL: emulator.url,
      MANTLE_BENCH_OUT: join(work, 'host.json'),
      MANTLE_BENCH_REPS: String(reps(25)),
      MANTLE_BENCH_WARMUP: smoke ? '1' : '5',
      MANTLE_BENCH_MEMORY_TURNS: smoke ? '20' : '200',
    },
    workspaceFiles: { 'README.md': '# bench workspace\n' },
  });
  // The profile the host entry switches to at the end (the emulator's SigV4 pair), in the editor's private HOME.
  mkdirSync(join(server.dirs.home, '.aws'), { recursive: true });
  writeFileSync(join(server.dirs.home, '.aws', 'credentials'), '[bench]\naws_access_key_id = AKIDEMULATOR\naws_secret_access_key = emulator-secret-key\n');
  const browser = await launchBrowser({ headless: true });
  try {
    const activation: number[] = [];
    const split: Split[] = [];
    const others: Record<string, number[]> = {};
    for (let i = 0; i < reps(7); i++) {
      const page = await browser.context.newPage();
      try {
        activation.push(await activationInWindow(page, server.workbenchUrl()));
        const parts = await activationSplit(page);
        if (parts) {
          split.push(parts.ours);
          for (const [id, o] of Object.entries(parts.others)) (others[id] ??= []).push(o.loadCode);
        }
      } finally { await page.close(); }
    }

    // The measuring window: the marked production bundle as the development extension (overrides the installed one).
    const devExt = join(work, 'extension');
    cpSync(shipped.extensionDir, devExt, { recursive: true });
    await buildMarkedExtension(join(devExt, 'dist', 'extension.js'));
    const entry = await compileEntry(join(work, 'host'));
    const page = await browser.context.newPage();
    const exited = new Promise<number>((resolve) => { void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)); });
    await page.goto(server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(devExt)],
      ['extensionTestsPath', server.remoteUri(entry)],
      ['skipWelcome', 'true'],
    ]));
    const code = await Promise.race([exited, sleep(600_000).then(() => 'timeout' as const)]);
    let host: Record<string, unknown>;
    try { host = JSON.parse(readFileSync(join(work, 'host.json'), 'utf8')) as Record<string, unknown>; }
    catch { throw new Error(`the extension-host bench wrote no result (exit ${code}); code-server log: ${server.logFile}`); }
    if (host.error) throw new Error(`extension-host bench failed: ${String(host.error)}`);
    await page.close();
    const builtinBundleBytes = Object.fromEntries(['git', 'git-base'].map((name) => [`vscode.${name}`, builtinMainBytes(name)]));
    const codeServerVersion = spawnSync('node', ['-e', `console.log(require(${JSON.stringify(join(repoRoot, '.cache/code-server/node_modules/code-server/package.json'))}).version)`], { encoding: 'utf8' }).stdout.trim();
    return { codeServer: codeServerVersion, builtinBundleBytes, activation: {
      ms: summarize(activation, 1), samples: activation,
      ...(split.length ? { split: {
        loadCodeMs: summarize(split.map((x) => x.loadCode), 1),
        activateCallMs: summarize(split.map((x) => x.activateCall), 1),
        activateResolvedMs: summarize(split.map((x) => x.activateResolved), 1),
        // activate() itself: the synchronous call plus the wait for what it returns to settle.
        activateMs: summarize(split.map((x) => x.activateCall + x.activateResolved), 1),
        samples: split,
        // Load Code of the editor's own extensions in the same windows: what loading code costs on this machine now.
        othersLoadCodeMs: Object.fromEntries(Object.entries(others).map(([id, v]) => [id, summarize(v, 1)])),
      } } : {}),
    }, host };
  } finally {
    await browser.close();
    await server.stop();
    await emulator.close();
    shipped.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});
