import { strict as assert } from 'node:assert';
import { credentialsIdentity } from '../../src/vscode/models/credentialsSource';

describe('models: credentials identity', () => {
  const key = (apiKey: string) => credentialsIdentity({ mode: 'apiKey', apiKey, source: 'secretStorage' });

  it('changes with the API key and stays the same for the same key from either source', () => {
    assert.notEqual(key('bedrock-api-key-one'), key('bedrock-api-key-two'));
    assert.equal(key('bedrock-api-key-one'), credentialsIdentity({ mode: 'apiKey', apiKey: 'bedrock-api-key-one', source: 'environment' }));
  });

  it('never contains the key itself', () => {
    const id = key('ABSKQmVkcm9ja0FQSUtleS1zZWNyZXQ=');
    assert.doesNotMatch(id, /ABSK|secret/);
    assert.match(id, /^key:[0-9a-f]{64}$/);
  });

  it('names the AWS profile, so switching profiles counts as other credentials', () => {
    const credentials = () => Promise.reject(new Error('not resolved here'));
    assert.equal(credentialsIdentity({ mode: 'awsProfile', profile: 'dev', credentials }), 'profile:dev');
    assert.notEqual(credentialsIdentity({ mode: 'awsProfile', profile: 'prod', credentials }), 'profile:dev');
  });
});
