// Item 3 of issue 18: a workspace cannot choose the identity, Region, endpoint or data retention of your requests.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ignoredWorkspaceNotice, isBoolean, isString, MODEL_ID_PATTERN, PROFILE_NAME_PATTERN, USER_ONLY_SETTINGS, userOnlyValue,
} from '../../src/common/settingsPolicy';

interface Property { scope?: string; pattern?: string }
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, Property> } };
};
const properties = manifest.contributes.configuration.properties;

describe('hardening: settings a workspace cannot choose', () => {
  it('lists identity, Region, endpoint and data retention', () => {
    assert.deepEqual([...USER_ONLY_SETTINGS].sort(), ['auth', 'awsProfile', 'chat.store', 'endpoint', 'endpointType', 'pricing.overrides', 'project', 'region']);
  });

  for (const key of USER_ONLY_SETTINGS) {
    it(`bedrockMantle.${key} is machine-scoped and restricted in untrusted workspaces`, () => {
      assert.equal(properties[`bedrockMantle.${key}`]?.scope, 'machine');
      assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes(`bedrockMantle.${key}`));
    });
  }

  it('the Settings editor validates with the same patterns as the extension', () => {
    assert.equal(properties['bedrockMantle.awsProfile']?.pattern, PROFILE_NAME_PATTERN);
    assert.equal(properties['bedrockMantle.chat.defaultModel']?.pattern, MODEL_ID_PATTERN);
    assert.equal(properties['bedrockMantle.coder.defaultModel']?.pattern, MODEL_ID_PATTERN);
  });

  it('reads the user value and reports a workspace or folder value as ignored', () => {
    assert.deepEqual(
      userOnlyValue({ defaultValue: 'default', globalValue: 'personal', workspaceValue: 'prod-admin' }, isString),
      { value: 'personal', ignoredWorkspaceValue: 'prod-admin' },
    );
    assert.deepEqual(
      userOnlyValue({ defaultValue: '', workspaceFolderValue: ' https://evil.example/v1 ' }, isString),
      { value: undefined, ignoredWorkspaceValue: 'https://evil.example/v1' },
    );
    assert.deepEqual(userOnlyValue(undefined, isString), { value: undefined, ignoredWorkspaceValue: undefined });
  });

  it('a workspace cannot turn chat.store back on, and a value of the wrong type counts as unset', () => {
    assert.deepEqual(userOnlyValue({ defaultValue: true, globalValue: false, workspaceValue: true }, isBoolean), { value: false, ignoredWorkspaceValue: true });
    assert.deepEqual(userOnlyValue<boolean>({ defaultValue: true, globalValue: 'no' as unknown as boolean }, isBoolean), { value: true, ignoredWorkspaceValue: undefined });
  });

  it('the notice names the setting and quotes the ignored value inertly', () => {
    const text = ignoredWorkspaceNotice('awsProfile', '[Sign in](command:x)');
    assert.match(text, /bedrockMantle\.awsProfile = "\[Sign in\] \(command:x\)"; it is ignored/);
  });
});
