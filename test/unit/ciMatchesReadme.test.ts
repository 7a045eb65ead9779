import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// CI must prove what a newcomer does: .ci/run runs the README's "Try it" commands, in order, and nothing that makes
// its machine differ from a newcomer's (no Node of its own first on PATH, no npm flags the README does not give).
const root = path.resolve(__dirname, '../..');

/** The shell commands of a script or code block: comments, blank lines and shell bookkeeping dropped. */
function commands(text: string): string[] {
  return text.split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l && !l.startsWith('#') && !/^(set|cd|echo)\b/.test(l));
}

function tryItBlock(readme: string): string {
  const m = /^## Try it[^\n]*\n+```sh\n([\s\S]*?)\n```/m.exec(readme);
  assert.ok(m?.[1], 'README has a "## Try it" section that starts with a ```sh block');
  return m[1];
}

describe('.ci/run and the README', () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const ci = readFileSync(path.join(root, '.ci/run'), 'utf8');

  it('CI runs exactly the install and test commands the README gives a newcomer', () => {
    const given = commands(tryItBlock(readme));
    const install = given.find((c) => /^npm (install|ci)$/.test(c));
    assert.ok(install, `the README's block installs: ${given.join(' | ')}`);
    assert.ok(given.includes('npm test'), `the README's block runs npm test: ${given.join(' | ')}`);
    assert.deepEqual(commands(ci), [install, 'npm test']);
  });

  it('CI leaves PATH and the Node on it as the machine has them', () => {
    assert.doesNotMatch(ci, /\bPATH=|\bexport\b|\bnvm\b|NODE24/);
  });
});
