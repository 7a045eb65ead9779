// container.models inside the real extension host, against the emulator the runner started: the live list, the
// globalState cache (counted in the emulator's request log), capabilities learned from the real client and kept in
// globalState, and the Models view's commands.
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import { executeTurn } from '../../../src/common/mantle/turnEngine';
import type { Container } from '../../../src/container';
import { emulatorLog } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';

async function modelListRequests(): Promise<number> {
  return (await emulatorLog()).filter((e) => e.method === 'GET' && e.path === '/v1/models').length;
}

describe('models service and view', () => {
  let container: Container;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
  });

  it('lists the emulator\'s 38 models with kinds and APIs', async () => {
    const models = await container.models.getModels();
    assert.equal(models.length, 38);
    assert.equal(new Set(models.map((m) => m.vendor)).size, 10);
    const coder = models.find((m) => m.id === 'qwen.qwen3-coder-480b-a35b-instruct');
    assert.equal(coder?.kind, 'code');
    assert.equal(container.models.apiFor('openai.gpt-oss-120b'), 'responses');
    assert.equal(container.models.apiFor('qwen.qwen3-32b'), 'chat');
  });

  it('serves the list again from its cache without a request, and Refresh asks the server', async () => {
    await container.models.getModels();
    const before = await modelListRequests();
    await container.models.getModels();
    assert.equal(await modelListRequests(), before, 'no request for a cached list');
    await vscode.commands.executeCommand('bedrockMantle.models.refresh');
    assert.equal(await modelListRequests(), before + 1);
    assert.equal(container.models.state.status, 'ready');
  });

  it('lists per Region+endpoint: another Region is fetched, coming back is served from its cache', async () => {
    const config = () => vscode.workspace.getConfiguration('bedrockMantle');
    const home = container.models.scope;
    await container.models.getModels();
    const before = await modelListRequests();
    try {
      await config().update('region', 'us-west-2', vscode.ConfigurationTarget.Global);
      // code-server drops a machine-scoped value kept in User/settings.json once any user setting is written.
      await config().update('endpoint', emulatorUrl, vscode.ConfigurationTarget.Global);
      await eventually(() => container.models.scope.startsWith('us-west-2|'), 'the Region change');
      await eventually(async () => (await container.models.getModels()).length === 38, 'the us-west-2 list');
      assert.equal(await modelListRequests(), before + 1, 'a Region never listed before is fetched');
    } finally {
      await config().update('region', undefined, vscode.ConfigurationTarget.Global);
      await config().update('endpoint', emulatorUrl, vscode.ConfigurationTarget.Global);
    }
    await eventually(() => container.models.scope === home, 'the way back');
    await eventually(async () => (await container.models.getModels()).length === 38, 'the us-east-1 list');
    assert.equal(await modelListRequests(), before + 1, 'back home: served from the cache, no request');
  });

  it('fetches the list again when the credentials change, and not for other connection settings', async () => {
    await container.models.getModels();
    const before = await modelListRequests();
    const config = () => vscode.workspace.getConfiguration('bedrockMantle');
    try {
      await config().update('request.maxRetries', 1, vscode.ConfigurationTarget.Global);
      await config().update('endpoint', emulatorUrl, vscode.ConfigurationTarget.Global);
      // A fixed wait on purpose: what is checked is that the settings change does NOT start a listing, and the
      // absence of an event has no signal to await. 300 ms is far longer than the configuration event takes.
      await new Promise((r) => setTimeout(r, 300));
      await container.models.getModels();
      assert.equal(await modelListRequests(), before, 'a retry setting is not a reason to list again');

      await container.auth.setApiKey('not-the-emulator-key');
      const failed = await eventually(async () => {
        await container.models.getModels().catch(() => undefined);
        const s = container.models.state;
        return s.status === 'ready' && s.refreshError !== undefined ? s : undefined;
      }, 'the listing with the other key');
      assert.equal((failed?.refreshError as { kind?: string } | undefined)?.kind, 'auth');
      assert.equal(await modelListRequests(), before + 1);
    } finally {
      await container.auth.clearApiKey();
      await config().update('request.maxRetries', undefined, vscode.ConfigurationTarget.Global);
      await config().update('endpoint', emulatorUrl, vscode.ConfigurationTarget.Global);
    }
    await eventually(async () => {
      await container.models.getModels().catch(() => undefined);
      const s = container.models.state;
      return s.status === 'ready' && s.refreshError === undefined;
    }, 'the listing with the key from the environment again');
    assert.equal(await modelListRequests(), before + 2);
  });

  it('learns through the router that a model answers Chat Completions on /v1, and keeps it in globalState', async () => {
    const outcome = await executeTurn(container.turns, {
      model: 'mistral.devstral-2-123b',
      build: (api) => ({ model: 'mistral.devstral-2-123b', api, messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.route, { prefix: '/v1', api: 'chat' });
    const learned = await eventually(async () => (await container.models.getModels()).find((m) => m.id === 'mistral.devstral-2-123b' && m.capabilitySource === 'learned'), 'the learned answer');
    assert.equal(learned?.responses, false);
    await container.router.saved();
    const stored = container.context.globalState.get<Record<string, Record<string, { ok?: string[] }>>>('bedrockMantle.models.learnedRoutes');
    assert.deepEqual(stored?.[container.models.scope]?.['mistral.devstral-2-123b']?.ok, ['/v1 chat']);
  });

  it('copies the ids of every selected model, or of the clicked one', async () => {
    const [a, b, c] = (await container.models.getModels()).slice(0, 3).map((model) => ({ type: 'model', id: `model:${model.id}`, model }));
    // A context-menu command gets the clicked node and the whole selection.
    await vscode.commands.executeCommand('bedrockMantle.models.copyId', a, [a, b]);
    assert.equal(await vscode.env.clipboard.readText(), `${a.model.id}\n${b.model.id}`);
    await vscode.commands.executeCommand('bedrockMantle.models.copyId', c, [a, b]);
    assert.equal(await vscode.env.clipboard.readText(), c.model.id, 'a right-click outside the selection acts on that row');
  });

  it('opens a chat thread on the chosen model', async () => {
    const model = (await container.models.getModels()).find((m) => m.id === 'zai.glm-4.6')!;
    await vscode.commands.executeCommand('bedrockMantle.models.openChat', { type: 'model', id: `model:${model.id}`, model });
    await eventually(() => container.chat.controller.activeThread?.model === model.id, 'a thread on zai.glm-4.6');
  });

  it('runs the filter and default-model commands', async () => {
    await vscode.commands.executeCommand('bedrockMantle.models.clearFilter');
    const model = (await container.models.getModels()).find((m) => m.id === 'mistral.devstral-2-123b')!;
    const config = () => vscode.workspace.getConfiguration('bedrockMantle');
    const previous = config().inspect<string>('chat.defaultModel')?.globalValue;
    try {
      // The context menu passes the clicked tree node; its `model` is what the command reads.
      await vscode.commands.executeCommand('bedrockMantle.models.setDefaultChat', { type: 'model', id: `model:${model.id}`, model });
      assert.equal(config().inspect<string>('chat.defaultModel')?.globalValue, model.id);
    } finally {
      await config().update('chat.defaultModel', previous, vscode.ConfigurationTarget.Global);
    }
  });
});
