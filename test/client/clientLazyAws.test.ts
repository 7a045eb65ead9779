import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { emulatorForSuite } from '../kit/emulator';

const run = promisify(execFile);

/**
 * Runs a request in a fresh Node process and reports which AWS packages ended up loaded. A fresh process because
 * this mocha process has loaded them already for other tests.
 */
async function loadedAwsModules(emuUrl: string, auth: 'apiKey' | 'awsProfile'): Promise<string[]> {
  const script = `
    const { MantleClient } = require('./src/node/mantleClient.ts');
    const { createProfileCredentials } = require('./src/node/awsCredentials.ts');
    const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };
    const auth = ${JSON.stringify(auth)} === 'apiKey'
      ? { mode: 'apiKey', apiKey: 'mantle-emulator-key', source: 'secretStorage' }
      : { mode: 'awsProfile', profile: 'p', credentials: async () => ({ accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret-key' }) };
    void createProfileCredentials;
    const client = new MantleClient({ logger: quiet, redact: (s) => s, connection: async () => ({ baseURL: ${JSON.stringify(emuUrl)}, region: 'us-east-1', customEndpoint: true, auth, maxRetries: 0, stallTimeoutMs: 5000 }) });
    client.listModels().then((m) => {
      const loaded = Object.keys(require.cache).filter((p) => /@aws-sdk|@smithy[\\\\/]signature-v4/.test(p));
      process.stdout.write(JSON.stringify({ models: m.length, loaded }));
    }, (e) => { console.error(e); process.exit(1); });
  `;
  const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', '-e', script], { cwd: process.cwd() });
  const out = JSON.parse(stdout) as { models: number; loaded: string[] };
  assert.ok(out.models > 0);
  return out.loaded;
}

describe('client: AWS code is loaded only for AWS profiles', function () {
  this.timeout(30_000);
  const emu = emulatorForSuite({ port: 0 });

  it('an API-key request evaluates no @aws-sdk or signer module', async () => {
    assert.deepEqual(await loadedAwsModules(emu().url, 'apiKey'), []);
  });

  it('a profile request loads the signer (control)', async () => {
    const loaded = await loadedAwsModules(emu().url, 'awsProfile');
    assert.ok(loaded.some((p) => p.includes('signature-v4')), loaded.join('\n'));
  });
});
