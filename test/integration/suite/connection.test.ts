// Connection and authentication inside the real extension host: the key from AWS_BEARER_TOKEN_BEDROCK and from
// secret storage, Test Connection's report, a workspace that tries to set the endpoint, invalid settings, and an AWS
// profile signing with SigV4 — all against the emulator the runner started.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import type { TestConnectionResult } from '../../../src/vscode/auth/connectionCommands';
import { emulatorLog } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';

const config = () => vscode.workspace.getConfiguration('bedrockMantle');

async function rejectionKind(p: Promise<unknown>): Promise<string | undefined> {
  return p.then(() => undefined, (e: unknown) => (e as { kind?: string }).kind);
}

describe('connection and authentication', () => {
  let container: Container;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
  });

  it('uses AWS_BEARER_TOKEN_BEDROCK when no key is stored, and Test Connection names it', async () => {
    await container.auth.clearApiKey();
    const result = await vscode.commands.executeCommand<TestConnectionResult>('bedrockMantle.testConnection');
    assert.equal(result?.count, 38);
    assert.equal(result?.auth, 'API key from AWS_BEARER_TOKEN_BEDROCK');
    assert.ok(result.latencyMs >= 0);
    await eventually(() => container.statusBar.text.includes('$(pass)'), 'the status bar to show the connection as ok');
    assert.match(container.statusBar.text, /\$\(key\) Mantle custom endpoint \$\(pass\)/);
  });

  it('a key stored in secret storage wins, is used at once, and a wrong one gives the mapped error', async () => {
    await container.auth.setApiKey('  bedrock-api-key-WRONGWRONGWRONG  ');
    assert.equal(await container.auth.storedApiKey(), 'bedrock-api-key-WRONGWRONGWRONG', 'trimmed');
    assert.equal(await eventually(() => rejectionKind(container.mantle.listModels()), 'the wrong stored key to be used'), 'auth');
    await eventually(() => container.statusBar.text.includes('$(error)'), 'the status bar to show the error');

    await container.auth.setApiKey('mantle-emulator-key');
    const result = await eventually(async () => vscode.commands.executeCommand<TestConnectionResult>('bedrockMantle.testConnection'), 'Test Connection with the stored key');
    assert.equal(result.auth, 'API key from secret storage');
    assert.equal(result.count, 38);
    // The key is in secret storage, never in the settings.
    assert.doesNotMatch(JSON.stringify(config()), /mantle-emulator-key|WRONGWRONG/);
    await container.auth.clearApiKey();
  });

  it('ignores bedrockMantle.endpoint from the workspace .vscode/settings.json', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the integration workbench opens a folder');
    const dir = join(folder.uri.fsPath, '.vscode');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'settings.json');
    // A second, harmless setting in the same file proves the editor has read it before the endpoint is checked.
    writeFileSync(file, JSON.stringify({ 'bedrockMantle.endpoint': 'http://127.0.0.1:9/v1', 'bedrockMantle.chat.showReasoning': false }));
    try {
      await eventually(() => config().inspect<boolean>('chat.showReasoning')?.workspaceValue === false, 'the workspace settings file to be read');
      // VS Code itself drops a machine-scoped value from workspace settings (inspect() shows no workspaceValue in
      // code-server 4.x); Settings.endpointOverride also ignores one if an editor ever passes it through
      // (unit-tested in regions.test.ts).
      assert.notEqual(config().get('endpoint'), 'http://127.0.0.1:9/v1');
      assert.equal(container.settings.endpointOverride, emulatorUrl);
      assert.equal((await container.mantle.currentConnection()).baseURL, emulatorUrl);
      const before = (await emulatorLog()).length;
      assert.equal((await container.mantle.listModels()).length, 38);
      // Other features may also refresh on the settings change, so count at least this request.
      assert.ok((await emulatorLog()).length >= before + 1, 'the request went to the user-configured emulator');
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('explains a malformed endpoint and an unknown Region with the settings to fix', async () => {
    try {
      await config().update('endpoint', 'not a url', vscode.ConfigurationTarget.Global);
      const e = await container.mantle.listModels().then(() => undefined, (x: unknown) => x as { kind: string; message: string; actions: string[] });
      assert.equal(e?.kind, 'config');
      assert.match(e?.message ?? '', /bedrockMantle\.endpoint: "not a url" is not a URL/);
      assert.ok(e?.actions.includes('openSettings'));

      await config().update('endpoint', '', vscode.ConfigurationTarget.Global);
      await config().update('region', 'us-west-1', vscode.ConfigurationTarget.Global);
      const r = await container.mantle.listModels().then(() => undefined, (x: unknown) => x as { kind: string; message: string; actions: string[] });
      assert.equal(r?.kind, 'config');
      assert.match(r?.message ?? '', /"us-west-1" is not a Region where Bedrock Mantle is offered/);
      assert.ok(r?.actions.includes('selectRegion'));
    } finally {
      await config().update('region', undefined, vscode.ConfigurationTarget.Global);
      await config().update('endpoint', emulatorUrl, vscode.ConfigurationTarget.Global);
    }
  });

  it('signs with SigV4 from an AWS profile chosen in the settings', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mantle-int-aws-'));
    const saved = { creds: process.env.AWS_SHARED_CREDENTIALS_FILE, config: process.env.AWS_CONFIG_FILE };
    // The extension reads the shared files named by these variables in its own process, as the AWS CLI does.
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    writeFileSync(process.env.AWS_SHARED_CREDENTIALS_FILE, '[emulator]\naws_access_key_id = AKIDEMULATOR\naws_secret_access_key = emulator-secret-key\n');
    writeFileSync(process.env.AWS_CONFIG_FILE, '[profile emulator]\nregion = us-east-1\n');
    try {
      await config().update('awsProfile', 'emulator', vscode.ConfigurationTarget.Global);
      await config().update('auth', 'awsProfile', vscode.ConfigurationTarget.Global);
      const result = await vscode.commands.executeCommand<TestConnectionResult>('bedrockMantle.testConnection');
      assert.equal(result?.auth, 'AWS profile emulator');
      assert.equal(result?.count, 38);
      const last = (await emulatorLog()).at(-1);
      assert.equal(last?.auth, 'sigv4');
      assert.equal(last?.status, 200);
      await eventually(() => container.statusBar.text.startsWith('$(account)'), 'the status bar to show the profile');
    } finally {
      await config().update('auth', undefined, vscode.ConfigurationTarget.Global);
      await config().update('awsProfile', undefined, vscode.ConfigurationTarget.Global);
      if (saved.creds === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE; else process.env.AWS_SHARED_CREDENTIALS_FILE = saved.creds;
      if (saved.config === undefined) delete process.env.AWS_CONFIG_FILE; else process.env.AWS_CONFIG_FILE = saved.config;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
