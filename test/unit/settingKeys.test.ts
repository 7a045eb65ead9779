// Issue 15: setting ids are declared once (src/common/settingKeys.ts). The manifest, the one reader
// (src/vscode/settings.ts) and that list agree, so a setting cannot be contributed and never read, or read and never
// contributed.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECTION_SETTING_KEYS, SETTING_KEYS, settingId } from '../../src/common/settingKeys';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> } };
};
const contributed = Object.keys(manifest.contributes.configuration.properties);

describe('setting ids, declared once', () => {
  it('package.json contributes exactly the declared settings', () => {
    assert.deepEqual([...contributed].sort(), SETTING_KEYS.map((k) => settingId(k)).sort());
  });

  it('every contributed setting has a description', () => {
    const bare = contributed.filter((id) => {
      const p = manifest.contributes.configuration.properties[id];
      return !(p?.description ?? p?.markdownDescription)?.trim();
    });
    assert.deepEqual(bare, []);
  });

  it('the settings module reads every declared setting', () => {
    const source = readFileSync(join(root, 'src', 'vscode', 'settings.ts'), 'utf8');
    const unread = SETTING_KEYS.filter((k) => !source.includes(`'${k}'`));
    assert.deepEqual(unread, []);
  });

  it('no other file in src spells a full setting id in a string', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith(join('common', 'settingKeys.ts'))) {
          const text = readFileSync(path, 'utf8');
          for (const id of contributed) if (new RegExp(`['"]${id.replace(/\./g, '\\.')}['"]`).test(text)) offenders.push(`${path.slice(root.length + 1)}: ${id}`);
        }
      }
    };
    walk(join(root, 'src'));
    assert.deepEqual(offenders, []);
  });

  it('a new connection follows every setting that chooses the endpoint, identity or Region', () => {
    for (const k of ['region', 'auth', 'awsProfile', 'endpoint', 'endpointType'] as const) assert.ok(CONNECTION_SETTING_KEYS.includes(k), k);
  });
});

