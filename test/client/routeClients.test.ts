// The Mantle client keeps one SDK client per route family, and the family its configured base URL already names is
// that client itself (src/node/mantleClient.ts clientAt): building a copy cost the window's first request its
// construction. Against the emulator: the requests still go to each family's path.
import { strict as assert } from 'node:assert';
import { OpenAI } from 'openai';
import type { RoutePrefix, TurnRequest } from '../../src/common/mantle/types';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

describe('client: one SDK client per route family, the configured one for its own family', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let copies = 0;
  const withOptions = OpenAI.prototype.withOptions;
  before(async () => {
    emu = await startEmulator({ port: 0, population: 'december-2026' });
    OpenAI.prototype.withOptions = function (this: OpenAI, ...args: Parameters<OpenAI['withOptions']>) { copies++; return withOptions.apply(this, args); };
  });
  after(async () => { OpenAI.prototype.withOptions = withOptions; await emu?.close(); });
  beforeEach(() => { copies = 0; emu.log.length = 0; });

  const turn = (model: string, prefix: RoutePrefix): TurnRequest => ({
    api: 'chat', model, messages: [{ role: 'user', content: 'hi' }], route: { prefix, api: 'chat' },
  });
  const paths = () => emu.log.filter((e) => e.method === 'POST').map((e) => `${e.path} ${e.status}`);

  it('sends /v1 turns through the configured client (…/v1): no copy is built', async () => {
    const { client } = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') });
    for (let i = 0; i < 2; i++) assert.equal((await client.streamTurn(turn('openai.gpt-oss-120b', '/v1'), () => undefined)).finishReason, 'stop');
    assert.equal(copies, 0);
    assert.deepEqual(paths(), ['/v1/chat/completions 200', '/v1/chat/completions 200']);
  });

  it('builds the client of another family once and keeps it', async () => {
    const { client } = testClient({ baseURL: `${emu.url}/`, auth: bearer('mantle-emulator-key') });
    for (let i = 0; i < 2; i++) assert.equal((await client.streamTurn(turn('xai.grok-4.3', '/openai/v1'), () => undefined)).finishReason, 'stop');
    assert.equal((await client.streamTurn(turn('openai.gpt-oss-120b', '/v1'), () => undefined)).finishReason, 'stop');
    assert.equal(copies, 1);
    assert.deepEqual(paths(), ['/openai/v1/chat/completions 200', '/openai/v1/chat/completions 200', '/v1/chat/completions 200']);
  });
});
