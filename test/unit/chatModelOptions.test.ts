import { strict as assert } from 'node:assert';
import { catalogApiFor, catalogReasoning, sortModelOptions } from '../../src/common/chat/modelOptions';

describe('chat: model options from the catalogue', () => {
  it('takes the Responses hint from the catalogue, Chat for unknown ids', () => {
    assert.equal(catalogApiFor('openai.gpt-oss-120b'), 'responses');
    assert.equal(catalogApiFor('openai.gpt-oss-safeguard-20b'), 'chat');
    assert.equal(catalogApiFor('acme.new-model'), 'chat');
  });

  it('knows Claude and GPT-5.x from the whole catalogue, and lists Responses, then Chat, then Messages models', () => {
    assert.equal(catalogApiFor('anthropic.claude-opus-4-8'), 'messages');
    assert.equal(catalogApiFor('openai.gpt-5.5'), 'responses');
    assert.ok(catalogReasoning('anthropic.claude-opus-4-8'));
    assert.ok(!catalogReasoning('qwen.qwen3-32b'));
    const sorted = sortModelOptions([
      { id: 'b.claude', api: 'messages' }, { id: 'z.chat', api: 'chat' }, { id: 'a.claude', api: 'messages' }, { id: 'y.resp', api: 'responses' }, { id: 'a.chat', api: 'chat' },
    ]);
    assert.deepEqual(sorted.map((m) => m.id), ['y.resp', 'a.chat', 'z.chat', 'a.claude', 'b.claude']);
  });
});
