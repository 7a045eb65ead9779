// The emulator's unauthenticated admin API answers only the test tools: loopback requests addressed to a loopback
// name, with no Origin header (a browser page on this machine, or one reaching it by DNS rebinding, is refused), and
// small bodies.
import { strict as assert } from 'node:assert';
import { request } from 'node:http';
import type { RunningEmulator } from '../emulator/server';
import { emulatorForSuite } from '../kit/emulator';

function adminCall(
  emu: RunningEmulator, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string }> {
  const url = new URL(emu.url.replace(/\/v1$/, `/__emulator/${path}`));
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => { text += c.toString('utf8'); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('hardening: the emulator admin API', function () {
  this.timeout(20_000);
  const emu = emulatorForSuite({ port: 0 });

  it('answers the test tools (loopback, loopback Host, no Origin)', async () => {
    assert.equal((await adminCall(emu(), 'health', {})).status, 200);
    assert.equal((await adminCall(emu(), 'health', { headers: { host: 'localhost' } })).status, 200);
  });

  it('refuses a Host that is not a loopback name (DNS rebinding)', async () => {
    const r = await adminCall(emu(), 'faults', { method: 'POST', headers: { host: 'attacker.example:4010' }, body: '[{"kind":"500"}]' });
    assert.equal(r.status, 403);
    assert.match(r.text, /addressed to 127\.0\.0\.1, localhost or \[::1\]/);
    assert.equal((await adminCall(emu(), 'faults', {})).text, '[]', 'nothing was queued');
  });

  it('refuses a request from a web page (an Origin header)', async () => {
    const r = await adminCall(emu(), 'log/clear', { method: 'POST', headers: { origin: 'http://evil.example' } });
    assert.equal(r.status, 403);
    assert.match(r.text, /web pages/);
  });

  it('refuses a body over 64 KB', async () => {
    const r = await adminCall(emu(), 'faults', { method: 'POST', body: `[${'{"kind":"500"},'.repeat(10_000)}{"kind":"500"}]` });
    assert.equal(r.status, 413);
    assert.equal((await adminCall(emu(), 'faults', {})).text, '[]');
  });
});
