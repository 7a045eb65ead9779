import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// README's tables are generated from package.json; this fails when a command or setting changes without README.
describe('README tables', () => {
  const root = path.resolve(__dirname, '../..');
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

  it('match the commands, keybindings and settings in package.json', async () => {
    const { renderReadme } = await import('../tools/readmeTables.mjs');
    assert.equal(readme, renderReadme(readme, pkg), 'run: node test/tools/readmeTables.mjs');
  });

  it('list every contributed setting id', () => {
    for (const id of Object.keys(pkg.contributes.configuration.properties)) assert.ok(readme.includes(`\`${id}\``), id);
  });
});
