import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import type { ConnectionConfig } from '../../src/node/connection';
import { cannedFetch, warmStreamPath } from '../../src/node/streamWarmUp';

// A base URL nothing listens on: any request that left the process would fail the warm-up.
const config: ConnectionConfig = {
  baseURL: 'http://127.0.0.1:9/v1', region: 'us-east-1', customEndpoint: true,
  auth: { mode: 'apiKey', apiKey: 'warm-up-test-key', source: 'environment' }, maxRetries: 0, stallTimeoutMs: 5_000,
};

describe('stream warm-up (the first request\'s code, run on canned answers)', () => {
  const realFetch = globalThis.fetch;
  let calls = 0;
  beforeEach(() => { calls = 0; globalThis.fetch = (() => { calls++; return Promise.reject(new Error('the network was used')); }) as typeof fetch; });
  afterEach(() => { globalThis.fetch = realFetch; });

  it('streams a whole Responses turn and a whole Chat Completions turn through the real client without sending anything', async () => {
    const results = await warmStreamPath(() => Promise.resolve(config), 'openai.gpt-oss-120b');
    assert.equal(calls, 0, 'the global fetch (the network) was never called');
    assert.deepEqual(results.map((r) => [r.api, r.text, r.finishReason]), [['responses', 'ok', 'completed'], ['chat', 'ok', 'stop']]);
    assert.deepEqual(results.map((r) => r.usage?.outputTokens), [1, 1], 'each stream ran to its usage, so every step of the reader and the fold ran');
  });

  it('answers each API with its own stream format', async () => {
    const chat = await (await cannedFetch('http://127.0.0.1:9/v1/chat/completions', {})).text();
    const responses = await (await cannedFetch('http://127.0.0.1:9/openai/v1/responses', {})).text();
    assert.match(chat, /"object":"chat\.completion\.chunk"[\s\S]*data: \[DONE\]\n\n$/);
    assert.match(responses, /^event: response\.created\ndata: /);
    assert.equal(calls, 0);
  });

  it('rejects as the real client does when there is no connection to get ready for', async () => {
    const none = new MantleError({ kind: 'noCredentials', message: 'No API key.', actions: ['setApiKey'] });
    await assert.rejects(warmStreamPath(() => Promise.reject(none), 'openai.gpt-oss-120b'), (e: unknown) => e === none);
    assert.equal(calls, 0);
  });
});
