import { strict as assert } from 'node:assert';
import { CATALOG } from '../../src/common/models/catalog';
import { CapabilityStore, resolveCapability, type KeyValueStore } from '../../src/common/models/capabilities';
import { describeModel } from '../../src/common/models/modelInfo';

/** A Map behind the Memento-shaped interface, like globalState: values survive as long as the map does. */
class MapStore implements KeyValueStore {
  readonly map = new Map<string, unknown>();
  get<T>(key: string): T | undefined { return this.map.get(key) as T | undefined; }
  update(key: string, value: unknown): Promise<void> { this.map.set(key, JSON.parse(JSON.stringify(value))); return Promise.resolve(); }
}

const US = 'us-east-1|';
const EMU = 'us-east-1|http://127.0.0.1:4010/v1';

describe('models: capabilities', () => {
  it('uses the catalogue as the hint when nothing was learned', () => {
    assert.deepEqual(resolveCapability('openai.gpt-oss-120b', undefined), { responses: true, source: 'catalog' });
    assert.deepEqual(resolveCapability('qwen.qwen3-32b', undefined), { responses: false, source: 'catalog' });
    assert.deepEqual(resolveCapability('acme.new-model', undefined), { responses: undefined, source: 'none' });
  });

  it('lets a learned answer override the hint in both directions', () => {
    assert.deepEqual(resolveCapability('openai.gpt-oss-120b', false), { responses: false, source: 'learned' });
    assert.deepEqual(resolveCapability('qwen.qwen3-32b', true), { responses: true, source: 'learned' });
  });

  it('gives the catalogue kinds, and unknown for a model it does not list', () => {
    for (const entry of CATALOG) assert.equal(describeModel(entry.id, undefined).kind, entry.kind, entry.id);
    const unknown = describeModel('acme.new-model', undefined);
    assert.equal(unknown.kind, 'unknown');
    assert.equal(unknown.responses, undefined);
    assert.equal(unknown.api, 'chat', 'Chat Completions is the API every model accepts');
  });

  it('chooses the Responses API only for a model known or hinted to accept it', () => {
    assert.equal(describeModel('openai.gpt-oss-20b', undefined).api, 'responses');
    assert.equal(describeModel('openai.gpt-oss-20b', false).api, 'chat');
    assert.equal(describeModel('zai.glm-5', undefined).api, 'chat');
    assert.equal(describeModel('zai.glm-5', true).api, 'responses');
  });

  it('remembers answers per Region+endpoint, across store instances over the same storage', async () => {
    const storage = new MapStore();
    const first = new CapabilityStore(storage);
    assert.equal(await first.record(US, { model: 'openai.gpt-oss-120b', responses: false }), true);
    assert.equal(await first.record(US, { model: 'openai.gpt-oss-120b', responses: false }), false, 'a repeat changes nothing');

    // A new instance over the same storage is what a restart of the editor looks like.
    const afterRestart = new CapabilityStore(storage);
    assert.deepEqual(afterRestart.capability(US, 'openai.gpt-oss-120b'), { responses: false, source: 'learned' });
    assert.deepEqual(afterRestart.capability(EMU, 'openai.gpt-oss-120b'), { responses: true, source: 'catalog' }, 'other scope untouched');
  });

  it('ignores stored data of a shape it did not write', () => {
    const storage = new MapStore();
    storage.map.set(CapabilityStore.KEY, { [US]: { 'zai.glm-5': 'yes', 'qwen.qwen3-32b': true }, [EMU]: 7 });
    const store = new CapabilityStore(storage);
    assert.deepEqual(store.forScope(US), { 'qwen.qwen3-32b': true });
    assert.deepEqual(store.forScope(EMU), {});
    storage.map.set(CapabilityStore.KEY, ['not', 'an', 'object']);
    assert.deepEqual(store.forScope(US), {});
  });
});
