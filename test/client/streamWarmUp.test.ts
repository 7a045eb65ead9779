import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import type { ConnectionConfig } from '../../src/node/connection';
import { cannedFetch, openLoopbackStreams, warmStreamPath } from '../../src/node/streamWarmUp';
import { warmChatSendPath } from '../../src/common/chat/chatWarmUp';
import { fixedRoutes, routedEngine } from '../../src/common/mantle/turnEngine';
import { CHAT_TOOL_DEFINITIONS, type ChatToolset } from '../../src/common/tools/chatTools';

const PERSON_KEY = 'person-secret-key-123';
// A base URL nothing listens on: a request sent to the person's endpoint would fail the warm-up.
const config: ConnectionConfig = {
  baseURL: 'http://127.0.0.1:9/v1', region: 'us-east-1', customEndpoint: true, project: 'proj_person',
  auth: { mode: 'apiKey', apiKey: PERSON_KEY, source: 'environment' }, maxRetries: 0, stallTimeoutMs: 5_000,
};

interface Sent { url: string; headers: Headers; body: string }

describe('stream warm-up (the first request\'s code, run on canned answers from a loopback server)', () => {
  const realFetch = globalThis.fetch;
  const saved = { NODE_USE_ENV_PROXY: process.env.NODE_USE_ENV_PROXY, HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
  let sent: Sent[] = [];
  beforeEach(() => {
    sent = [];
    // The global fetch (the editor patches it for its proxy settings) is the one the warm-up must go through.
    globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(input instanceof Request ? input.url : input), headers: new Headers(init?.headers), body: String(init?.body ?? '') });
      return realFetch(input, init);
    }) as typeof fetch;
  });
  afterEach(() => {
    globalThis.fetch = realFetch;
    for (const [k, v] of Object.entries(saved)) { if (v === undefined) delete process.env[k]; else process.env[k] = v; }
  });

  it('streams a whole Responses turn and a whole Chat Completions turn over the global fetch to 127.0.0.1, then closes the server', async () => {
    const results = await warmStreamPath(() => Promise.resolve(config), 'openai.gpt-oss-120b');
    assert.deepEqual(results.map((r) => [r.api, r.text, r.finishReason]), [['responses', 'ok', 'completed'], ['chat', 'ok', 'stop']]);
    assert.deepEqual(results.map((r) => r.usage?.outputTokens), [1, 1], 'each stream ran to its usage, so every step of the reader and the fold ran');
    assert.equal(sent.length, 2, 'one POST per API went through the global fetch');
    const origin = new URL(sent[0].url).origin;
    assert.match(origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(origin, new URL(config.baseURL).origin, 'nothing went to the person\'s endpoint');
    assert.deepEqual(sent.map((s) => new URL(s.url).pathname), ['/v1/responses', '/v1/chat/completions']);
    // The server is gone once the warm-up resolves: a new connection to its port is refused.
    await assert.rejects(realFetch(`${origin}/v1/responses`, { method: 'POST', body: '{}' }));
  });

  it('then runs the chat\'s send path over the same clients: a whole chat turn with the tools, to 127.0.0.1 only', async () => {
    const tools: ChatToolset = { definitions: CHAT_TOOL_DEFINITIONS, maxSteps: () => 8, execute: () => Promise.reject(new Error('no tool runs')) };
    let status: string | undefined;
    let open = false;
    await warmStreamPath(() => Promise.resolve(config), 'openai.gpt-oss-120b', ['responses', 'chat'], async ({ mantle }) => {
      status = await warmChatSendPath({
        prefs: { store: true, showReasoning: true, defaultModel: 'openai.gpt-oss-120b', effort: 'low', setShowReasoning: () => Promise.resolve(), setEffort: () => Promise.resolve() },
        models: { list: () => Promise.resolve([]), apiFor: () => 'responses' },
        tools: () => tools, turns: routedEngine(fixedRoutes(() => 'responses'), { responses: mantle, chat: mantle }), mantle,
      });
      open = sent.length === 3;
    });
    assert.equal(status, 'done', 'the chat turn streamed to its end');
    assert.ok(open, 'the chat turn went out while the loopback server was still open');
    const chatTurn = sent[2];
    assert.match(chatTurn.url, /^http:\/\/127\.0\.0\.1:\d+\/v1\/responses$/);
    assert.equal(chatTurn.headers.get('authorization'), 'Bearer warm-up');
    const body = JSON.parse(chatTurn.body) as { tools?: { name: string }[]; input: unknown };
    assert.deepEqual(body.tools?.map((t) => t.name), CHAT_TOOL_DEFINITIONS.map((t) => t.name), 'the request carries the chat\'s tools, as a first message does');
    assert.match(JSON.stringify(body.input), /"warm-up"/);
    assert.ok(!chatTurn.body.includes(PERSON_KEY) && !chatTurn.body.includes('proj_person'));
  });

  it('sends none of the person\'s secrets or settings: a placeholder key, no Project, a fixed prompt', async () => {
    await warmStreamPath(() => Promise.resolve(config), 'openai.gpt-oss-120b');
    for (const s of sent) {
      assert.equal(s.headers.get('authorization'), 'Bearer warm-up');
      assert.equal(s.headers.get('openai-project'), null);
      assert.ok(!s.body.includes(PERSON_KEY) && !s.body.includes('proj_person'));
      assert.match(s.body, /"warm-up"/);
    }
  });

  it('for a Claude chat, also streams a whole Anthropic Messages turn through the Anthropic client to 127.0.0.1', async () => {
    const results = await warmStreamPath(() => Promise.resolve(config), 'anthropic.claude-sonnet-4-6', ['responses', 'chat', 'messages']);
    assert.deepEqual(results.map((r) => [r.api, r.text]), [['responses', 'ok'], ['chat', 'ok'], ['messages', 'ok']]);
    assert.equal(results[2].usage?.outputTokens, 1, 'the Messages stream ran to its usage');
    const messages = sent[2];
    assert.match(messages.url, /^http:\/\/127\.0\.0\.1:\d+\/anthropic\/v1\/messages$/);
    for (const [name, value] of messages.headers) assert.ok(!value.includes(PERSON_KEY) && !value.includes('proj_person'), name);
  });

  it('signs with placeholder credentials in SigV4 mode and never asks the person\'s credential chain', async () => {
    let asked = 0;
    const sigv4: ConnectionConfig = {
      ...config, project: undefined,
      auth: { mode: 'awsProfile', profile: 'work', credentials: () => { asked++; return Promise.resolve({ accessKeyId: 'AKIDPERSON', secretAccessKey: 'person-secret' }); } },
    };
    const results = await warmStreamPath(() => Promise.resolve(sigv4), 'openai.gpt-oss-120b');
    assert.deepEqual(results.map((r) => r.text), ['ok', 'ok']);
    assert.equal(asked, 0);
    for (const s of sent) assert.match(s.headers.get('authorization') ?? '', /^AWS4-HMAC-SHA256 Credential=AKIDWARMUP\//);
  });

  it('answers in this process instead when Node itself would send loopback through a proxy', async () => {
    Object.assign(process.env, { NODE_USE_ENV_PROXY: '1', HTTP_PROXY: 'http://127.0.0.1:9' });
    delete process.env.NO_PROXY;
    const results = await warmStreamPath(() => Promise.resolve(config), 'openai.gpt-oss-120b');
    assert.deepEqual(results.map((r) => r.text), ['ok', 'ok']);
    assert.equal(sent.length, 0, 'the global fetch was not used');
  });

  it('rejects as the real client does when there is no connection to get ready for, and opens no server', async () => {
    const none = new MantleError({ kind: 'noCredentials', message: 'No API key.', actions: ['setApiKey'] });
    await assert.rejects(warmStreamPath(() => Promise.reject(none), 'openai.gpt-oss-120b'), (e: unknown) => e === none);
    assert.equal(sent.length, 0);
  });

  it('the loopback server listens on 127.0.0.1 only and answers nothing but POSTs to the stream paths', async () => {
    const server = await openLoopbackStreams();
    try {
      assert.match(server.baseURL, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      assert.equal((await realFetch(`${server.baseURL}/models`)).status, 404);
      assert.equal((await realFetch(`${server.baseURL}/responses`)).status, 404, 'GET');
      const chat = await (await realFetch(`${server.baseURL}/chat/completions`, { method: 'POST', body: '{}' })).text();
      assert.match(chat, /"object":"chat\.completion\.chunk"[\s\S]*data: \[DONE\]\n\n$/);
    } finally { await server.close(); }
  });

  it('the in-process answers use each API\'s own stream format', async () => {
    const chat = await (await cannedFetch('http://127.0.0.1:9/v1/chat/completions', {})).text();
    const responses = await (await cannedFetch('http://127.0.0.1:9/openai/v1/responses', {})).text();
    assert.match(chat, /"object":"chat\.completion\.chunk"[\s\S]*data: \[DONE\]\n\n$/);
    assert.match(responses, /^event: response\.created\ndata: /);
  });
});
