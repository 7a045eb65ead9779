import { strict as assert } from 'node:assert';
import { routeBaseUrl, runtimeBaseUrl, signingServiceOf } from '../../src/common/mantle/regions';

describe('route family URLs and endpoints', () => {
  it('puts each route family on the configured root', () => {
    assert.equal(routeBaseUrl('https://bedrock-mantle.us-east-1.api.aws/v1', '/openai/v1'), 'https://bedrock-mantle.us-east-1.api.aws/openai/v1');
    assert.equal(routeBaseUrl('https://bedrock-mantle.us-east-1.api.aws/v1', '/v1'), 'https://bedrock-mantle.us-east-1.api.aws/v1');
    assert.equal(routeBaseUrl('http://127.0.0.1:4010/v1/', '/anthropic/v1'), 'http://127.0.0.1:4010/anthropic/v1');
    assert.equal(routeBaseUrl('https://proxy.example.com/mantle/openai/v1', '/v1'), 'https://proxy.example.com/mantle/v1');
  });

  it('names bedrock-runtime\'s OpenAI endpoint and signs each endpoint for its own service', () => {
    assert.equal(runtimeBaseUrl('us-east-2'), 'https://bedrock-runtime.us-east-2.amazonaws.com/openai/v1');
    assert.equal(signingServiceOf('runtime'), 'bedrock');
    assert.equal(signingServiceOf('mantle'), 'bedrock-mantle');
  });
});
