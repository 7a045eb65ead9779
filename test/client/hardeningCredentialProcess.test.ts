// A credential_process that fails with secrets in its arguments, its stderr and its stdout, through the real AWS SDK
// provider (a temporary HOME with real shared files): the error and the log name the profile and the command to
// check it, and hold none of the secrets (a byte search of everything the extension would show or store).
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redactor } from '../../src/common/redact';
import { createProfileCredentials } from '../../src/node/awsCredentials';
import { captureLog } from './clientHelpers';

const ARGV_TOKEN = 'argv-token-7f3a9c1e5b2d4068';
const VAULT_TOKEN = 'hvs.CAESIJlWh7x9q2Zt4kP3mN8vR1sT6uY0wE5aB';
const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

describe('hardening: a failing credential_process leaks nothing', function () {
  this.timeout(30_000);
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mantle-credproc-'));
    env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'aws-config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials') };
    const script = join(dir, 'get-creds.js');
    // Prints valid-looking credentials, complains on stderr with a vault token, and exits non-zero.
    writeFileSync(script, [
      `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'ASIAEXAMPLEEXAMPLE12', SecretAccessKey: ${JSON.stringify(SECRET_KEY)} }));`,
      `process.stderr.write('vault: token ${VAULT_TOKEN} was denied\\n' + JSON.stringify({ SecretAccessKey: ${JSON.stringify(SECRET_KEY)} }) + '\\n');`,
      'process.exit(3);',
    ].join('\n'));
    chmodSync(script, 0o755);
    writeFileSync(env.AWS_CONFIG_FILE!, ['[profile leaky]', `credential_process = ${process.execPath} ${script} --token ${ARGV_TOKEN}`].join('\n'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names the profile and the check command; the error and the log hold no secret and no command line', async () => {
    const log = captureLog();
    const redactor = new Redactor();
    const credentials = createProfileCredentials('leaky', { logger: log.logger, redact: (s) => redactor.redact(s), addSecret: (s) => redactor.add(s), env });
    const err = await credentials().then(() => undefined, (e: unknown) => e as Error & { kind?: string });
    assert.ok(err, 'the provider must fail');
    const everything = [err.message, err.stack ?? '', JSON.stringify(err), ...log.lines].join('\n');
    for (const leak of [ARGV_TOKEN, VAULT_TOKEN, SECRET_KEY, encodeURIComponent(SECRET_KEY), 'get-creds.js', dir]) {
      assert.ok(!everything.includes(leak), `leaked ${leak}`);
    }
    assert.equal(err.kind, 'config');
    assert.match(err.message, /profile 'leaky'.*`aws configure export-credentials --profile leaky`/);
  });
});
