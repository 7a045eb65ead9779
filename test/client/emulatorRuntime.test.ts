// The emulator's runtime mode: bedrock-runtime's OpenAI-compatible endpoint as PROTOCOL-2026-12 §2 describes its
// differences from Mantle — /openai/v1 only, runtime model ids, SigV4 service `bedrock`, synchronous only, `model`
// always required, only the default project. Driven with the openai SDK's own Bedrock provider (endpoint 'runtime').
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { bedrock } from 'openai/providers/bedrock/aws';
import { MODEL_CATALOG } from '../../src/common/models/catalog';
import { runtimeModelId } from '../../src/common/models/runtimeIds';
import { DEFAULT_AWS_CREDENTIALS, startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorSdk, sdkError } from './clientHelpers';

const { accessKeyId, secretAccessKey } = DEFAULT_AWS_CREDENTIALS;

function providerClient(emu: RunningEmulator, endpoint: 'runtime' | 'mantle'): OpenAI {
  return new OpenAI({ provider: bedrock({ region: 'us-east-1', endpoint, baseURL: emu.url, accessKeyId, secretAccessKey }), organization: null, project: null, maxRetries: 0 });
}

describe('emulator: bedrock-runtime mode', () => {
  let emu: RunningEmulator;
  let client: OpenAI;
  before(async () => {
    emu = await startEmulator({ population: 'december-2026', endpoint: 'runtime' });
    client = emulatorSdk(emu.url);
  });
  after(() => emu.close());

  it('serves /openai/v1 and accepts a request the SDK\'s Bedrock provider signs for runtime (service bedrock)', async () => {
    assert.match(emu.url, /\/openai\/v1$/);
    const signed = providerClient(emu, 'runtime');
    const chat = await signed.chat.completions.create({ model: 'qwen.qwen3-32b', messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(chat.choices[0].message.content);
    const res = await signed.responses.create({ model: 'us.openai.gpt-5.6-sol', input: 'hello' });
    assert.equal(res.status, 'completed');
    assert.ok(emu.log.slice(-2).every((e) => e.auth === 'sigv4' && e.status === 200));
  });

  it('refuses a signature scoped to bedrock-mantle (403)', async () => {
    const e = await sdkError(providerClient(emu, 'mantle').chat.completions.create({ model: 'qwen.qwen3-32b', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(e.status, 403);
    assert.equal(e.code, 'invalid_signing_service');
  });

  it('knows GPT models only by their CRIS ids and gpt-oss by its versioned id, with the runtime 404 otherwise', async () => {
    for (const model of ['openai.gpt-5.5', 'openai.gpt-oss-120b', 'us.qwen.qwen3-32b']) {
      const e = await sdkError(client.chat.completions.create({ model, messages: [{ role: 'user', content: 'hi' }] }));
      assert.equal(e.status, 404, model);
      assert.deepEqual(e.error, { code: 'model_not_found', type: 'not_found_error', param: null, message: "The model doesn't exist or doesn't support this API. Retry your request with a different model ID." });
    }
    const oss = await client.chat.completions.create({ model: 'openai.gpt-oss-120b-1:0', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(oss.model, 'openai.gpt-oss-120b-1:0');
    const e = await sdkError(client.chat.completions.create({ model: 'global.openai.gpt-5.5', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(e.status, 404, 'GPT-5.x still answers Responses only');
  });

  it('accepts every id the product maps a catalogued OpenAI-shaped model to', async () => {
    for (const entry of MODEL_CATALOG.filter((e) => e.path !== '/anthropic/v1')) {
      const id = runtimeModelId(entry.id, 'us-east-1').id;
      const res = entry.apis.includes('chat')
        ? await client.chat.completions.create({ model: id, messages: [{ role: 'user', content: 'hi' }] })
        : await client.responses.create({ model: id, input: 'hi' });
      assert.ok(res.id, id);
    }
  });

  it('is synchronous only: background=true is a 400', async () => {
    const e = await sdkError(client.responses.create({ model: 'us.openai.gpt-5.5', input: 'hi', background: true }));
    assert.equal(e.status, 400);
    assert.equal(e.param, 'background');
  });

  it('requires model even with previous_response_id, and has no /v1 family', async () => {
    const first = await client.responses.create({ model: 'us.openai.gpt-5.5', input: 'My name is Alice and I like cats.' });
    const res = await fetch(`${emu.url}/responses`, {
      method: 'POST', headers: { authorization: 'Bearer mantle-emulator-key', 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'What is my name?', previous_response_id: first.id }),
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { error: { param: string } }).error.param, 'model');
    const v1 = await fetch(`${emu.origin}/v1/chat/completions`, {
      method: 'POST', headers: { authorization: 'Bearer mantle-emulator-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen.qwen3-32b', messages: [{ role: 'user', content: 'hi' }] }),
    });
    assert.equal(v1.status, 404);
    assert.equal(await v1.text(), '');
  });

  it('accepts only the default project', async () => {
    const ok = await client.chat.completions.create({ model: 'qwen.qwen3-32b', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'OpenAI-Project': 'default' } });
    assert.ok(ok.id);
    const e = await sdkError(client.chat.completions.create({ model: 'qwen.qwen3-32b', messages: [{ role: 'user', content: 'hi' }] }, { headers: { 'OpenAI-Project': 'proj_5d5ykleja6cwpirysbb7' } }));
    assert.equal(e.status, 400);
  });
});
