import { strict as assert } from 'node:assert';
import { catalogApiFor } from '../../src/common/chat/modelOptions';

describe('chat: model options from the catalogue', () => {
  it('takes the Responses hint from the catalogue, Chat for unknown ids', () => {
    assert.equal(catalogApiFor('openai.gpt-oss-120b'), 'responses');
    assert.equal(catalogApiFor('openai.gpt-oss-safeguard-20b'), 'chat');
    assert.equal(catalogApiFor('acme.new-model'), 'chat');
  });
});
