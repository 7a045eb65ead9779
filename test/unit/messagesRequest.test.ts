// The pure Messages request builder (src/common/mantle/messagesRequest.ts): history, cache breakpoints, thinking per
// model form, the refusal detector and the memory of refused forms.
import { strict as assert } from 'node:assert';
import {
  anthropicBaseURL, buildMessagesRequest, defaultThinkingForm, DEFAULT_MAX_TOKENS, refusedThinkingForm, THINKING_BUDGET, ThinkingForms,
} from '../../src/common/mantle/messagesRequest';
import type { TurnRequest } from '../../src/common/mantle/types';

const turn = (over: Partial<TurnRequest> = {}): TurnRequest => ({
  model: 'anthropic.claude-opus-4-8', api: 'chat',
  messages: [
    { role: 'user', content: 'My name is Ada.' },
    { role: 'assistant', content: 'Nice to meet you, Ada!', thinking: [{ thinking: 'She introduced herself.', signature: 'c2ln' }] },
    { role: 'user', content: 'What is my name?' },
  ],
  ...over,
});

const cached = (block: unknown): boolean => (block as { cache_control?: unknown }).cache_control !== undefined;

describe('messages request: history and prompt caching', () => {
  it('sends the whole history client-side, with the instructions and system turns as one cached system block', () => {
    const body = buildMessagesRequest(turn({ instructions: 'Be brief.', messages: [{ role: 'system', content: 'Answer in English.' }, ...turn().messages] }), undefined);
    assert.deepEqual(body.system, [{ type: 'text', text: 'Be brief.\n\nAnswer in English.', cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(body.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.equal(body.max_tokens, DEFAULT_MAX_TOKENS);
    assert.equal(body.thinking, undefined);
    assert.equal(body.output_config, undefined);
  });

  it('puts breakpoints on the previous and the newest user message only, so the next turn reads what this one wrote', () => {
    const body = buildMessagesRequest(turn({ messages: [...turn().messages, { role: 'assistant', content: 'Ada.' }, { role: 'user', content: 'Thanks' }] }), undefined);
    const flags = body.messages.map((m) => (m.content as unknown[]).map(cached));
    assert.deepEqual(flags, [[false], [false], [true], [false], [true]]);
  });

  it('merges consecutive turns of one speaker and drops empty ones (Messages wants non-empty alternating content)', () => {
    const body = buildMessagesRequest(turn({ messages: [{ role: 'user', content: 'a' }, { role: 'user', content: 'b' }, { role: 'assistant', content: '  ' }, { role: 'user', content: 'c' }] }), undefined);
    assert.equal(body.messages.length, 1);
    assert.deepEqual((body.messages[0].content as { text: string }[]).map((b) => b.text), ['a', 'b', 'c']);
    assert.ok(cached((body.messages[0].content as unknown[])[2]));
  });
});

describe('messages request: thinking', () => {
  it('adaptive form: thinking {type:adaptive} and top-level output_config.effort, and the signed thinking goes back', () => {
    const body = buildMessagesRequest(turn({ reasoningEffort: 'low' }), 'adaptive');
    assert.deepEqual(body.thinking, { type: 'adaptive' });
    assert.deepEqual(body.output_config, { effort: 'low' });
    assert.equal(body.max_tokens, DEFAULT_MAX_TOKENS);
    assert.deepEqual((body.messages[1].content as unknown[])[0], { type: 'thinking', thinking: 'She introduced herself.', signature: 'c2ln' });
  });

  it('budget form: budget_tokens per effort, and max_tokens grows by the budget so the answer keeps its room', () => {
    const body = buildMessagesRequest(turn({ reasoningEffort: 'medium', maxOutputTokens: 1000 }), 'budget');
    assert.deepEqual(body.thinking, { type: 'enabled', budget_tokens: THINKING_BUDGET.medium });
    assert.equal(body.output_config, undefined);
    assert.equal(body.max_tokens, 1000 + THINKING_BUDGET.medium);
  });

  it('without an effort (or with no form left) thinking is off and earlier thinking blocks stay home', () => {
    for (const body of [buildMessagesRequest(turn(), 'adaptive'), buildMessagesRequest(turn({ reasoningEffort: 'high' }), undefined)]) {
      assert.equal(body.thinking, undefined);
      assert.deepEqual((body.messages[1].content as { type: string }[]).map((b) => b.type), ['text']);
    }
  });

  it('effort none is no thinking; xhigh goes as high to adaptive models and as its own budget to the others', () => {
    const none = buildMessagesRequest(turn({ reasoningEffort: 'none' }), 'adaptive');
    assert.equal(none.thinking, undefined);
    assert.equal(none.output_config, undefined);
    assert.deepEqual(buildMessagesRequest(turn({ reasoningEffort: 'xhigh' }), 'adaptive').output_config, { effort: 'high' });
    assert.deepEqual(buildMessagesRequest(turn({ reasoningEffort: 'max' }), 'adaptive').output_config, { effort: 'max' });
    assert.deepEqual(buildMessagesRequest(turn({ reasoningEffort: 'xhigh' }), 'budget').thinking, { type: 'enabled', budget_tokens: THINKING_BUDGET.xhigh });
  });

  it('knows each model family\'s first form (addendum §3.2 table)', () => {
    for (const m of ['anthropic.claude-haiku-4-5', 'anthropic.claude-sonnet-4-5', 'anthropic.claude-opus-4-1', 'anthropic.claude-sonnet-4-20250514']) assert.equal(defaultThinkingForm(m), 'budget', m);
    for (const m of ['anthropic.claude-opus-4-6', 'anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-8', 'anthropic.claude-sonnet-5', 'anthropic.claude-fable-5-1', 'anthropic.claude-mythos-preview', 'anthropic.claude-opus-6']) {
      assert.equal(defaultThinkingForm(m), 'adaptive', m);
    }
  });

  it('reads which form a 400 refused, and nothing from other errors', () => {
    assert.equal(refusedThinkingForm(400, 'thinking.type.enabled is not supported for this model. Use thinking.type.adaptive and output_config.effort to control thinking behavior.'), 'budget');
    assert.equal(refusedThinkingForm(400, 'thinking.type.adaptive is not supported for this model. Use thinking.type.enabled with thinking.budget_tokens instead.'), 'adaptive');
    assert.equal(refusedThinkingForm(400, 'max_tokens: Field required'), undefined);
    assert.equal(refusedThinkingForm(403, 'thinking.type.enabled is not supported for this model.'), undefined);
  });

  it('a model that refused one form gets the other, and one that refused both gets no thinking', () => {
    const forms = new ThinkingForms();
    const m = 'anthropic.claude-opus-4-8';
    assert.equal(forms.formFor(m), 'adaptive');
    assert.equal(forms.refuse(m, 'adaptive'), true);
    assert.equal(forms.formFor(m), 'budget');
    assert.equal(forms.refuse(m, 'budget'), false);
    assert.equal(forms.formFor(m), undefined);
    assert.equal(forms.formFor('anthropic.claude-haiku-4-5'), 'budget', 'other models are not affected');
  });
});

describe('messages request: base URL', () => {
  it('derives {origin}/anthropic from the OpenAI-path base', () => {
    assert.equal(anthropicBaseURL('https://bedrock-mantle.us-east-1.api.aws/v1'), 'https://bedrock-mantle.us-east-1.api.aws/anthropic');
    assert.equal(anthropicBaseURL('https://bedrock-mantle.us-east-1.api.aws/openai/v1/'), 'https://bedrock-mantle.us-east-1.api.aws/anthropic');
    assert.equal(anthropicBaseURL('http://127.0.0.1:4010/v1'), 'http://127.0.0.1:4010/anthropic');
    assert.equal(anthropicBaseURL('http://127.0.0.1:4010/anthropic/v1'), 'http://127.0.0.1:4010/anthropic');
  });
});
