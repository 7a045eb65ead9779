// The model registry (list cache + learned capabilities) and the tree view model, fed by the real Mantle client
// talking to the emulator: what GET /v1/models returns is what the tree shows, and what a /v1/responses call
// answers is what the registry learns.
import { strict as assert } from 'node:assert';
import { isMantleError } from '../../src/common/mantle/errors';
import { executeTurn } from '../../src/common/mantle/turnEngine';
import type { ApiKind, TurnRequest } from '../../src/common/mantle/types';
import { CATALOG } from '../../src/common/models/catalog';
import type { KeyValueStore } from '../../src/common/models/capabilities';
import { ModelRegistry } from '../../src/common/models/modelRegistry';
import { buildModelsView, type ModelsViewNode } from '../../src/common/models/modelsView';
import type { ClientLogger, ConnectionConfig } from '../../src/node/connection';
import { MantleClient } from '../../src/node/mantleClient';
import { routedTurns } from './clientHelpers';
import { MARCH_2026_MODELS, startEmulator, type EmulatorModel, type RunningEmulator } from '../emulator/server';
import { MapStore } from '../kit/stores';

const KEY = 'mantle-emulator-key';
const DEFAULTS = { chat: 'openai.gpt-oss-120b', coder: 'qwen.qwen3-coder-480b-a35b-instruct' };

const quiet: ClientLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

function clientFor(url: string, apiKey = KEY): MantleClient {
  const config: ConnectionConfig = {
    baseURL: url, region: 'us-east-1', customEndpoint: true,
    auth: { mode: 'apiKey', apiKey, source: 'secretStorage' }, maxRetries: 0, stallTimeoutMs: 10_000,
  };
  return new MantleClient({ connection: () => Promise.resolve(config), logger: quiet, redact: (s) => s });
}

function registryFor(client: MantleClient, storage: KeyValueStore, scope: string): ModelRegistry {
  return new ModelRegistry({ api: () => client, storage, scope: () => scope });
}

function modelListRequests(emu: RunningEmulator): number {
  return emu.log.filter((e) => e.method === 'GET' && e.path === '/v1/models').length;
}

function viewOf(registry: ModelRegistry): ModelsViewNode[] {
  return buildModelsView({ hasCredentials: true, state: registry.state, filter: '', defaults: DEFAULTS });
}

function vendorLabels(nodes: ModelsViewNode[]): string[] {
  return nodes.filter((n) => n.type === 'vendor').map((n) => n.label);
}

describe('models: registry and tree from the emulator', () => {
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ apiKeys: [KEY] }); });
  after(() => emu.close());

  it('builds the tree from the live list: 38 models under 10 vendors, kinds and APIs as catalogued', async () => {
    const registry = registryFor(clientFor(emu.url), new MapStore(), `us-east-1|${emu.url}`);
    const models = await registry.getModels();
    assert.equal(models.length, 38);
    const nodes = viewOf(registry);
    assert.deepEqual(vendorLabels(nodes), ['OpenAI', 'Mistral', 'Qwen', 'DeepSeek', 'Google', 'NVIDIA', 'MiniMax', 'Moonshot', 'Z.ai', 'Writer']);
    const rows = new Map(nodes.flatMap((n) => (n.type === 'vendor' ? n.children : [])).map((r) => [r.type === 'model' ? r.model.id : r.id, r]));
    assert.equal(rows.size, 38);
    for (const entry of CATALOG) {
      const row = rows.get(entry.id);
      assert.ok(row && row.type === 'model', entry.id);
      assert.equal(row.model.kind, entry.kind, entry.id);
      assert.equal(row.model.api, entry.responses ? 'responses' : 'chat', entry.id);
      assert.equal(row.model.capabilitySource, 'catalog', entry.id);
    }
  });

  it('serves a second population from the stored cache with 0 requests, per Region+endpoint', async () => {
    const storage = new MapStore();
    const scope = `us-east-1|${emu.url}`;
    const before = modelListRequests(emu);
    await registryFor(clientFor(emu.url), storage, scope).getModels();
    assert.equal(modelListRequests(emu) - before, 1);

    // A new registry over the same storage is the next window, or the editor after a restart.
    const again = registryFor(clientFor(emu.url), storage, scope);
    assert.equal((await again.getModels()).length, 38);
    assert.equal(again.state.status === 'ready' && again.state.fromCache, true);
    assert.equal(modelListRequests(emu) - before, 1, 'served from the cache: no request');

    await registryFor(clientFor(emu.url), storage, `eu-west-1|${emu.url}`).getModels();
    assert.equal(modelListRequests(emu) - before, 2, 'another Region has its own cache');

    await again.refresh();
    assert.equal(modelListRequests(emu) - before, 3, 'Refresh always asks the server');
  });

  it('joins concurrent reads into one request', async () => {
    const before = modelListRequests(emu);
    const registry = registryFor(clientFor(emu.url), new MapStore(), `us-east-1|${emu.url}`);
    await Promise.all([registry.getModels(), registry.getModels(), registry.getModels()]);
    assert.equal(modelListRequests(emu) - before, 1);
  });

  it('refetches a cached list once it is older than the maximum age', async () => {
    const storage = new MapStore();
    let now = 1_000_000;
    const make = () => new ModelRegistry({ api: () => clientFor(emu.url), storage, scope: () => 'aged', now: () => now, maxAgeMs: 60_000 });
    const before = modelListRequests(emu);
    await make().getModels();
    now += 59_000;
    await make().getModels();
    assert.equal(modelListRequests(emu) - before, 1);
    now += 2_000;
    await make().getModels();
    assert.equal(modelListRequests(emu) - before, 2);
  });
});

describe('models: learning routes from live answers', () => {
  // This Region serves the catalogue with two differences, so learning has something to correct:
  // gpt-oss-20b refuses /v1/responses, glm-5 accepts it.
  const UNKNOWN: EmulatorModel = { id: 'acme.rocket-7b', vendor: 'Acme', kind: 'general', path: '/v1', apis: ['chat'] };
  const served: EmulatorModel[] = [...MARCH_2026_MODELS.map((e): EmulatorModel =>
    e.id === 'openai.gpt-oss-20b' ? { ...e, apis: ['chat'] } : e.id === 'zai.glm-5' ? { ...e, apis: ['chat', 'responses'] } : e), UNKNOWN];
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ apiKeys: [KEY], models: served }); });
  after(() => emu.close());
  const hi = (model: string) => (api: ApiKind): TurnRequest => ({ model, api, messages: [{ role: 'user', content: 'hi' }] });

  it('turns a model Chat-only after a 400 to a Responses call, shows it at once, and remembers it across restarts', async () => {
    const storage = new MapStore();
    const scope = `us-east-1|${emu.url}`;
    const client = clientFor(emu.url);
    const registry = registryFor(client, storage, scope);
    await registry.getModels();
    assert.equal(registry.apiFor('openai.gpt-oss-20b'), 'responses', 'the catalogue hint before any answer');

    let changes = 0;
    registry.onDidChange(() => changes++);
    const outcome = await executeTurn(routedTurns(client, registry.router, scope), { model: 'openai.gpt-oss-20b', build: hi('openai.gpt-oss-20b') });
    assert.ok(outcome.ok, 'the engine moved to Chat Completions');
    assert.equal(outcome.api, 'chat');
    assert.equal(registry.apiFor('openai.gpt-oss-20b'), 'chat');
    assert.ok(changes >= 1, 'the tree is told to redraw');
    const row = registry.state.status === 'ready' ? registry.state.models.find((m) => m.id === 'openai.gpt-oss-20b') : undefined;
    assert.equal(row?.responses, false);
    assert.equal(row?.capabilitySource, 'learned');

    await registry.router.saved();
    const afterRestart = registryFor(clientFor(emu.url), storage, scope);
    assert.equal(afterRestart.apiFor('openai.gpt-oss-20b'), 'chat');
    const other = registryFor(clientFor(emu.url), storage, 'eu-west-1|elsewhere');
    assert.equal(other.apiFor('openai.gpt-oss-20b'), 'responses', 'another Region+endpoint keeps the hint');
  });

  it('shows at once what a successful answer teaches about a model the catalogue does not know', async () => {
    const client = clientFor(emu.url);
    const scope = `us-east-1|${emu.url}`;
    const registry = registryFor(client, new MapStore(), scope);
    await registry.getModels();
    const before = registry.state.status === 'ready' ? registry.state.models.find((m) => m.id === UNKNOWN.id) : undefined;
    assert.equal(before?.capabilitySource, 'none');
    const outcome = await executeTurn(routedTurns(client, registry.router, scope), { model: UNKNOWN.id, build: hi(UNKNOWN.id) });
    assert.ok(outcome.ok && outcome.result.text.length > 0);
    const row = registry.state.status === 'ready' ? registry.state.models.find((m) => m.id === UNKNOWN.id) : undefined;
    assert.equal(row?.capabilitySource, 'learned');
    assert.deepEqual(row?.apis, ['chat']);
  });

});

describe('models: what the live list decides', () => {
  const unknown: EmulatorModel = { id: 'acme.rocket-7b', vendor: 'Acme', kind: 'general', path: '/v1', apis: ['chat'] };
  const newQwen: EmulatorModel = { id: 'qwen.qwen4-max', vendor: 'Qwen', kind: 'general', path: '/v1', apis: ['chat'] };
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ apiKeys: [KEY], models: [...MARCH_2026_MODELS.filter((e) => e.vendor !== 'Writer'), unknown, newQwen] });
  });
  after(() => emu.close());

  it('keeps models the catalogue does not know, as unknown, and drops catalogue models the server does not list', async () => {
    const registry = registryFor(clientFor(emu.url), new MapStore(), `us-east-1|${emu.url}`);
    await registry.getModels();
    const nodes = viewOf(registry);
    assert.deepEqual(vendorLabels(nodes), ['OpenAI', 'Mistral', 'Qwen', 'DeepSeek', 'Google', 'NVIDIA', 'MiniMax', 'Moonshot', 'Z.ai', 'Other']);
    const other = nodes.find((n) => n.type === 'vendor' && n.label === 'Other');
    assert.ok(other?.type === 'vendor');
    assert.equal(other.children[0].type === 'model' && other.children[0].model.id, unknown.id);
    assert.equal(other.children[0].description, 'unknown · unknown API');
    const qwen = nodes.find((n) => n.type === 'vendor' && n.label === 'Qwen');
    assert.ok(qwen?.type === 'vendor' && qwen.children.some((c) => c.type === 'model' && c.model.id === newQwen.id && c.model.kind === 'unknown'));
    assert.equal(registry.apiFor(unknown.id), 'chat');
  });
});

describe('models: error states', () => {
  it('shows a 401 as an error row with the mapped message, Retry and Set API Key, then recovers on Retry', async () => {
    const emu = await startEmulator({ apiKeys: [KEY] });
    try {
      let apiKey = 'wrong-key';
      const registry = new ModelRegistry({ api: () => clientFor(emu.url, apiKey), storage: new MapStore(), scope: () => 'e401' });
      const err = await registry.getModels().then(() => undefined, (e: unknown) => e);
      assert.ok(isMantleError(err) && err.kind === 'auth', String(err));
      const nodes = viewOf(registry);
      assert.equal(nodes[0].label, err.message);
      assert.match(nodes[0].label, /401|key/i);
      assert.deepEqual(nodes.slice(1).map((n) => n.label), ['Retry', 'Set API Key', 'Show Logs']);

      apiKey = KEY;
      await registry.refresh();
      assert.deepEqual(vendorLabels(viewOf(registry)).length, 10);
    } finally {
      await emu.close();
    }
  });

  it('keeps a failure until Retry, so readers reacting to change events cannot loop on requests', async () => {
    const emu = await startEmulator({ apiKeys: [KEY] });
    try {
      const registry = new ModelRegistry({ api: () => clientFor(emu.url, 'wrong-key'), storage: new MapStore(), scope: () => 'sticky' });
      // A reader like the chat's model picker: it reads the models again on every change event.
      let reads = 0;
      registry.onDidChange(() => { if (reads++ < 20) registry.getModels().catch(() => undefined); });
      await registry.getModels().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(modelListRequests(emu), 1);
      await registry.refresh().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(modelListRequests(emu), 2, 'Retry asks again');
    } finally {
      await emu.close();
    }
  });

  it('keeps the last list, with the error above it, when a Refresh fails', async () => {
    const emu = await startEmulator({ apiKeys: [KEY] });
    try {
      const registry = registryFor(clientFor(emu.url), new MapStore(), 'stale');
      await registry.getModels();
      emu.setFaults([{ kind: '500', path: '/v1/models', times: 1 }]);
      const err = await registry.refresh().then(() => undefined, (e: unknown) => e);
      assert.ok(isMantleError(err) && err.kind === 'server', String(err));
      const state = registry.state;
      assert.ok(state.status === 'ready' && state.refreshError === err);
      assert.equal((await registry.getModels()).length, 38);
      const nodes = viewOf(registry);
      assert.equal(nodes[0].label, err.message);
      assert.equal(nodes[1].label, 'Retry');
      assert.equal(vendorLabels(nodes).length, 10);
    } finally {
      await emu.close();
    }
  });

  it('shows an unreachable endpoint as an error row, never an empty tree', async () => {
    const emu = await startEmulator({ apiKeys: [KEY] });
    const url = emu.url;
    await emu.close();
    const registry = registryFor(clientFor(url), new MapStore(), 'down');
    const err = await registry.getModels().then(() => undefined, (e: unknown) => e);
    assert.ok(isMantleError(err) && err.kind === 'network', String(err));
    const nodes = viewOf(registry);
    assert.equal(nodes[0].type, 'message');
    assert.equal(nodes[0].icon, 'error');
    assert.equal(nodes[0].label, err.message);
    assert.ok(nodes.some((n) => n.label === 'Retry'));
    assert.ok(nodes.some((n) => n.label === 'Show Logs'));
  });
});
