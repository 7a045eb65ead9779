// Helpers for e2e specs: drive the real VS Code workbench the way a person does (command palette, activity bar,
// views, webviews, notifications) and take screenshots. Every helper uses the shared session's page unless one is
// passed. Selectors were checked against code-server 4.139 (VS Code 1.10x); keep them here, not in specs.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { artifactPath, repoRoot } from '../tools/paths';
import { current } from './session';

const page = (p?: Page) => p ?? current().page;

/** CSS attribute values are quoted with "; titles never contain one, but escape to be safe. */
const attr = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/**
 * Opens the command palette with `>` typed into it and returns its input. F1 first; when the keyboard focus is
 * somewhere that swallows F1 (inside a webview, a closing quick pick), the title bar's command center is clicked
 * instead (it opens Quick Open, which `>` turns into the command palette).
 */
export async function openCommandPalette(p?: Page): Promise<Locator> {
  const pg = page(p);
  const input = pg.locator('.quick-input-widget input');
  await pg.keyboard.press('Escape');
  await pg.keyboard.press('F1');
  try {
    await input.waitFor({ state: 'visible', timeout: 4000 });
  } catch {
    await pg.keyboard.press('Escape');
    await pg.locator('.titlebar .command-center .command-center-center').first().click({ timeout: 5000 });
    await input.waitFor({ state: 'visible', timeout: 5000 });
  }
  return input;
}

/**
 * Runs a command through the palette by its full title as shown there ("Bedrock Mantle: Show Logs"): open the
 * palette, type `>title`, click the row with exactly that label. Everything is retried until `timeoutMs` (default
 * 45 s): the extension's contributions may still be loading, and the palette does not refresh a list it showed.
 */
export async function runCommand(title: string, opts: { page?: Page; timeoutMs?: number } = {}): Promise<void> {
  const p = page(opts.page);
  const deadline = Date.now() + (opts.timeoutMs ?? 45_000);
  // The row's aria-label is the title, optionally followed by ", similar commands" or a keybinding.
  const row = p.locator(`.quick-input-list .monaco-list-row[aria-label="${attr(title)}"], .quick-input-list .monaco-list-row[aria-label^="${attr(title)},"]`).first();
  for (;;) {
    try {
      const input = await openCommandPalette(p);
      await input.fill(`>${title}`, { timeout: 5000 });
      await row.waitFor({ state: 'visible', timeout: 4000 });
      await row.click({ timeout: 5000 });
      return;
    } catch (e) {
      if (Date.now() > deadline) {
        await p.keyboard.press('Escape');
        throw new Error(`command "${title}" could not be run from the command palette: ${(e as Error).message.split('\n')[0]}`, { cause: e });
      }
    }
  }
}

/**
 * Chooses one item in each of a sequence of quick picks (a command's steps) by keyboard: focus the filter, move the
 * highlight to the row whose label is exactly the given one, press Enter. A click could land on a row that is still
 * moving into place, or on the previous step's list while it closes.
 */
export async function chooseQuickPickItems(labels: string[], opts: { page?: Page; timeoutMs?: number } = {}): Promise<void> {
  const p = page(opts.page);
  const widget = p.locator('.quick-input-widget');
  for (const label of labels) {
    const row = widget.locator(`.quick-input-list .monaco-list-row[aria-label="${attr(label)}"], .quick-input-list .monaco-list-row[aria-label^="${attr(label)},"]`).first();
    await row.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 15_000 });
    await widget.locator('input').first().focus();
    const rows = await widget.locator('.quick-input-list .monaco-list-row').count();
    for (let i = 0; i <= rows && !(await row.evaluate((e) => e.classList.contains('focused'))); i++) await p.keyboard.press('ArrowDown');
    assert.ok(await row.evaluate((e) => e.classList.contains('focused')), `quick pick: "${label}" could not be highlighted`);
    await p.keyboard.press('Enter');
    await row.waitFor({ state: 'hidden', timeout: opts.timeoutMs ?? 15_000 }); // accepted: the next step replaces the list
  }
}

/**
 * The labels of the command-palette rows for `query` (e.g. "Bedrock Mantle:"), leaving the palette open. Retries
 * until a row contains `expect` (or any row, without it), like runCommand. Only the rows in view are returned (the
 * list is virtual), so make `query` narrow enough for the rows you look for.
 */
export async function searchCommands(query: string, opts: { page?: Page; expect?: string; timeoutMs?: number } = {}): Promise<string[]> {
  const p = page(opts.page);
  const deadline = Date.now() + (opts.timeoutMs ?? 45_000);
  const rows = p.locator('.quick-input-list .monaco-list-row');
  for (;;) {
    try {
      const input = await openCommandPalette(p);
      await input.fill(`>${query}`, { timeout: 5000 });
      await rows.filter({ hasText: opts.expect ?? query }).first().waitFor({ state: 'visible', timeout: 4000 });
      return await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`no command-palette row for "${query}" contains "${opts.expect ?? query}"`, { cause: e });
    }
  }
}

/**
 * Opens a workspace file through Quick Open by its path relative to the workspace ("src/inventory.ts") and returns
 * the active editor once its tab is this file. Retried for up to 45 s: a file written moments ago may not be in
 * Quick Open's index yet.
 */
export async function openFile(relPath: string, opts: { page?: Page; timeoutMs?: number } = {}): Promise<Locator> {
  const p = page(opts.page);
  const name = relPath.split('/').pop() ?? relPath;
  const deadline = Date.now() + (opts.timeoutMs ?? 45_000);
  const row = p.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  for (;;) {
    try {
      const input = await openCommandPalette(p);
      await input.fill(relPath, { timeout: 5000 }); // without the leading ">" the palette is Quick Open
      await row.waitFor({ state: 'visible', timeout: 4000 });
      await row.click({ timeout: 5000 });
      await p.locator('.editor-group-container.active .tab.active', { hasText: name }).first().waitFor({ timeout: 5000 });
      return p.locator('.editor-group-container.active .monaco-editor').first();
    } catch (e) {
      if (Date.now() > deadline) {
        await p.keyboard.press('Escape');
        throw new Error(`could not open ${relPath} with Quick Open: ${(e as Error).message.split('\n')[0]}`, { cause: e });
      }
    }
  }
}

/**
 * Puts the shared workbench back to a plain state for a spec that must not depend on what earlier specs left:
 * closes quick picks and dialogs, every editor (discarding unsaved untitled ones, e.g. exports), the panel, and
 * the notifications. Call it from a spec's `before()`; the root hooks do not call it for you.
 */
export async function resetWorkbench(p?: Page): Promise<void> {
  const pg = page(p);
  await pg.keyboard.press('Escape');
  await pg.keyboard.press('Escape');
  await runCommand('View: Close All Editors', { page: pg });
  const dontSave = pg.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" }).first();
  while (await dontSave.waitFor({ state: 'visible', timeout: 1500 }).then(() => true, () => false)) await dontSave.click();
  if (await pg.locator('.part.panel').isVisible()) await runCommand('View: Hide Panel', { page: pg });
  await runCommand('Notifications: Clear All Notifications', { page: pg });
}

/** The activity-bar entry of a view container, by its title ("Bedrock Mantle"). */
export function activityBarItem(containerTitle: string, p?: Page): Locator {
  return page(p).locator(`.activitybar .action-item:has(> .action-label[aria-label^="${attr(containerTitle)}"])`);
}

/** Opens a view container in the side bar by clicking its activity-bar entry (not if it is already open). */
export async function openSidebar(containerTitle: string, p?: Page): Promise<Locator> {
  const item = activityBarItem(containerTitle, p);
  await item.waitFor({ state: 'visible', timeout: 20_000 });
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click(); // clicking an open one closes it
  const sidebar = page(p).locator('.part.sidebar');
  await sidebar.locator('.composite.title', { hasText: containerTitle }).waitFor({ state: 'visible', timeout: 10_000 });
  return sidebar;
}

/** A view's pane (in the side bar or the panel), by the view's title (case-insensitive). */
export function viewPane(viewTitle: string, p?: Page): Locator {
  return page(p).locator('.pane', { has: page(p).locator('.pane-header', { hasText: viewTitle }) });
}

/**
 * Clicks one of a view's title-bar actions by its label ("Refresh", "Collapse All"). A view alone in its container
 * has no header of its own (the header is in the DOM with class `hidden`) and its actions sit in the side bar's
 * title; beside other views they are in its pane header, shown while the pointer is over it.
 */
export async function clickViewTitleAction(viewTitle: string, actionLabel: string, p?: Page): Promise<void> {
  const header = viewPane(viewTitle, p).locator('.pane-header').first();
  await header.waitFor({ state: 'attached', timeout: 15_000 });
  const action = `.action-label[aria-label="${attr(actionLabel)}"], .action-label[aria-label^="${attr(actionLabel)} ("]`;
  if (/\bhidden\b/.test((await header.getAttribute('class')) ?? '')) {
    await page(p).locator('.part.sidebar .composite.title').locator(action).first().click();
  } else {
    await header.hover();
    await header.locator(action).first().click();
  }
}

export interface TreeRow {
  /** The row's accessible label (what a screen reader says; usually label + description). */
  label: string;
  /** The visible text. */
  text: string;
  /** 1 for top-level rows. */
  level: number;
  /** true/false for expandable rows, undefined for leaves. */
  expanded?: boolean;
}

/** The rendered rows of a tree view (only those scrolled into view: the list is virtual). */
export async function readTreeRows(viewTitle: string, opts: { page?: Page; atLeast?: number; timeoutMs?: number } = {}): Promise<TreeRow[]> {
  const rows = viewPane(viewTitle, opts.page).locator('.pane-body .monaco-list-row');
  if (opts.atLeast) await rows.nth(opts.atLeast - 1).waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 15_000 });
  return rows.evaluateAll((els) => els.map((el) => {
    const expanded = el.getAttribute('aria-expanded');
    return {
      label: el.getAttribute('aria-label') ?? '',
      text: (el as HTMLElement).innerText.trim(),
      level: Number(el.getAttribute('aria-level') ?? 1),
      expanded: expanded === null ? undefined : expanded === 'true',
    };
  }));
}

/**
 * The content frame of the visible, loaded webview (a webview is an iframe hosting another iframe). With several
 * webviews open, pass `index` to pick among the visible ones.
 */
export function webviewFrame(opts: { page?: Page; index?: number } = {}): FrameLocator {
  return page(opts.page)
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .nth(opts.index ?? 0)
    .contentFrame()
    .locator('iframe#active-frame')
    .contentFrame();
}

/**
 * The content frame of the visible webview whose body says `data-surface="<surface>"` (the chat page marks itself
 * "panel" or "view", the compare page "compare"), polled until it appears. With several webviews open, index-based
 * picking is unreliable; the surface names the page.
 */
export async function webviewBySurface(surface: string, opts: { page?: Page; timeoutMs?: number; what?: string } = {}): Promise<FrameLocator> {
  const p = page(opts.page);
  return waitUntil(async () => {
    const frames = p.locator('iframe.webview.ready').filter({ visible: true });
    const n = await frames.count();
    for (let i = 0; i < n; i++) {
      const inner = frames.nth(i).contentFrame().locator('iframe#active-frame').contentFrame();
      if (await inner.locator(`body[data-surface="${surface}"]`).count()) return inner;
    }
    return undefined;
  }, opts.what ?? `a visible webview with data-surface="${surface}"`, { timeoutMs: opts.timeoutMs ?? 30_000 });
}

/**
 * The extension's connection item in the status bar ("Mantle us-east-1"), found by its entry id (the editor uses
 * "<extension id>.<item id>" as the element's id), not by its text: the autocomplete item says "Mantle" too.
 */
export function connectionStatusItem(p?: Page): Locator {
  return page(p).locator('.statusbar-item[id$=".bedrockMantle.connection" i]').first();
}

/**
 * Reloads the window and resolves once the extension is running again: the new workbench is there and our status bar
 * item is back (it is created at activation). On a loaded machine a restored webview panel takes far longer than the
 * workbench itself, so callers looking for one after this give it a long timeout.
 */
export async function reloadWindow(p?: Page): Promise<void> {
  const target = page(p);
  await runCommand('Developer: Reload Window', { page: target });
  await target.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  await connectionStatusItem(target).waitFor({ timeout: 90_000 });
}

/** How often waitUntil looks again. */
const POLL_MS = 100;

/**
 * Resolves with the first truthy value `check` returns, or fails after `timeoutMs` naming `what`. This is for state
 * that has no event a spec can await: a file the editor writes, the emulator's request log, a webview nested in two
 * iframes, the Output view that the editor re-renders. Inside one page, prefer a locator's waitFor or
 * page.waitForFunction.
 */
export async function waitUntil<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string,
  opts: { timeoutMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`${what}: not after ${opts.timeoutMs ?? 10_000} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Clicks an item of an open context menu. The editor ignores a click that lands while the menu is still being laid
 * out; the menu closing is the sign that the click was taken, so the click is repeated (at most 4 times) until it is.
 */
export async function clickMenuItem(item: Locator): Promise<void> {
  for (let attempt = 0; attempt < 4; attempt++) {
    if (!(await item.isVisible())) return;
    await item.click({ timeout: 5000 }).catch(() => { /* the menu closed under the pointer: checked below */ });
    if (await item.waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false)) return;
  }
  throw new Error(`the menu item ${await item.innerText().catch(() => '?')} did not take the click`);
}

/** The messages of the notification toasts currently shown (the smoke-test driver hides them; e2e runs without it). */
export async function readNotifications(p?: Page): Promise<string[]> {
  const messages = page(p).locator('.notifications-toasts .notification-toast .notification-list-item-message');
  return (await messages.allInnerTexts()).map((t) => t.trim());
}

/** Waits for a toast whose message matches, and returns its locator (buttons: `.monaco-button`). */
export async function waitForNotification(match: string | RegExp, opts: { page?: Page; timeoutMs?: number } = {}): Promise<Locator> {
  const toast = page(opts.page).locator('.notifications-toasts .notification-toast', { hasText: match }).first();
  await toast.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 15_000 });
  return toast;
}

/** Closes every notification toast (Notifications: Clear All Notifications). */
export async function clearNotifications(p?: Page): Promise<void> {
  await runCommand('Notifications: Clear All Notifications', { page: p });
}

/**
 * The name of the channel shown in the Output view, and its text as rendered — only the lines in view, as the
 * editor is virtual. With `filter`, the view's own filter box is set first (and cleared again afterwards), so the
 * lines looked for are on screen however long the log has grown.
 */
export async function readOutput(opts: { page?: Page; filter?: string } = {}): Promise<{ channel: string; text: string }> {
  const panel = page(opts.page).locator('.part.panel');
  const channel = await panel.locator('select.monaco-select-box[aria-label="Switch Output"]').first().inputValue();
  const filterBox = panel.locator('.viewpane-filter input').first();
  const lines = panel.locator('.monaco-editor .view-lines').first();
  const read = async () => (await lines.innerText()).replace(/\u00a0/g, ' '); // the editor renders non-breaking spaces
  if (opts.filter === undefined) return { channel, text: await read() };
  await filterBox.fill(opts.filter);
  try {
    // The filter is applied after a debounce (longer on a loaded machine): wait until every line in view matches it
    // (a plain word, case-insensitive), or 5 s, then return what is shown.
    await page(opts.page).waitForFunction((word) => {
      const view = document.querySelector<HTMLElement>('.part.panel .monaco-editor .view-lines');
      const shown = (view?.innerText ?? '').split('\n').filter((l) => l.trim());
      return shown.length > 0 && shown.every((l) => l.toLowerCase().includes(word));
    }, opts.filter.toLowerCase(), { timeout: 5000 }).catch(() => { /* still unfiltered after 5 s: return what is shown */ });
    return { channel, text: await read() };
  } finally {
    await filterBox.fill('');
  }
}

/**
 * Saves a screenshot of the whole workbench as .test-artifacts/screenshots/<name>.png. With `publish: true` and
 * MANTLE_UPDATE_SCREENSHOTS=1 it is also copied to media/screenshots/<name>.png for the README (that folder is
 * kept out of the .vsix by .vscodeignore).
 */
export async function screenshot(name: string, opts: { page?: Page; publish?: boolean } = {}): Promise<string> {
  const safe = name.replace(/[^\w.-]+/g, '-').slice(0, 120);
  const file = join(artifactPath('screenshots'), `${safe}.png`);
  await page(opts.page).screenshot({ path: file });
  if (opts.publish && process.env.MANTLE_UPDATE_SCREENSHOTS === '1') {
    const dir = join(repoRoot, 'media', 'screenshots');
    mkdirSync(dir, { recursive: true });
    copyFileSync(file, join(dir, `${safe}.png`));
  }
  return file;
}
