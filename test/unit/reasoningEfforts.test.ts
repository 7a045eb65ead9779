import { strict as assert } from 'node:assert';
import { effortFor, effortsFor, isReasoningEffort } from '../../src/common/models/reasoningEfforts';
import { parseWebviewMessage } from '../../src/common/protocol';

describe('reasoning effort per model family', () => {
  it('offers what each family accepts (PROTOCOL-2026-12 §4.2)', () => {
    assert.deepEqual(effortsFor('openai.gpt-5.6-sol'), ['none', 'low', 'medium', 'high', 'xhigh', 'max']);
    assert.deepEqual(effortsFor('openai.gpt-5.5'), ['none', 'low', 'medium', 'high', 'xhigh'], '5.5 has no max');
    assert.deepEqual(effortsFor('openai.gpt-5.4'), ['none', 'low', 'medium', 'high', 'xhigh']);
    assert.deepEqual(effortsFor('xai.grok-4.3'), ['none', 'low', 'medium', 'high']);
    assert.deepEqual(effortsFor('openai.gpt-oss-120b'), ['low', 'medium', 'high']);
  });

  it('Claude: none (no thinking) up to max for adaptive-thinking models, up to high for the budget_tokens ones', () => {
    assert.deepEqual(effortsFor('anthropic.claude-opus-4-8'), ['none', 'low', 'medium', 'high', 'max']);
    assert.deepEqual(effortsFor('anthropic.claude-sonnet-5'), ['none', 'low', 'medium', 'high', 'max']);
    assert.deepEqual(effortsFor('anthropic.claude-haiku-4-5'), ['none', 'low', 'medium', 'high']);
    assert.equal(effortFor('anthropic.claude-opus-4-8', 'xhigh'), 'high');
    assert.equal(effortFor('anthropic.claude-haiku-4-5', 'max'), 'high');
    assert.equal(effortFor('anthropic.claude-opus-4-8', 'none'), 'none');
  });

  it('sends the nearest accepted value when the preference is not offered', () => {
    assert.equal(effortFor('openai.gpt-oss-120b', 'xhigh'), 'high');
    assert.equal(effortFor('openai.gpt-oss-120b', 'none'), 'low');
    assert.equal(effortFor('openai.gpt-5.5', 'max'), 'xhigh');
    assert.equal(effortFor('openai.gpt-5.6-luna', 'max'), 'max');
    assert.equal(effortFor('openai.gpt-5.5', 'none'), 'none');
    assert.equal(effortFor('xai.grok-4.3', 'xhigh'), 'high');
  });

  it('accepts the six values from the webview and nothing else', () => {
    assert.ok(isReasoningEffort('xhigh'));
    assert.ok(!isReasoningEffort('extreme'));
    assert.ok(parseWebviewMessage({ type: 'setEffort', effort: 'none' }).ok);
    assert.ok(!parseWebviewMessage({ type: 'setEffort', effort: 'ultra' }).ok);
  });
});
