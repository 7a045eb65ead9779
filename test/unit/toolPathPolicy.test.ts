import { strict as assert } from 'node:assert';
import { globToRegExp, IgnoreRules } from '../../src/common/tools/ignoreRules';
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

describe('tools: files.exclude and .gitignore', () => {
  const rules = new IgnoreRules()
    .addExcludes({ '**/.git': true, '**/node_modules': true, '**/*.log': true, '**/keep.log': false })
    .addGitignore('# build output\ndist/\n/coverage\n*.tmp\n!important.tmp\nsecret/data.json\n');

  it('excludes what the settings and the top-level .gitignore name, at the right depths', () => {
    for (const p of ['node_modules/x/index.js', 'packages/a/node_modules/y.js', 'logs/app.log', 'dist/main.js', 'coverage/lcov.info', 'a/b/c.tmp', 'secret/data.json']) assert.equal(rules.ignores(p), true, p);
    for (const p of ['src/app.ts', 'README.md', 'src/coverage/x.ts', 'important.tmp', 'other/secret/data.json', 'distribution.txt']) assert.equal(rules.ignores(p), false, p);
  });

  it('a folder-only pattern needs a folder', () => {
    assert.equal(rules.ignores('dist', true), true);
    assert.equal(rules.ignores('dist', false), false);
  });

  it('translates globs: * stays in one segment, ** crosses them', () => {
    assert.equal(globToRegExp('src/*.ts').test('src/a.ts'), true);
    assert.equal(globToRegExp('src/*.ts').test('src/x/a.ts'), false);
    assert.equal(globToRegExp('src/**/*.ts').test('src/x/y/a.ts'), true);
    assert.equal(globToRegExp('a.b').test('axb'), false);
  });
});
