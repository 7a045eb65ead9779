// The one error-action registry every surface reads, and the command ids declared once: the registry names only
// commands the extension contributes (or VS Code's Settings), each command appears once per error, an unknown name
// from a webview or a stored thread is never acted on, and package.json lists exactly the ids in commandIds.ts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMAND, OPEN_SETTINGS } from '../../src/common/commandIds';
import { commandActions, ERROR_ACTIONS, errorAction } from '../../src/common/errorActions';
import { actionLabel } from '../../src/webview/labels';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
const contributed = manifest.contributes.commands.map((c) => c.command);

describe('error actions and command ids', () => {
  it('package.json contributes exactly the commands declared in commandIds.ts', () => {
    assert.deepEqual([...contributed].sort(), Object.values(COMMAND).sort());
  });

  it('every action with a command runs a contributed command or opens our settings', () => {
    for (const [name, spec] of Object.entries(ERROR_ACTIONS)) {
      if (!spec.command) continue;
      assert.ok(contributed.includes(spec.command.id) || spec.command.id === OPEN_SETTINGS, `${name} → ${spec.command.id}`);
    }
  });

  it('offers each command once, in the error\'s order, and skips actions a surface performs itself', () => {
    const picked = commandActions(['retry', 'useAwsProfile', 'chooseProfile', 'selectRegion', 'copySsoCommand', 'showLogs']);
    assert.deepEqual(picked.map((p) => p.action), ['useAwsProfile', 'selectRegion', 'showLogs']);
    assert.deepEqual(picked.map((p) => p.spec.label), ['Use AWS Profile…', 'Select Region…', 'Show Logs']);
  });

  it('knows nothing about names that are not actions, including inherited properties', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'rm -rf', '']) {
      assert.equal(errorAction(name), undefined, name);
      assert.equal(actionLabel(name), undefined, name);
    }
    assert.deepEqual(commandActions(['toString', 'hasOwnProperty']), []);
  });

  it('the webviews show the same words as the notification and the tree', () => {
    assert.equal(actionLabel('chooseProfile'), ERROR_ACTIONS.useAwsProfile.label);
    assert.equal(actionLabel('copySsoCommand'), 'Copy Login Command');
    assert.equal(actionLabel('retry'), 'Retry');
  });
});
