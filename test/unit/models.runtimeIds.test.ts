import { strict as assert } from 'node:assert';
import { MODEL_CATALOG } from '../../src/common/models/catalog';
import { crisGeography, mantleModelId, needsCrisProfile, runtimeModelId } from '../../src/common/models/runtimeIds';

describe('models: bedrock-runtime model ids', () => {
  it('puts GPT-5.x and GPT-6.x behind the CRIS profile of the Region', () => {
    assert.deepEqual(runtimeModelId('openai.gpt-5.6-sol', 'us-east-1'), { id: 'us.openai.gpt-5.6-sol', basis: 'cris' });
    assert.deepEqual(runtimeModelId('openai.gpt-6-luna', 'us-west-2'), { id: 'us.openai.gpt-6-luna', basis: 'cris' });
    assert.deepEqual(runtimeModelId('openai.gpt-5.5', 'us-gov-west-1'), { id: 'us-gov.openai.gpt-5.5', basis: 'cris' });
    assert.deepEqual(runtimeModelId('openai.gpt-5.4', 'eu-central-1'), { id: 'global.openai.gpt-5.4', basis: 'cris' });
    assert.deepEqual(runtimeModelId('openai.gpt-6-luna', 'us-east-1', { preferGlobal: true }), { id: 'global.openai.gpt-6-luna', basis: 'cris' });
  });

  it('adds the version suffix to gpt-oss and leaves other ids alone', () => {
    assert.deepEqual(runtimeModelId('openai.gpt-oss-120b', 'us-east-1'), { id: 'openai.gpt-oss-120b-1:0', basis: 'versioned' });
    assert.deepEqual(runtimeModelId('openai.gpt-oss-20b', 'eu-west-1'), { id: 'openai.gpt-oss-20b-1:0', basis: 'versioned' });
    assert.deepEqual(runtimeModelId('openai.gpt-oss-safeguard-20b', 'us-east-1'), { id: 'openai.gpt-oss-safeguard-20b', basis: 'same' });
    assert.deepEqual(runtimeModelId('qwen.qwen3-32b', 'us-east-1'), { id: 'qwen.qwen3-32b', basis: 'same' });
    assert.deepEqual(runtimeModelId('us.openai.gpt-5.5', 'us-east-1'), { id: 'us.openai.gpt-5.5', basis: 'same' }, 'already a profile id');
  });

  it('maps CRIS geographies by Region', () => {
    assert.equal(crisGeography('us-east-2'), 'us');
    assert.equal(crisGeography('us-gov-west-1'), 'us-gov');
    assert.equal(crisGeography('ap-northeast-1'), 'global');
  });

  it('round-trips every catalogued id through the runtime form', () => {
    for (const e of MODEL_CATALOG) {
      for (const region of ['us-east-1', 'us-gov-west-1', 'eu-west-1']) assert.equal(mantleModelId(runtimeModelId(e.id, region).id), e.id, `${e.id} ${region}`);
    }
    assert.equal(mantleModelId('global.openai.gpt-6-luna'), 'openai.gpt-6-luna');
    assert.equal(mantleModelId('us.anthropic.claude-sonnet-4-6-v1:0'), 'anthropic.claude-sonnet-4-6');
    assert.ok(needsCrisProfile('openai.gpt-daybreak-blue-56-sol'));
    assert.ok(!needsCrisProfile('openai.gpt-oss-120b'));
  });
});
