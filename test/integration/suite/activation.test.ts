// The extension as the editor sees it: it activates, every command it contributes is really registered, its
// settings exist with their defaults, and its activity-bar container is known to the workbench.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import vscode = require('vscode');
import { activateExtension, emulatorUrl, eventually, EXTENSION_ID } from './testEnv';

interface Manifest {
  contributes: { commands: { command: string }[]; viewsContainers: { activitybar: { id: string }[] } };
}

describe('activation', () => {
  let ext: vscode.Extension<unknown>;

  before(async () => {
    ext = await activateExtension();
  });

  it('activates the extension by its id', () => {
    assert.equal(ext.id, EXTENSION_ID);
    assert.equal(ext.isActive, true);
  });

  it('registers the Show Logs command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('bedrockMantle.showLogs'), 'bedrockMantle.showLogs is not registered');
  });

  it('registers every command it contributes in package.json', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = (ext.packageJSON as Manifest).contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    assert.deepEqual(contributed.filter((c) => !registered.has(c)), [], 'contributed but not registered');
  });

  // This suite runs first (index.ts sorts the files). Activation loads dist/extension.js (the stand-ins); the
  // services (dist/container.js) may have loaded since in the idle moment after it (test/unit/activationShell.test.ts
  // shows activation itself does not load them), and with them the openai SDK if VS Code asked the language-model
  // provider for its models at start-up; but no feature, no Claude SDK and (with an API key) no AWS code.
  it('loads no feature bundle, no Claude SDK and no AWS code before first use', () => {
    // Files directly in our dist/ only: in a fresh clone the editor itself is provisioned under the repository's
    // .cache/, so its own modules also start with the extension's path.
    const ourDist = path.join(ext.extensionPath, 'dist');
    const loaded = Object.keys(require.cache).filter((f) => path.dirname(f) === ourDist && f.endsWith('.js')).map((f) => path.basename(f));
    assert.ok(loaded.includes('extension.js'), `extension.js not among ${loaded.join(', ')}`);
    assert.deepEqual(loaded.filter((f) => !['extension.js', 'container.js', 'openai-sdk.js'].includes(f)), [], 'bundles loaded before first use');
  });

  // This suite runs first (index.ts sorts the files), so nothing has used a feature yet.
  it('builds no feature at activation: the chat, Compare and the editor commands wait for their first use', () => {
    assert.deepEqual((ext.exports as { builtFeatures: string[] }).builtFeatures, []);
  });

  it('a command of a feature not built yet builds it and runs the call (Show/Hide Reasoning flips its setting)', async () => {
    const exports = ext.exports as { builtFeatures: string[] };
    const shown = () => vscode.workspace.getConfiguration('bedrockMantle.chat').get<boolean>('showReasoning');
    const before = shown();
    await vscode.commands.executeCommand('bedrockMantle.toggleReasoning');
    await eventually(() => shown() === !before, 'the stand-in to run the real Show/Hide Reasoning');
    assert.ok(exports.builtFeatures.includes('chat'), 'the chat was built by its first command');
    assert.ok(!exports.builtFeatures.includes('compare'), 'Compare was not built with it');
    await vscode.commands.executeCommand('bedrockMantle.toggleReasoning');
    await eventually(() => shown() === before, 'the setting back as it was');
  });

  it('runs Show Logs without an error', async () => {
    await vscode.commands.executeCommand('bedrockMantle.showLogs');
  });

  it('contributes its settings with their defaults', () => {
    const config = vscode.workspace.getConfiguration('bedrockMantle');
    assert.equal(config.inspect<string>('region')?.defaultValue, 'us-east-1');
    assert.equal(config.inspect<string>('auth')?.defaultValue, 'apiKey');
  });

  it('has its activity-bar view container', async () => {
    const containers = (ext.packageJSON as Manifest).contributes.viewsContainers.activitybar.map((c) => c.id);
    assert.deepEqual(containers, ['bedrockMantle']);
    // The workbench creates an "open view container" command for every registered container.
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('workbench.view.extension.bedrockMantle'), 'view container bedrockMantle is not registered');
  });

  it('sees the runner\'s user settings (the endpoint points at the emulator)', function () {
    if (!emulatorUrl) this.skip();
    assert.equal(vscode.workspace.getConfiguration('bedrockMantle').get('endpoint'), emulatorUrl);
  });
});
