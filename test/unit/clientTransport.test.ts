import { strict as assert } from 'node:assert';
import { createSigV4Fetch, type FetchFn } from '../../src/node/sigv4Fetch';
import { allowOnlyKnownHeaders, logRequests } from '../../src/node/transportFetch';

/** A base fetch that records what would go on the wire and answers 200. */
function recorder() {
  const calls: { url: string; headers: Headers; init: RequestInit }[] = [];
  const fetch: FetchFn = async (input, init = {}) => {
    calls.push({ url: String(input), headers: new Headers(init.headers), init });
    return new Response('{}', { status: 200, headers: { 'x-request-id': 'req-42' } });
  };
  return { calls, fetch };
}

const creds = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token-value' });

describe('client transport: header allow-list', () => {
  it('drops headers that ambient OPENAI_* variables would add, keeps the SDK and auth headers', async () => {
    const r = recorder();
    await allowOnlyKnownHeaders(r.fetch)('https://h/v1/models', {
      headers: { authorization: 'Bearer k', accept: 'application/json', 'x-stainless-retry-count': '0', 'openai-organization': 'org', 'openai-project': 'p', 'x-evil': '1' },
    });
    const names = [...r.calls[0].headers.keys()].sort();
    assert.deepEqual(names, ['accept', 'authorization', 'x-stainless-retry-count']);
  });
});

describe('client transport: request log', () => {
  it('logs method, path, status, latency and request id, never headers', async () => {
    const r = recorder();
    const lines: string[] = [];
    const sink = (m: string) => lines.push(m);
    const logger = { trace: sink, debug: sink, info: sink, warn: sink, error: sink };
    await logRequests(r.fetch, logger, (s) => s)('https://h/v1/models?x=1', { method: 'get', headers: { authorization: 'Bearer bedrock-api-key-SECRETSECRET' } });
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^GET \/v1\/models → 200 in \d+ ms \(request id req-42\)$/);
    assert.doesNotMatch(lines.join('\n'), /SECRET/);
  });

  it('logs request bodies only at trace, and names the retry attempt', async () => {
    const r = recorder();
    const levels: string[] = [];
    const logger = { trace: (m: string) => levels.push(`trace ${m}`), debug: () => {}, info: (m: string) => levels.push(`info ${m}`), warn: () => {}, error: () => {} };
    await logRequests(r.fetch, logger, (s) => s)('https://h/v1/responses', { method: 'POST', body: '{"input":"hi"}', headers: { 'x-stainless-retry-count': '1' } });
    assert.match(levels[0], /^trace POST \/v1\/responses \(retry 1\) request body: \{"input":"hi"\}$/);
    assert.match(levels[1], /^info POST \/v1\/responses \(retry 1\) → 200/);
  });
});

describe('client transport: SigV4 fetch', () => {
  it('replaces the SDK bearer with a bedrock-mantle signature over host and every SDK header', async () => {
    const r = recorder();
    const f = createSigV4Fetch({ region: 'eu-west-1', credentials: creds, fetch: r.fetch });
    await f('http://127.0.0.1:4010/v1/responses?a=1&a=2', {
      method: 'POST',
      body: '{"model":"m"}',
      headers: { authorization: 'Bearer placeholder', 'content-type': 'application/json', 'x-stainless-retry-count': '1', 'x-amz-date': 'stale' },
    });
    const h = r.calls[0].headers;
    const auth = h.get('authorization') ?? '';
    assert.match(auth, /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/bedrock-mantle\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/);
    const signed = /SignedHeaders=([^,]+)/.exec(auth)![1].split(';');
    for (const name of ['content-type', 'host', 'x-amz-content-sha256', 'x-amz-date', 'x-amz-security-token', 'x-stainless-retry-count']) {
      assert.ok(signed.includes(name), `${name} signed`);
    }
    assert.equal(h.get('x-amz-security-token'), 'session-token-value');
    assert.notEqual(h.get('x-amz-date'), 'stale');
    assert.equal(h.has('host'), false, 'fetch sets Host from the URL');
    assert.equal(r.calls[0].url, 'http://127.0.0.1:4010/v1/responses?a=1&a=2');
  });

  it('signs each attempt afresh (the retry count header changes the signature)', async () => {
    const r = recorder();
    const f = createSigV4Fetch({ region: 'us-east-1', credentials: creds, fetch: r.fetch });
    await f('https://h/v1/models', { headers: { 'x-stainless-retry-count': '0' } });
    await f('https://h/v1/models', { headers: { 'x-stainless-retry-count': '1' } });
    const sig = (i: number) => /Signature=(\w+)/.exec(r.calls[i].headers.get('authorization') ?? '')?.[1];
    assert.notEqual(sig(0), sig(1));
  });

  it('asks the credentials provider on every attempt, so refreshed credentials are used', async () => {
    const r = recorder();
    let n = 0;
    const f = createSigV4Fetch({ region: 'us-east-1', credentials: async () => ({ accessKeyId: `AKID${++n}`, secretAccessKey: 's' }), fetch: r.fetch });
    await f('https://h/v1/models', {});
    await f('https://h/v1/models', {});
    assert.match(r.calls[1].headers.get('authorization') ?? '', /Credential=AKID2\//);
    assert.equal(r.calls[1].headers.has('x-amz-security-token'), false);
  });
});
