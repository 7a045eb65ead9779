import { strict as assert } from 'node:assert';
import { CATALOG } from '../../src/common/models/catalog';
import { displayName, familyOf, sizeInBillions } from '../../src/common/models/modelNames';
import { OTHER_VENDOR, vendorOf, vendorRank } from '../../src/common/models/vendors';

describe('models: vendors and names from the id', () => {
  it('derives each vendor from the id prefix, as the catalogue records it', () => {
    for (const entry of CATALOG) assert.equal(vendorOf(entry.id), entry.vendor, entry.id);
  });

  it('puts an unknown prefix, or an id without a prefix, under Other', () => {
    assert.equal(vendorOf('acme.rocket-4-6'), OTHER_VENDOR);
    assert.equal(vendorOf('gpt-4o'), OTHER_VENDOR);
    assert.equal(vendorOf('.hidden'), OTHER_VENDOR);
  });

  it('ranks vendors in the fixed order with Other last', () => {
    const order = ['OpenAI', 'Mistral', 'Qwen', 'DeepSeek', 'Google', 'NVIDIA', 'MiniMax', 'Moonshot', 'Z.ai', 'Writer', OTHER_VENDOR];
    const ranks = order.map(vendorRank);
    assert.deepEqual([...ranks].sort((a, b) => a - b), ranks);
    assert.equal(new Set(ranks).size, order.length);
  });

  it('writes readable names', () => {
    const cases: [string, string][] = [
      ['openai.gpt-oss-120b', 'GPT-OSS 120B'],
      ['openai.gpt-oss-safeguard-20b', 'GPT-OSS Safeguard 20B'],
      ['qwen.qwen3-coder-480b-a35b-instruct', 'Qwen3 Coder 480B A35B Instruct'],
      ['qwen.qwen3-vl-235b-a22b-instruct', 'Qwen3 VL 235B A22B Instruct'],
      ['deepseek.v3.1', 'DeepSeek V3.1'],
      ['google.gemma-3-27b-it', 'Gemma 3 27B IT'],
      ['minimax.minimax-m2.5', 'MiniMax M2.5'],
      ['moonshotai.kimi-k2-thinking', 'Kimi K2 Thinking'],
      ['zai.glm-4.7-flash', 'GLM 4.7 Flash'],
      ['writer.palmyra-vision-7b', 'Palmyra Vision 7B'],
      ['openai.gpt-5.5', 'GPT-5.5'],
      ['openai.gpt-5.6-sol', 'GPT-5.6 Sol'],
      ['xai.grok-4.3', 'Grok 4.3'],
    ];
    for (const [id, name] of cases) assert.equal(displayName(id), name, id);
  });

  it('labels a model of an unknown vendor with its id rather than guessing', () => {
    assert.equal(displayName('acme.rocket-4-6'), 'acme.rocket-4-6');
  });

  it('names Claude as Anthropic does, the hyphenated version with a dot', () => {
    assert.equal(vendorOf('anthropic.claude-opus-4-8'), 'Anthropic');
    assert.equal(displayName('anthropic.claude-opus-4-8'), 'Claude Opus 4.8');
    assert.equal(displayName('anthropic.claude-haiku-4-5'), 'Claude Haiku 4.5');
    assert.equal(displayName('anthropic.claude-sonnet-5'), 'Claude Sonnet 5');
    assert.equal(displayName('anthropic.claude-sonnet-4-20250514'), 'Claude Sonnet 4 20250514', 'a date is not a minor version');
  });

  it('finds family and size for sorting', () => {
    assert.equal(familyOf('qwen.qwen3-coder-30b-a3b-instruct'), 'qwen3-coder');
    assert.equal(familyOf('nvidia.nemotron-nano-12b-v2'), 'nemotron-nano');
    assert.equal(familyOf('mistral.ministral-3-8b-instruct'), 'ministral');
    assert.equal(familyOf('deepseek.v3.2'), '');
    assert.equal(sizeInBillions('mistral.mistral-large-3-675b-instruct'), 675);
    assert.equal(sizeInBillions('qwen.qwen3-235b-a22b-2507'), 235, 'total parameters, not the active ones');
    assert.equal(sizeInBillions('zai.glm-5'), undefined);
    assert.equal(sizeInBillions('acme.tiny-500m'), 0.5);
  });
});
