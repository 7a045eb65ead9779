import { strict as assert } from 'node:assert';
import { CATALOG, MODEL_CATALOG } from '../../src/common/models/catalog';

describe('models: the shipped catalogue', () => {
  it('lists 61 distinct ids, the 38 of the /v1 family first', () => {
    assert.equal(MODEL_CATALOG.length, 61);
    assert.equal(new Set(MODEL_CATALOG.map((e) => e.id)).size, 61);
    assert.equal(CATALOG.length, 38);
    assert.deepEqual(CATALOG, MODEL_CATALOG.slice(0, 38));
    assert.ok(MODEL_CATALOG.slice(38).every((e) => e.path !== '/v1'));
  });

  it('keeps the legacy responses flag equal to "responses is one of the APIs"', () => {
    for (const e of MODEL_CATALOG) assert.equal(e.responses, e.apis.includes('responses'), e.id);
  });

  it('puts each API on a route family that serves it', () => {
    for (const e of MODEL_CATALOG) {
      assert.ok(e.apis.length > 0, e.id);
      if (e.path === '/anthropic/v1') assert.deepEqual(e.apis, ['messages'], e.id);
      else assert.ok(!e.apis.includes('messages'), e.id);
    }
  });

  it('knows the December families: GPT-5.x Responses only, GPT-6/Grok/Gemma 4 both on /openai/v1, Claude on Messages', () => {
    const byId = new Map(MODEL_CATALOG.map((e) => [e.id, e]));
    for (const id of ['openai.gpt-5.4', 'openai.gpt-5.5', 'openai.gpt-5.6-sol', 'openai.gpt-5.6-terra', 'openai.gpt-5.6-luna']) {
      assert.deepEqual({ path: byId.get(id)?.path, apis: byId.get(id)?.apis }, { path: '/openai/v1', apis: ['responses'] }, id);
    }
    for (const id of ['openai.gpt-6-sol', 'xai.grok-4.3', 'google.gemma-4-31b']) {
      assert.deepEqual({ path: byId.get(id)?.path, apis: byId.get(id)?.apis }, { path: '/openai/v1', apis: ['chat', 'responses'] }, id);
    }
    assert.deepEqual(byId.get('anthropic.claude-opus-4-8')?.path, '/anthropic/v1');
    assert.deepEqual(byId.get('openai.gpt-oss-safeguard-20b')?.apis, ['chat']);
    assert.equal(byId.get('openai.gpt-5.5-2026-04-23')?.aliasOf, 'openai.gpt-5.5');
  });
});
