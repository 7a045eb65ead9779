// The bedrock-runtime endpoint through the real client (PROTOCOL-2026-12 §2): requests signed with the SigV4 service
// `bedrock`, GPT-5.x sent by its cross-Region profile id on /openai/v1, background refused with a clear message
// before anything is sent.
import { strict as assert } from 'node:assert';
import { executeTurn, routedEngine } from '../../src/common/mantle/turnEngine';
import type { ApiKind, TurnRequest } from '../../src/common/mantle/types';
import { ModelRouter } from '../../src/common/models/router';
import { RUNTIME_NO_BACKGROUND } from '../../src/node/mantleClient';
import { DEFAULT_AWS_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { testClient } from './clientHelpers';

describe('routes: the bedrock-runtime endpoint', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ port: 0, population: 'december-2026', endpoint: 'runtime' }); });
  after(() => emu.close());

  function runtimeClient() {
    const made = testClient({ baseURL: emu.url, auth: { mode: 'awsProfile', profile: 'test', credentials: async () => ({ ...DEFAULT_AWS_CREDENTIALS }) }, maxRetries: 0 });
    made.config.endpoint = 'runtime';
    return made;
  }
  const hi = (model: string, extra: Partial<TurnRequest> = {}) => (api: ApiKind): TurnRequest => ({ model, api, messages: [{ role: 'user', content: 'hi' }], ...extra });
  const turnsOn = (client: ReturnType<typeof runtimeClient>['client']) => {
    const router = new ModelRouter();
    return routedEngine({ plan: (m, accept) => router.plan('us-east-1||runtime', m, accept, 'runtime') }, { chat: client, responses: client });
  };

  it('signs with the service bedrock and sends GPT-5.5 by its profile id on /openai/v1/responses', async () => {
    const { client } = runtimeClient();
    const before = emu.log.length;
    const outcome = await executeTurn(turnsOn(client), { model: 'openai.gpt-5.5', build: hi('openai.gpt-5.5') });
    assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.error));
    const entry = emu.log[before];
    assert.equal(entry?.path, '/openai/v1/responses');
    assert.equal((entry?.body as { model?: string }).model, 'us.openai.gpt-5.5');
    assert.equal(entry?.status, 200);
  });

  it('is refused there when signed for Mantle, which is what the endpoint setting changes', async () => {
    const { client, config } = runtimeClient();
    config.endpoint = 'mantle';
    const before = emu.log.length;
    const outcome = await executeTurn(turnsOn(client), { model: 'openai.gpt-5.5', build: hi('openai.gpt-5.5') });
    assert.ok(!outcome.ok);
    assert.equal(emu.log[before]?.status, 403, 'a bedrock-mantle signature scope');
  });

  it('refuses a background turn with a clear message and sends nothing', async () => {
    const { client } = runtimeClient();
    const before = emu.log.length;
    const outcome = await executeTurn(turnsOn(client), { model: 'openai.gpt-5.5', build: hi('openai.gpt-5.5', { background: true, store: true }) });
    assert.ok(!outcome.ok);
    assert.equal(outcome.error.message, RUNTIME_NO_BACKGROUND);
    assert.ok(outcome.error.actions.includes('openSettings'));
    assert.equal(emu.log.length, before);
  });

  it('lists the catalogued models documented on runtime when /openai/v1/models answers 404, and one of them answers', async () => {
    const { client, log } = runtimeClient();
    const before = emu.log.length;
    const models = (await client.listModels()).map((m) => m.id);
    assert.equal(emu.log[before]?.path, '/openai/v1/models');
    assert.equal(emu.log[before]?.status, 404);
    for (const id of ['openai.gpt-5.5', 'openai.gpt-oss-120b', 'anthropic.claude-opus-4-8']) assert.ok(models.includes(id), id);
    assert.ok(!models.includes('qwen.qwen3-32b'), 'the /v1 open-weight models are not documented on runtime');
    assert.ok(log.lines.some((l) => /bedrock-runtime has no model list/.test(l)));
    const outcome = await executeTurn(turnsOn(client), { model: 'openai.gpt-oss-120b', build: hi('openai.gpt-oss-120b') });
    assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.error));
  });

  it('still reports a failed listing on runtime that is not a 404', async () => {
    const made = testClient({ baseURL: emu.url, auth: { mode: 'apiKey', apiKey: 'not-the-key', source: 'secretStorage' }, maxRetries: 0 });
    made.config.endpoint = 'runtime';
    await assert.rejects(made.client.listModels(), (e: { kind?: string }) => e.kind === 'auth');
  });
});
