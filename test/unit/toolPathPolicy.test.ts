import { strict as assert } from 'node:assert';
import { checkToolPath, isInside, looksSecret } from '../../src/common/tools/pathPolicy';

const refused = (raw: unknown): string => {
  const v = checkToolPath(raw);
  assert.equal(v.ok, false, `${String(raw)} should be refused`);
  return v.ok ? '' : v.reason;
};

describe('tools: workspace path policy', () => {
  it('normalises relative paths; . and empty are the folder itself', () => {
    assert.deepEqual(checkToolPath('./src//app.ts/'), { ok: true, path: 'src/app.ts' });
    assert.deepEqual(checkToolPath('src\\lib\\x.ts'), { ok: true, path: 'src/lib/x.ts' });
    assert.deepEqual(checkToolPath('.'), { ok: true, path: '' });
    assert.deepEqual(checkToolPath(''), { ok: true, path: '' });
  });

  it('refuses anything that leaves the workspace', () => {
    assert.match(refused('../secret.txt'), /no "\.\."/);
    assert.match(refused('src/../../x'), /no "\.\."/);
    assert.match(refused('/etc/passwd'), /relative to the workspace/);
    assert.match(refused('~/.bashrc'), /relative/);
    assert.match(refused('C:\\Windows\\win.ini'), /drive letters or URIs/);
    assert.match(refused('file:///etc/passwd'), /URIs/);
    assert.match(refused('a\u0000b'), /control characters/);
    assert.match(refused(42), /must be a string/);
    assert.match(refused('a/'.repeat(600)), /too long/);
  });

  it('refuses secrets-looking files and private folders, and only those', () => {
    for (const p of ['.env', 'config/.env.production', '.npmrc', 'keys/server.pem', 'id_ed25519', '.git/config', 'home/.ssh/known_hosts', '.aws/credentials', 'credentials.json', 'terraform.tfstate']) {
      assert.equal(looksSecret(p), true, p);
      assert.match(refused(p), /looks like it holds secrets/);
    }
    for (const p of ['src/env.ts', 'README.md', 'keyboard.ts', 'docs/secrets-management.md', '.gitignore', '.github/workflows/ci.yml']) assert.equal(looksSecret(p), false, p);
  });

  it('decides containment after symlinks on whole path segments', () => {
    assert.equal(isInside('/w/proj', '/w/proj'), true);
    assert.equal(isInside('/w/proj/', '/w/proj/src/a.ts'), true);
    assert.equal(isInside('/w/proj', '/w/project-other/a.ts'), false);
    assert.equal(isInside('/w/proj', '/etc/passwd'), false);
  });
});
