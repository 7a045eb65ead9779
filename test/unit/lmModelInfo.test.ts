import { strict as assert } from 'node:assert';
import { DEFAULT_LIMITS, limitsFor, modelInfo, modelInfos } from '../../src/common/lm/modelInfo';
import { lmErrorCodeFor } from '../../src/common/lm/errorCodes';

describe('lm: model information for the picker', () => {
  it('describes a Responses model with its name, family and the known gpt-oss window', () => {
    const info = modelInfo('openai.gpt-oss-120b', 'responses');
    assert.equal(info.id, 'openai.gpt-oss-120b');
    assert.equal(info.name, 'GPT-OSS 120B');
    assert.equal(info.family, 'gpt-oss');
    assert.equal(info.maxInputTokens + info.maxOutputTokens, 131_072);
    assert.equal(info.maxOutputTokens, 32_768);
    assert.match(info.tooltip, /Responses API/);
  });

  it('gives models without a known window the conservative default', () => {
    const info = modelInfo('qwen.qwen3-coder-480b-a35b-instruct', 'chat');
    assert.deepEqual(limitsFor(info.id), DEFAULT_LIMITS);
    assert.equal(info.maxInputTokens, DEFAULT_LIMITS.context - DEFAULT_LIMITS.output);
    assert.equal(info.family, 'qwen3-coder');
    assert.match(info.tooltip, /Chat Completions/);
  });

  it('claims tool calling unless the model was learned tool-less, and never image input (the client sends text only)', () => {
    for (const id of ['openai.gpt-oss-20b', 'qwen.qwen3-vl-235b-a22b-instruct', 'some.unknown-model']) {
      assert.deepEqual(modelInfo(id, 'chat').capabilities, { imageInput: false, toolCalling: true });
    }
    const infos = modelInfos(['openai.gpt-oss-20b', 'openai.gpt-oss-safeguard-20b'], () => 'chat', (id) => id.includes('safeguard'));
    assert.deepEqual(infos.map((i) => [i.id, i.capabilities.toolCalling]), [['openai.gpt-oss-20b', true], ['openai.gpt-oss-safeguard-20b', false]]);
  });

  it('uses the id as family when the id starts with a version', () => {
    assert.equal(modelInfo('deepseek.v3.1', 'chat').family, 'deepseek.v3.1');
  });

  it('lists each live model once, OpenAI first, using the api answer for each', () => {
    const infos = modelInfos(['qwen.qwen3-32b', 'openai.gpt-oss-20b', 'qwen.qwen3-32b', 'mistral.devstral-2-123b'], (id) => (id.startsWith('openai.') ? 'responses' : 'chat'));
    assert.deepEqual(infos.map((i) => i.id), ['openai.gpt-oss-20b', 'mistral.devstral-2-123b', 'qwen.qwen3-32b']);
    assert.match(infos[0].tooltip, /Responses API/);
    assert.match(infos[2].tooltip, /Chat Completions/);
  });
});

describe('lm: MantleError kinds to LanguageModelError codes', () => {
  it('maps credential problems to NoPermissions, a missing model to NotFound, throttling to Blocked', () => {
    assert.equal(lmErrorCodeFor('noCredentials'), 'NoPermissions');
    assert.equal(lmErrorCodeFor('auth'), 'NoPermissions');
    assert.equal(lmErrorCodeFor('forbidden'), 'NoPermissions');
    assert.equal(lmErrorCodeFor('ssoExpired'), 'NoPermissions');
    assert.equal(lmErrorCodeFor('modelNotFound'), 'NotFound');
    assert.equal(lmErrorCodeFor('rateLimited'), 'Blocked');
  });

  it('leaves other failures unmapped (they surface as Unknown with the message)', () => {
    for (const k of ['server', 'network', 'timeout', 'badRequest', 'streamCut'] as const) assert.equal(lmErrorCodeFor(k), undefined);
  });
});
