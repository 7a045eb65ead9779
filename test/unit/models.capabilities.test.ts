import { strict as assert } from 'node:assert';
import { MODEL_CATALOG } from '../../src/common/models/catalog';
import { describeModel, modelApiLabel } from '../../src/common/models/modelInfo';
import { buildModelsView } from '../../src/common/models/modelsView';
import { classifyRouteAnswer, ModelRouter } from '../../src/common/models/router';

const US = 'us-east-1|';
const view = (router: ModelRouter, id: string) => describeModel(id, router.view(US, id));
const EXPECTED_LABEL: Record<string, string> = { 'chat,responses': 'Responses + Chat', responses: 'Responses only', chat: 'Chat only', messages: 'Messages' };

describe('models: descriptors from the router', () => {
  it('labels every one of the 61 catalogue models from its APIs', () => {
    const router = new ModelRouter();
    assert.equal(MODEL_CATALOG.length, 61);
    for (const entry of MODEL_CATALOG) {
      const m = view(router, entry.id);
      assert.equal(modelApiLabel(m), EXPECTED_LABEL[[...entry.apis].sort().join(',')], entry.id);
      assert.equal(m.prefix, entry.path, entry.id);
      assert.equal(m.kind, entry.kind, entry.id);
    }
    assert.equal(modelApiLabel(view(router, 'openai.gpt-5.5')), 'Responses only');
    assert.equal(view(router, 'openai.gpt-5.5').prefix, '/openai/v1');
    assert.equal(modelApiLabel(view(router, 'anthropic.claude-opus-4-7')), 'Messages');
  });

  it('says unknown for a model neither the catalogue nor its id family knows, and conversations use Chat', () => {
    const m = view(new ModelRouter(), 'acme.new-model');
    assert.equal(m.kind, 'unknown');
    assert.equal(m.responses, undefined);
    assert.equal(m.api, 'chat');
    assert.equal(modelApiLabel(m), 'unknown API');
    assert.equal(m.capabilitySource, 'none');
  });

  it('prefers Responses for a conversation when the model takes it, and a learned refusal wins over the hint', () => {
    const router = new ModelRouter();
    assert.equal(view(router, 'openai.gpt-oss-20b').api, 'responses');
    router.learn(US, 'openai.gpt-oss-20b', { prefix: '/v1', api: 'responses' }, classifyRouteAnswer(400, "The model 'openai.gpt-oss-20b' does not support the '/v1/responses' API"));
    const m = view(router, 'openai.gpt-oss-20b');
    assert.equal(m.api, 'chat');
    assert.equal(modelApiLabel(m), 'Chat only');
    assert.equal(m.capabilitySource, 'learned');
  });

  it('shows what a success teaches about a model nothing was known of', () => {
    const router = new ModelRouter();
    router.learn(US, 'acme.new-model', { prefix: '/v1', api: 'chat' }, { kind: 'ok' });
    const m = view(router, 'acme.new-model');
    assert.equal(m.capabilitySource, 'learned');
    assert.equal(modelApiLabel(m), 'Chat only');
  });

  it('carries the catalogue Regions for a Region hint', () => {
    assert.deepEqual(view(new ModelRouter(), 'openai.gpt-5.5').regions, ['us-east-1', 'us-east-2']);
  });
});

describe('models: unavailable models in the tree', () => {
  it('greys a model the server lists as unavailable and gives the reason as plain text', () => {
    const reason = "This model is not available under data retention mode 'default'. [x](command:evil)";
    const m = describeModel('anthropic.claude-fable-5', new ModelRouter().view(US, 'anthropic.claude-fable-5'), reason);
    const nodes = buildModelsView({ hasCredentials: true, state: { status: 'ready', models: [m], fetchedAt: 0, fromCache: false }, filter: '', defaults: { chat: '', coder: '' } });
    const row = nodes.flatMap((n) => (n.type === 'vendor' ? n.children : [n])).find((n) => n.type === 'model');
    assert.ok(row && row.type === 'model');
    assert.equal(row.icon, 'circle-slash');
    assert.match(row.description, /^unavailable · /);
    assert.match(row.tooltip ?? '', /Unavailable:\*\* This model is not available under data retention mode 'default'\\\./);
    assert.doesNotMatch(row.tooltip ?? '', /\]\(command/);
  });
});
