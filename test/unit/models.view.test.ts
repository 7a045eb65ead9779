import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import { CATALOG } from '../../src/common/models/catalog';
import { describeModel, type ModelDescriptor } from '../../src/common/models/modelInfo';
import type { ModelsState } from '../../src/common/models/modelRegistry';
import { ModelRouter } from '../../src/common/models/router';
import { buildModelsView, escapeMarkdown, type ModelsViewInput, type ModelsViewNode } from '../../src/common/models/modelsView';

const DEFAULTS = { chat: 'openai.gpt-oss-120b', coder: 'qwen.qwen3-coder-480b-a35b-instruct' };

/** A descriptor as the registry builds it: the router's view, with an optional learned answer about Responses. */
function descriptor(id: string, responses?: boolean): ModelDescriptor {
  const router = new ModelRouter();
  const prefix = router.view('s', id).prefix;
  if (responses !== undefined) router.learn('s', id, { prefix, api: 'responses' }, responses ? { kind: 'ok' } : { kind: 'apiError' });
  return describeModel(id, router.view('s', id));
}

function ready(ids: readonly string[], learned: Record<string, boolean> = {}): ModelsState {
  return { status: 'ready', models: ids.map((id) => descriptor(id, learned[id])), fetchedAt: 0, fromCache: false };
}

function view(state: ModelsState, extra: Partial<ModelsViewInput> = {}): ModelsViewNode[] {
  return buildModelsView({ hasCredentials: true, state, filter: '', defaults: DEFAULTS, ...extra });
}

type Vendor = Extract<ModelsViewNode, { type: 'vendor' }>;
type Model = Extract<ModelsViewNode, { type: 'model' }>;

function vendors(nodes: ModelsViewNode[]): Vendor[] {
  return nodes.filter((n): n is Vendor => n.type === 'vendor');
}

function modelRow(nodes: ModelsViewNode[], id: string): Model {
  for (const v of vendors(nodes)) for (const c of v.children) if (c.type === 'model' && c.model.id === id) return c;
  throw new Error(`no row for ${id}`);
}

const ALL = CATALOG.map((e) => e.id);

describe('models: tree view model', () => {
  it('groups the 38 catalogue models under 10 vendors in the fixed order, with counts', () => {
    const nodes = view(ready(ALL));
    assert.deepEqual(vendors(nodes).map((v) => v.label),
      ['OpenAI', 'Mistral', 'Qwen', 'DeepSeek', 'Google', 'NVIDIA', 'MiniMax', 'Moonshot', 'Z.ai', 'Writer']);
    const counts = Object.fromEntries(vendors(nodes).map((v) => [v.label, v.description]));
    assert.equal(counts.Mistral, '8 models');
    assert.equal(counts.Writer, '1 model');
    assert.equal(vendors(nodes).reduce((s, v) => s + v.children.length, 0), 38);
  });

  it('describes each model by kind and APIs, with its kind icon', () => {
    const nodes = view(ready(ALL));
    for (const entry of CATALOG) {
      const row = modelRow(nodes, entry.id);
      assert.ok(row.description.startsWith(`${entry.kind} · ${entry.responses ? 'Responses + Chat' : 'Chat only'}`), `${entry.id}: ${row.description}`);
    }
    assert.equal(modelRow(nodes, 'qwen.qwen3-coder-30b-a3b-instruct').icon, 'code');
    assert.equal(modelRow(nodes, 'writer.palmyra-vision-7b').icon, 'eye');
    assert.equal(modelRow(nodes, 'mistral.voxtral-mini-3b-2507').icon, 'unmute');
    assert.equal(modelRow(nodes, 'openai.gpt-oss-safeguard-20b').icon, 'shield');
    assert.equal(modelRow(nodes, 'moonshotai.kimi-k2-thinking').icon, 'lightbulb');
  });

  it('orders models inside a vendor by kind, family (largest first), then size', () => {
    const qwen = vendors(view(ready(ALL))).find((v) => v.label === 'Qwen')!;
    assert.deepEqual(qwen.children.map((c) => (c as Model).model.id), [
      'qwen.qwen3-235b-a22b-2507', 'qwen.qwen3-32b', 'qwen.qwen3-next-80b-a3b-instruct',
      'qwen.qwen3-coder-480b-a35b-instruct', 'qwen.qwen3-coder-30b-a3b-instruct', 'qwen.qwen3-coder-next',
      'qwen.qwen3-vl-235b-a22b-instruct',
    ]);
    const nvidia = vendors(view(ready(ALL))).find((v) => v.label === 'NVIDIA')!;
    assert.deepEqual(nvidia.children.map((c) => (c as Model).model.id), [
      'nvidia.nemotron-super-3-120b', 'nvidia.nemotron-nano-3-30b', 'nvidia.nemotron-nano-12b-v2', 'nvidia.nemotron-nano-9b-v2',
    ]);
  });

  it('is independent of the order the server lists the models in', () => {
    const forward = view(ready(ALL));
    const backward = view(ready([...ALL].reverse()));
    assert.deepEqual(backward, forward);
  });

  it('marks the default chat and coder models in the description, tooltip and context value', () => {
    const nodes = view(ready(ALL));
    const chat = modelRow(nodes, DEFAULTS.chat);
    assert.match(chat.description, /★ default chat/);
    assert.match(chat.tooltip, /Default: ★ default chat model/);
    assert.equal(chat.contextValue, 'model.defaultChat');
    const coder = modelRow(nodes, DEFAULTS.coder);
    assert.match(coder.description, /★ default coder/);
    assert.equal(coder.contextValue, 'model.defaultCoder');
    const other = modelRow(nodes, 'zai.glm-5');
    assert.doesNotMatch(other.description, /default/);
    assert.equal(other.contextValue, 'model');
  });

  it('puts id, vendor, kind, APIs and the source of the capability in the tooltip', () => {
    const nodes = view(ready(ALL, { 'openai.gpt-oss-20b': false }));
    const hinted = modelRow(nodes, 'openai.gpt-oss-120b').tooltip;
    assert.match(hinted, /`openai\.gpt-oss-120b`/);
    assert.match(hinted, /Vendor: OpenAI/);
    assert.match(hinted, /Kind: general \(shows its reasoning\)/);
    assert.match(hinted, /APIs: Responses \+ Chat/);
    assert.match(hinted, /catalogue hint/);
    const learned = modelRow(nodes, 'openai.gpt-oss-20b');
    assert.match(learned.tooltip, /learned live/);
    assert.match(learned.description, /Chat only/, 'a learned answer beats the catalogue');
  });

  it('shows Claude as a working Messages model under Anthropic, named as Anthropic names it', () => {
    const nodes = view(ready([...ALL, 'anthropic.claude-opus-4-8']));
    const claude = modelRow(nodes, 'anthropic.claude-opus-4-8');
    assert.equal(claude.label, 'Claude Opus 4.8');
    assert.equal(claude.model.vendor, 'Anthropic');
    assert.equal(claude.description, 'general · Messages');
    assert.match(claude.tooltip, /APIs: Messages on `\/anthropic\/v1`/);
    assert.equal(vendors(nodes).at(-1)!.label, 'Anthropic');
  });

  it('keeps a model the catalogue does not know, under its vendor or Other, as unknown', () => {
    const nodes = view(ready([...ALL, 'qwen.qwen4-max', 'acme.rocket-4-6']));
    const qwen4 = modelRow(nodes, 'qwen.qwen4-max');
    assert.equal(qwen4.model.vendor, 'Qwen');
    assert.equal(qwen4.description, 'unknown · unknown API');
    assert.equal(qwen4.icon, 'question');
    assert.match(qwen4.tooltip, /not in the catalogue/);
    const other = vendors(nodes).at(-1)!;
    assert.equal(other.label, 'Other');
    assert.equal((other.children[0] as Model).model.id, 'acme.rocket-4-6');
  });

  it('shows only what the live list has: a catalogue model it lacks does not appear', () => {
    const nodes = view(ready(ALL.filter((id) => !id.startsWith('writer.'))));
    assert.equal(vendors(nodes).some((v) => v.label === 'Writer'), false);
    assert.throws(() => modelRow(nodes, 'writer.palmyra-vision-7b'));
  });

  it('filters on every word, showing "n of m" counts, and explains a filter that matches nothing', () => {
    const nodes = view(ready(ALL), { filter: 'qwen  CODE' });
    assert.deepEqual(vendors(nodes).map((v) => v.label), ['Qwen']);
    assert.equal(vendors(nodes)[0].description, '3 of 7 models');
    assert.deepEqual(view(ready(ALL), { filter: 'responses' }).flatMap((n) => (n as Vendor).children.map((c) => (c as Model).model.id)),
      ['openai.gpt-oss-120b', 'openai.gpt-oss-20b']);
    const none = view(ready(ALL), { filter: 'llama' });
    assert.equal(none.length, 1);
    assert.equal(none[0].type, 'message');
    assert.equal(none[0].label, 'No models match “llama”');
    assert.equal(none[0].type === 'message' && none[0].command?.command, 'bedrockMantle.models.clearFilter');
  });

  it('shows nothing without credentials, so the welcome view appears', () => {
    assert.deepEqual(view(ready(ALL), { hasCredentials: false }), []);
  });

  it('shows a loading row while the list loads', () => {
    const nodes = view({ status: 'loading' });
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0].label, 'Loading models…');
    assert.equal(nodes[0].icon, 'loading~spin');
  });

  it('shows the error message with Retry, the error\'s own actions and Show Logs', () => {
    const error = new MantleError({ kind: 'auth', status: 401, message: 'Mantle rejected the API key (401).', actions: ['setApiKey', 'showLogs'] });
    const nodes = view({ status: 'error', error });
    assert.deepEqual(nodes.map((n) => n.label), ['Mantle rejected the API key (401).', 'Retry', 'Set API Key', 'Show Logs']);
    const commands = nodes.map((n) => (n.type === 'message' ? n.command?.command : undefined));
    assert.deepEqual(commands, [undefined, 'bedrockMantle.models.refresh', 'bedrockMantle.setApiKey', 'bedrockMantle.showLogs']);
  });

  it('still explains an error that is not a MantleError', () => {
    const nodes = view({ status: 'error', error: new TypeError('fetch failed') });
    assert.equal(nodes[0].label, 'Could not list the models: fetch failed');
    assert.equal(nodes[1].label, 'Retry');
  });

  it('keeps showing the last list under an error row when a Refresh fails', () => {
    const error = new MantleError({ kind: 'network', message: 'Could not reach 127.0.0.1:4010.', actions: ['retry', 'showLogs'] });
    const state: ModelsState = { status: 'ready', models: ALL.map((id) => descriptor(id)), fetchedAt: 0, fromCache: true, refreshError: error };
    const nodes = view(state);
    assert.deepEqual(nodes.slice(0, 3).map((n) => n.label), ['Could not reach 127.0.0.1:4010.', 'Retry', 'Show Logs']);
    assert.equal(nodes[0].description, 'showing the last list');
    assert.equal(vendors(nodes).length, 10);
    assert.deepEqual(view(state, { filter: 'llama' }).map((n) => n.id), ['error', 'error:retry', 'error:logs', 'noMatch']);
  });

  it('never shows an empty tree for an empty list', () => {
    const nodes = view(ready([]));
    assert.equal(nodes.length, 1);
    assert.equal(nodes[0].label, 'This endpoint lists no models');
  });

  it('escapes Markdown in tooltips so a model id cannot inject a link', () => {
    assert.equal(escapeMarkdown('[x](command:evil)'), '\\[x\\]\\(command:evil\\)');
    const tricky: ModelDescriptor = descriptor('acme.[click](command:workbench.action.quit)`');
    const row = modelRow(view({ status: 'ready', models: [tricky], fetchedAt: 0, fromCache: false }), tricky.id);
    assert.doesNotMatch(row.tooltip, /\]\(command/);
  });
});
