import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkProfile, inspectSharedFiles, sharedFilePaths } from '../../src/node/awsCredentials';
import { isMantleError } from '../../src/common/mantle/errors';

describe('auth: AWS shared config files', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mantle-aws-'));
    env = { HOME: dir, AWS_CONFIG_FILE: join(dir, 'cfg'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'creds') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('respects AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, else ~/.aws under HOME', () => {
    assert.deepEqual(sharedFilePaths(env), { config: join(dir, 'cfg'), credentials: join(dir, 'creds') });
    assert.deepEqual(sharedFilePaths({ HOME: '/home/x' }), { config: '/home/x/.aws/config', credentials: '/home/x/.aws/credentials' });
  });

  it('lists profiles from both files, default first, marking SSO profiles', async () => {
    writeFileSync(env.AWS_CONFIG_FILE!, [
      '[default]', 'region = us-east-1',
      '[profile zeta]', 'sso_start_url = https://x.awsapps.com/start', 'sso_region = us-east-1',
      '[profile alpha] # comment', 'role_arn = arn:aws:iam::1:role/r', 'source_profile = default',
      '[sso-session corp]', 'sso_start_url = https://corp',
      '[profile beta]', 'sso_session = corp',
      '[profile nested]', 's3 =', '  max_concurrent_requests = 20',
    ].join('\n'));
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '[default]\naws_access_key_id = A\naws_secret_access_key = B\n[static]\naws_access_key_id = C\n');
    const r = await inspectSharedFiles(env);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.profiles.map((p) => p.name), ['default', 'alpha', 'beta', 'nested', 'static', 'zeta']);
    assert.deepEqual(r.profiles.find((p) => p.name === 'default')?.sources, ['config', 'credentials']);
    assert.equal(r.profiles.find((p) => p.name === 'zeta')?.sso, true);
    assert.equal(r.profiles.find((p) => p.name === 'beta')?.sso, true);
    assert.equal(r.profiles.find((p) => p.name === 'alpha')?.sso, false);
    assert.ok(!r.profiles.some((p) => p.name.includes('corp')), 'an sso-session section is not a profile');
  });

  it('names missing files', async () => {
    const r = await inspectSharedFiles(env);
    assert.equal(r.profiles.length, 0);
    assert.match(r.problems[0], /Neither .*cfg nor .*creds exists/);
  });

  it('points at a malformed line by file and line number', async () => {
    writeFileSync(env.AWS_CONFIG_FILE!, '[default]\nregion = us-east-1\nthis line is junk\n');
    const r = await inspectSharedFiles(env);
    assert.deepEqual(r.problems, [`${env.AWS_CONFIG_FILE} line 3 is neither a [section] nor "key = value".`]);
  });

  it('an unknown profile is a config error that names the files and the profiles found', async () => {
    writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, '[default]\naws_access_key_id = A\naws_secret_access_key = B\n');
    await assert.rejects(checkProfile('prod', env), (e: unknown) => {
      assert.ok(isMantleError(e));
      assert.equal(e.kind, 'config');
      assert.match(e.message, /AWS profile 'prod' is not defined in .*cfg or .*creds\. Profiles found: default\./);
      assert.ok(e.actions.includes('useAwsProfile'));
      return true;
    });
  });
});
