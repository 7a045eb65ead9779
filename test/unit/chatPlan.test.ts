import { strict as assert } from 'node:assert';
import { planTurn } from '../../src/common/chat/plan';
import { addTurn, createThread, type Thread, type Turn } from '../../src/common/threads/model';

function turn(id: string, over: Partial<Turn> = {}): Turn {
  return { id, prompt: `prompt ${id}`, model: 'openai.gpt-oss-120b', api: 'responses', stored: true, answer: `answer ${id}`, reasoning: '', status: 'done', responseId: `resp_${id}`, createdAt: 1, ...over };
}
const withTurns = (...turns: Turn[]): Thread => turns.reduce((t, x) => addTurn(t, x, 2), createThread('t', 'openai.gpt-oss-120b', 1));
const M = 'openai.gpt-oss-120b';

describe('chat request planning', () => {
  it('a chained Responses turn sends only the new input and previous_response_id', () => {
    const { request, sendsHistory } = planTurn({ thread: withTurns(turn('a')), prompt: 'next', model: M, api: 'responses', store: true, effort: 'high' });
    assert.deepEqual(request.messages, [{ role: 'user', content: 'next' }]);
    assert.equal(request.previousResponseId, 'resp_a');
    assert.equal(request.store, true);
    assert.equal(request.reasoningEffort, 'high');
    assert.equal(sendsHistory, false);
    assert.ok(!JSON.stringify(request).includes('prompt a'));
  });

  it('the first turn of a thread sends just the prompt, stored', () => {
    const { request } = planTurn({ thread: withTurns(), prompt: 'hi', model: M, api: 'responses', store: true });
    assert.deepEqual(request.messages, [{ role: 'user', content: 'hi' }]);
    assert.equal(request.previousResponseId, undefined);
    assert.equal(request.store, true);
  });

  it('a Chat-only model sends the whole history', () => {
    const t = withTurns(turn('a', { api: 'chat', responseId: 'chatcmpl-a' }));
    const { request, sendsHistory } = planTurn({ thread: t, prompt: 'next', model: 'qwen.qwen3-32b', api: 'chat', store: true });
    assert.equal(request.api, 'chat');
    assert.equal(request.messages.length, 3);
    assert.equal(request.previousResponseId, undefined);
    assert.equal(request.store, undefined);
    assert.equal(sendsHistory, true);
  });

  it('switching from a Chat model back to Responses carries the history once, then chains', () => {
    const t = withTurns(turn('a'), turn('b', { api: 'chat', responseId: 'chatcmpl-b' }));
    const first = planTurn({ thread: t, prompt: 'c', model: M, api: 'responses', store: true });
    assert.equal(first.request.previousResponseId, undefined);
    assert.equal(first.request.messages.length, 5);
    const after = withTurns(turn('a'), turn('b', { api: 'chat' }), turn('c'));
    assert.equal(planTurn({ thread: after, prompt: 'd', model: M, api: 'responses', store: true }).request.previousResponseId, 'resp_c');
  });

  it('store=false never chains and asks the server not to store', () => {
    const { request } = planTurn({ thread: withTurns(turn('a')), prompt: 'n', model: M, api: 'responses', store: false, background: true });
    assert.equal(request.store, false);
    assert.equal(request.previousResponseId, undefined);
    assert.equal(request.messages.length, 3);
    assert.equal(request.background, undefined, 'background needs a stored response');
  });

  it('rebuildHistory ignores the chain (recovery from previous_response_not_found)', () => {
    const { request } = planTurn({ thread: withTurns(turn('a')), prompt: 'n', model: M, api: 'responses', store: true, rebuildHistory: true });
    assert.equal(request.previousResponseId, undefined);
    assert.deepEqual(request.messages.map((m) => m.content), ['prompt a', 'answer a', 'n']);
  });

  it('background turns are flagged on stored Responses requests', () => {
    const { request } = planTurn({ thread: withTurns(turn('a')), prompt: 'n', model: M, api: 'responses', store: true, background: true });
    assert.equal(request.background, true);
  });
});
