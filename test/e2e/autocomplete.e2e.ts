// Autocomplete in the real workbench against the emulator, the way a person uses it: turn it on with Toggle
// Autocomplete, type a function signature in a TypeScript file, see the emulator's body as ghost text, press Tab and
// find it in the document. Turned off again afterwards, so the specs after this one see the default (off).
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { current } from './session';
import { openFile, resetWorkbench, runCommand, screenshot } from './workbench';

const FILE = 'src/autocomplete.ts';
const HOLE = '<|fill_here|>';

describe('Autocomplete', function () {
  this.timeout(120_000);
  let turnedOn = false;

  before(async function () {
    if (!current().emulator) this.skip();
    await resetWorkbench();
    const path = join(current().server.workspace, FILE);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '// autocomplete e2e\n');
  });

  after(async () => {
    if (!current().emulator) return;
    if (turnedOn) await runCommand('Bedrock Mantle: Toggle Autocomplete');
    await current().page.locator('.statusbar-item:has(.codicon-circle-slash)', { hasText: 'Mantle' }).waitFor();
    await resetWorkbench();
  });

  it('shows the emulator\'s completion as ghost text in a TypeScript file, and Tab accepts it', async () => {
    const { page, emulator } = current();
    // Off by default: the status item says so before anything is turned on.
    await page.locator('.statusbar-item:has(.codicon-circle-slash)', { hasText: 'Mantle' }).waitFor();
    await runCommand('Bedrock Mantle: Toggle Autocomplete');
    turnedOn = true;
    await page.locator('.statusbar-item:has(.codicon-sparkle)', { hasText: 'Mantle' }).waitFor();

    const editor = await openFile(FILE);
    await editor.locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    const before = emulator!.handle.log.length;
    await page.keyboard.type('export function add(a: number, b: number): number {');
    await page.keyboard.press('Escape'); // no suggestion list in the way of Enter
    await page.keyboard.press('Enter');

    // The workbench draws ghost text inside the line as spans with the class ghost-text-decoration (one per token);
    // spaces are non-breaking.
    const RETURN = /return\s+a\s+\+\s+b;/;
    const ghost = editor.locator('.view-line:has(.ghost-text-decoration)').filter({ hasText: RETURN }).first();
    await ghost.waitFor({ timeout: 30_000 });
    await screenshot('autocomplete-ghost-text', { publish: true });
    const asked = emulator!.handle.log.slice(before).filter((e) => JSON.stringify(e.body ?? '').includes(HOLE));
    assert.ok(asked.length >= 1, 'a hole-filling request reached the emulator');
    assert.equal(asked.at(-1)!.model, 'qwen.qwen3-coder-30b-a3b-instruct');

    await page.keyboard.press('Tab');
    await ghost.waitFor({ state: 'detached' });
    await editor.locator('.view-line:not(:has(.ghost-text-decoration))').filter({ hasText: RETURN }).first().waitFor();
    const text = (await editor.locator('.view-lines').innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /export function add\(a: number, b: number\): number \{\n\s+return a \+ b;\n\}/);
  });
});
