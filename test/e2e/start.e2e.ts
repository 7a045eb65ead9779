// `npm start`, the offline demo: it prints a workbench URL and a password; the editor listens on loopback only and
// refuses anyone without the password (a request without the session cookie, a wrong password); with it the page
// serves the editor with the extension installed and the models coming from the emulator; and Ctrl+C (SIGINT)
// stops the editor and the emulator it started.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../tools/paths';
import { current } from './session';
import { activityBarItem, openSidebar, readTreeRows, screenshot } from './workbench';

describe('npm start (offline demo)', () => {
  let child: ChildProcess | undefined;
  let output = '';

  after(async () => {
    // A failed test must not leave the demo running: stop its whole process group.
    if (child?.pid && child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });

  it('prints a URL and a password; only the password opens the workbench with the extension and the emulator\'s models; stops on Ctrl+C', async function () {
    this.timeout(240_000); // the login adds a page load; on a loaded 2-core machine the workbench takes minutes
    // --vsix: the session already packaged this checkout; --emulator-port 0: never collide with a running demo.
    const args = ['test/tools/start.ts', '--emulator-port', '0', '--vsix', current().vsix];
    child = spawn(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), ...args], {
      cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const URL_LINE = /^Open (http:\/\/127\.0\.0\.1:\d+\/\S+)$/m;
    // Settles once the password (printed right after the URL) is out, the demo exits, or 90 s pass.
    const printed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 90_000);
      const settle = () => { clearTimeout(timer); resolve(); };
      const read = (b: Buffer) => { output += b.toString(); if (/^Password: \S+$/m.test(output)) settle(); };
      child!.stdout!.on('data', read);
      child!.stderr!.on('data', read);
      child!.once('exit', settle);
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));

    await printed;
    const url = URL_LINE.exec(output)?.[1];
    assert.ok(url, `npm start printed no URL:\n${output}`);
    const emulatorUrl = /^Mantle emulator on (http:\/\/\S+\/v1)$/m.exec(output)?.[1];
    assert.ok(emulatorUrl, 'npm start printed no emulator URL');
    const password = /^Password: (\S+)$/m.exec(output)?.[1];
    assert.ok(password && password.length >= 20, `npm start printed no password:\n${output}`);

    // Without the password: the workbench redirects to the login page, and a wrong password gets no session.
    const origin = new URL(url).origin;
    const anonymous = await fetch(url, { redirect: 'manual' });
    assert.equal(anonymous.status, 302);
    assert.match(anonymous.headers.get('location') ?? '', /login/);
    const wrong = await fetch(`${origin}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'password=not-the-password&base=.' });
    assert.notEqual(wrong.status, 302, 'a wrong password is not let in');
    assert.equal(wrong.headers.get('set-cookie'), null, 'a wrong password gets no session cookie');
    assert.match(await wrong.text(), /Incorrect password/);

    const page = await current().browser.context.newPage();
    try {
      await page.goto(url);
      await page.locator('input[name="password"]').fill(password);
      await page.locator('input[type="submit"]').click();
      await page.bringToFront(); // a background tab's timers are throttled: the workbench would load at a crawl
      await activityBarItem('Bedrock Mantle', page).waitFor({ timeout: 120_000 });
      await openSidebar('Bedrock Mantle', page);
      const rows = await readTreeRows('Models', { page, atLeast: 2, timeoutMs: 60_000 });
      assert.ok(rows.some((r) => r.text.startsWith('OpenAI')), `Models rows: ${rows.map((r) => r.text).join(' | ')}`);
      await screenshot('npm-start', { page });
    } finally {
      await page.close();
    }

    process.kill(-child.pid!, 'SIGINT');
    assert.equal(await exited, 130, output);
    await assert.rejects(fetch(new URL(url).origin + '/healthz'), 'code-server is still answering after Ctrl+C');
    await assert.rejects(fetch(emulatorUrl.replace(/\/v1$/, '/__emulator/health')), 'the emulator is still answering after Ctrl+C');
  });
});
