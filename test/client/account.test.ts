// Account facts against the emulator with the real Mantle client: the chosen Project on every request (and nothing
// from the environment), the Project list, an unknown Project refused, a retention mode that refuses stored
// responses turning a stateful thread into a client-history thread without a failed turn, and an expired short-term
// key stopped before anything is sent.
import { strict as assert } from 'node:assert';
import { NOTICE_RETENTION, retentionMemory } from '../../src/common/account/retention';
import { runTurn, type RunHooks, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { catalogApiFor } from '../../src/common/chat/modelOptions';
import { isMantleError, type MantleError } from '../../src/common/mantle/errors';
import { createThread } from '../../src/common/threads/model';
import type { MantleClient } from '../../src/node/mantleClient';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, captureLog, testClient } from './clientHelpers';
import { AnthropicMessagesClient } from '../../src/node/anthropicMessagesClient';
import type { ConnectionConfig } from '../../src/node/connection';

const GPT = 'openai.gpt-oss-120b';
const KEY = 'mantle-emulator-key';
const hooks: RunHooks = { onThread: () => undefined, onDelta: () => undefined };

async function rejection(p: Promise<unknown>): Promise<MantleError> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!isMantleError(e)) throw new Error(`expected a MantleError, got ${String(e)}`);
  return e;
}

function shortTermKey(region: string, issued: Date, ttlSeconds: number): string {
  const amzDate = issued.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const url = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F${amzDate.slice(0, 8)}%2F${region}%2Fbedrock%2Faws4_request&X-Amz-Date=${amzDate}&X-Amz-Expires=${ttlSeconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&Version=1`;
  return `bedrock-api-key-${Buffer.from(url).toString('base64')}`;
}

describe('client: account (Projects, retention, key expiry)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator | undefined;
  afterEach(async () => { await emu?.close(); emu = undefined; });

  describe('Projects', () => {
    it('sends the chosen Project as OpenAI-Project on every request, and lists the account\'s Projects', async () => {
      emu = await startEmulator({ port: 0, projects: [{ id: 'proj_team1', name: 'Team One', status: 'active' }] });
      const { client, config } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
      config.project = 'proj_team1';
      await client.listModels();
      await client.streamTurn({ model: GPT, api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => undefined);
      await client.streamTurn({ model: GPT, api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => undefined);
      const projects = await client.listProjects();
      assert.deepEqual(projects.map((p) => [p.id, p.name]), [['default', 'default'], ['proj_team1', 'Team One']]);
      assert.equal(emu.log.length, 4);
      assert.deepEqual(emu.log.map((e) => e.project), ['proj_team1', 'proj_team1', 'proj_team1', 'proj_team1']);
    });

    it('names the Project to Claude as anthropic-workspace on the Messages route', async () => {
      emu = await startEmulator({ port: 0, population: 'december-2026', projects: [{ id: 'proj_team1', name: 'Team One', status: 'active' }] });
      const config: ConnectionConfig = { baseURL: emu.url, region: 'us-east-1', customEndpoint: true, auth: bearer(KEY), maxRetries: 0, stallTimeoutMs: 10_000, project: 'proj_team1' };
      const client = new AnthropicMessagesClient({ connection: async () => config, logger: captureLog().logger, redact: (s) => s });
      const result = await client.streamTurn({ model: 'anthropic.claude-haiku-4-5', api: 'messages', messages: [{ role: 'user', content: 'hi' }] }, () => undefined);
      assert.ok(result.text);
      const posts = emu.log.filter((e) => e.path.startsWith('/anthropic/'));
      assert.equal(posts.length, 1);
      assert.equal(posts[0]?.project, 'proj_team1');
    });

    it('sends no Project when none is chosen, even with OPENAI_PROJECT_ID in the environment', async () => {
      emu = await startEmulator({ port: 0 });
      const saved = process.env.OPENAI_PROJECT_ID;
      process.env.OPENAI_PROJECT_ID = 'proj_fromenv';
      try {
        const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
        await client.listModels();
        assert.equal(emu.log[0]?.project, undefined);
      } finally {
        if (saved === undefined) delete process.env.OPENAI_PROJECT_ID;
        else process.env.OPENAI_PROJECT_ID = saved;
      }
    });

    it('an unknown Project gets Mantle\'s error, shown as a request refusal', async () => {
      emu = await startEmulator({ port: 0 });
      const { client, config } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
      config.project = 'proj_nosuch';
      const e = await rejection(client.streamTurn({ model: GPT, api: 'chat', messages: [{ role: 'user', content: 'hi' }] }, () => undefined));
      assert.equal(e.kind, 'badRequest');
      assert.equal(e.status, 400);
      assert.match(e.message, /Project 'proj_nosuch' does not exist/);
      assert.equal(emu.log[0]?.project, 'proj_nosuch');
    });
  });

  describe('retention mode none', () => {
    const stored = new Map<string, unknown>();
    const storage = { get: <T>(k: string) => stored.get(k) as T | undefined, update: async (k: string, v: unknown) => { stored.set(k, v); } };
    let client: MantleClient;
    let seq = 0;
    const env = (scope: string): TurnRunnerEnv => ({
      mantle: client, apiFor: catalogApiFor, now: () => Date.now(), newId: () => `id${++seq}`, log: () => undefined,
      retention: retentionMemory(storage, () => scope),
    });
    const responsePosts = () => (emu?.log ?? []).filter((e) => e.method === 'POST' && e.path === '/v1/responses');
    beforeEach(() => stored.clear());

    it('turns a stateful thread into a client-history thread without a failed turn, says so once, remembers it', async () => {
      emu = await startEmulator({ port: 0, retentionMode: 'none' });
      client = testClient({ baseURL: emu.url, auth: bearer(KEY) }).client;
      let t = createThread('t', GPT, 0);
      t = await runTurn(env('us-east-1||default'), t, { prompt: 'My name is Alice.', store: true }, hooks);
      const first = t.turns[0];
      assert.equal(first?.status, 'done');
      assert.equal(first?.error, undefined);
      assert.equal(first?.notice, NOTICE_RETENTION);
      assert.equal(first?.stored, false);
      const [refused, resent] = responsePosts();
      assert.equal(refused?.status, 400);
      assert.equal((refused?.body as { store?: boolean }).store, true);
      assert.equal(resent?.status, 200);
      assert.equal((resent?.body as { store?: boolean }).store, false);
      // The next turn asks nothing of the server's storage: one request, the history resent, no notice.
      t = await runTurn(env('us-east-1||default'), t, { prompt: 'What is my name?', store: true }, hooks);
      const posts = responsePosts();
      assert.equal(posts.length, 3);
      const body = posts[2]?.body as { store?: boolean; previous_response_id?: string };
      assert.equal(body.store, false);
      assert.equal(body.previous_response_id, undefined);
      assert.match(JSON.stringify(body), /My name is Alice/);
      assert.equal(t.turns[1]?.notice, undefined);
      assert.match(t.turns[1]?.answer ?? '', /Alice/);
    });

    it('is per Project: a Project with mode none refuses storage while the account default keeps it', async () => {
      emu = await startEmulator({ port: 0, projects: [{ id: 'proj_private', name: 'Private', status: 'active', dataRetention: 'none' }] });
      const made = testClient({ baseURL: emu.url, auth: bearer(KEY) });
      client = made.client;
      let t = await runTurn(env('us-east-1||default'), createThread('a', GPT, 0), { prompt: 'hello', store: true }, hooks);
      assert.equal(t.turns[0]?.stored, true);
      made.config.project = 'proj_private';
      client.invalidate();
      t = await runTurn(env('us-east-1||proj_private'), createThread('b', GPT, 0), { prompt: 'hello', store: true }, hooks);
      assert.equal(t.turns[0]?.status, 'done');
      assert.equal(t.turns[0]?.stored, false);
      assert.deepEqual(stored.get('bedrockMantle.retention.noStore'), ['us-east-1||proj_private']);
    });
  });

  describe('short-term key expiry', () => {
    it('stops an expired key before sending, with "expired at" and Set API Key', async () => {
      const expired = shortTermKey('us-east-1', new Date(Date.now() - 2 * 3600_000), 3600);
      emu = await startEmulator({ port: 0, apiKeys: [expired] });
      const { client } = testClient({ baseURL: emu.url, auth: bearer(expired) });
      const e = await rejection(client.listModels());
      assert.equal(e.kind, 'auth');
      assert.match(e.message, /Your Bedrock API key expired at \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
      assert.ok(e.actions.includes('setApiKey'));
      assert.equal(emu.log.length, 0, 'nothing was sent');
    });

    it('the emulator answers an expired short-term key with 401, and accepts it while valid', async () => {
      const expired = shortTermKey('us-east-1', new Date(Date.now() - 2 * 3600_000), 3600);
      const valid = shortTermKey('us-east-1', new Date(), 3600);
      emu = await startEmulator({ port: 0, apiKeys: [expired, valid] });
      const res = await fetch(`${emu.url}/models`, { headers: { authorization: `Bearer ${expired}` } });
      assert.equal(res.status, 401);
      const body = await res.json() as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'expired_api_key');
      assert.ok(!JSON.stringify(body).includes(expired.slice(20, 60)), 'the key is not echoed');
      assert.equal((await fetch(`${emu.url}/models`, { headers: { authorization: `Bearer ${valid}` } })).status, 200);
    });
  });
});
