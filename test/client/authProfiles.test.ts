import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMantleError, type MantleError } from '../../src/common/mantle/errors';
import { Redactor } from '../../src/common/redact';
import { createProfileCredentials } from '../../src/node/awsCredentials';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { captureLog, testClient } from './clientHelpers';

const STATIC = { accessKeyId: 'AKIDSTATICPROFILE', secretAccessKey: 'static-profile-secret-0001' };
const SESSION = { accessKeyId: 'ASIASESSIONPROFILE', secretAccessKey: 'session-profile-secret-0002' };
const PROCESS = { accessKeyId: 'ASIAPROCESSPROFILE', secretAccessKey: 'process-profile-secret-0003' };

async function rejection(p: Promise<unknown>): Promise<MantleError> {
  try { await p; } catch (e) { assert.ok(isMantleError(e), String(e)); return e; }
  assert.fail('expected a rejection');
}

describe('auth: AWS profiles sign requests with SigV4 (temporary HOME, real shared files)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let saved: Record<string, string | undefined>;
  const counter = () => join(dir, 'process-calls');

  function writeProcessScript(expiresInMs: number): void {
    const script = join(dir, 'cred-process.js');
    writeFileSync(script, `require('fs').appendFileSync(${JSON.stringify(counter())}, 'x');
process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(PROCESS.accessKeyId)}, SecretAccessKey: ${JSON.stringify(PROCESS.secretAccessKey)}, SessionToken: 'process-session-token', Expiration: new Date(Date.now() + ${expiresInMs}).toISOString() }));\n`);
    chmodSync(script, 0o755);
    writeFileSync(env.AWS_CONFIG_FILE!, [
      '[default]', 'region = us-east-1',
      '[profile proc]', `credential_process = ${process.execPath} ${script}`,
      '[profile sso-legacy]', 'sso_start_url = https://example.awsapps.com/start', 'sso_region = us-east-1', 'sso_account_id = 123456789012', 'sso_role_name = Dev',
      '[profile sso-new]', 'sso_session = corp', 'sso_account_id = 123456789012', 'sso_role_name = Dev',
      '[sso-session corp]', 'sso_start_url = https://corp.awsapps.com/start', 'sso_region = us-east-1', 'sso_registration_scopes = sso:account:access',
    ].join('\n'));
  }

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, awsCredentials: [STATIC, SESSION, PROCESS] });
    dir = mkdtempSync(join(tmpdir(), 'mantle-home-'));
    env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials') };
    // The SSO token cache is looked up under $HOME/.aws/sso/cache by the AWS SDK itself.
    // The AWS SDK resolves SSO profiles again from the default files, so this process must name the same ones.
    saved = { HOME: process.env.HOME, AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
    Object.assign(process.env, env);
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, [
      '[static]', `aws_access_key_id = ${STATIC.accessKeyId}`, `aws_secret_access_key = ${STATIC.secretAccessKey}`,
      '[session]', `aws_access_key_id = ${SESSION.accessKeyId}`, `aws_secret_access_key = ${SESSION.secretAccessKey}`, 'aws_session_token = session-profile-token',
    ].join('\n'));
    writeProcessScript(60 * 60_000);
  });
  afterEach(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    await emu.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function profileClient(profile: string, redactor = new Redactor()) {
    const credLog = captureLog();
    const credentials = createProfileCredentials(
      profile, { logger: credLog.logger, redact: (s) => redactor.redact(s), addSecret: (s) => redactor.add(s), env },
    );
    return { ...testClient({ baseURL: emu.url, auth: { mode: 'awsProfile', profile, credentials }, redactor }), redactor, credLog };
  }

  for (const profile of ['static', 'session', 'proc']) {
    it(`profile '${profile}': the emulator verifies every signature (models, Responses, Chat)`, async () => {
      const { client } = profileClient(profile);
      assert.ok((await client.listModels()).length > 0);
      const r = await client.streamTurn({ model: 'openai.gpt-oss-120b', api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => {});
      assert.ok(r.text.length > 0);
      await client.streamTurn({ model: 'qwen.qwen3-coder-480b-a35b-instruct', api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => {});
      assert.equal(emu.log.length, 3);
      assert.deepEqual(emu.log.map((e) => [e.auth, e.status]), [['sigv4', 200], ['sigv4', 200], ['sigv4', 200]]);
    });
  }

  it('re-signs each retry (429 then 200 both verified)', async () => {
    const { client } = profileClient('session');
    emu.setFaults([{ kind: '429', times: 1, retryAfterSeconds: 0 }]);
    await client.listModels();
    assert.deepEqual(emu.log.map((e) => [e.auth, e.status]), [['sigv4', 429], ['sigv4', 200]]);
  });

  it('caches process credentials while valid, and resolves again within 5 minutes of expiry', async () => {
    const { client } = profileClient('proc');
    await client.listModels();
    await client.listModels();
    assert.equal(readFileSync(counter(), 'utf8').length, 1, 'valid for an hour: the process ran once');

    rmSync(counter());
    writeProcessScript(2 * 60_000); // expires in 2 minutes: inside the refresh margin
    const fresh = profileClient('proc');
    await fresh.client.listModels();
    await fresh.client.listModels();
    assert.ok(readFileSync(counter(), 'utf8').length >= 2, 'near expiry: resolved again');
  });

  it('registers the secret key and session token with the redactor', async () => {
    const { client, redactor } = profileClient('session');
    await client.listModels();
    assert.equal(redactor.redact(`x ${SESSION.secretAccessKey} session-profile-token y`), 'x *** *** y');
  });

  for (const profile of ['sso-legacy', 'sso-new']) {
    it(`'${profile}' without an SSO login gives one ssoExpired error with the login command and sends nothing`, async () => {
      const { client, credLog } = profileClient(profile);
      const e = await rejection(client.listModels());
      assert.equal(e.kind, 'ssoExpired');
      assert.match(credLog.lines.join('\n'), /SSO session/, 'the SDK reported the SSO session, not a missing profile');
      assert.equal(e.command, `aws sso login --profile ${profile}`);
      assert.ok(e.actions.includes('copySsoCommand'));
      assert.equal(emu.log.length, 0, 'no request, no retry loop');
    });
  }

  it('an SSO token that has expired (cached by an earlier login) gives the same one error', async () => {
    // The legacy SSO provider caches its token under sha1(start URL), as `aws sso login` writes it.
    const cache = join(dir, '.aws', 'sso', 'cache');
    mkdirSync(cache, { recursive: true });
    const name = createHash('sha1').update('https://example.awsapps.com/start').digest('hex');
    writeFileSync(join(cache, `${name}.json`), JSON.stringify({ accessToken: 'old-token', expiresAt: new Date(Date.now() - 60_000).toISOString(), region: 'us-east-1', startUrl: 'https://example.awsapps.com/start' }));
    const { client, credLog } = profileClient('sso-legacy');
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'ssoExpired');
    assert.match(e.message, /`aws sso login --profile sso-legacy`/);
    assert.match(credLog.lines.join('\n'), /The SSO session associated with this profile has expired/, 'the cached token was found and judged expired');
    assert.equal(emu.log.length, 0);
  });

  it('an unknown profile names the files and the profiles that exist', async () => {
    const { client } = profileClient('prod');
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'config');
    assert.match(e.message, /AWS profile 'prod' is not defined in .*aws-config or .*aws-credentials\. Profiles found: default, proc, session, sso-legacy, sso-new, static\./);
    assert.equal(emu.log.length, 0);
  });

  it('missing shared files are named', async () => {
    rmSync(env.AWS_CONFIG_FILE!);
    rmSync(env.AWS_SHARED_CREDENTIALS_FILE!);
    const { client } = profileClient('default');
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'config');
    assert.match(e.message, /Neither .*aws-config nor .*aws-credentials exists/);
  });

  it('wrong static credentials are rejected by the emulator and mapped to auth with Use AWS Profile', async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, `[static]\naws_access_key_id = ${STATIC.accessKeyId}\naws_secret_access_key = not-the-secret\n`);
    const { client } = profileClient('static');
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'auth');
    assert.deepEqual(e.actions, ['useAwsProfile', 'showLogs']);
    assert.equal(emu.log.length, 1);
  });
});
