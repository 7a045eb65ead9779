import { strict as assert } from 'node:assert';
import { addTurn, chainHead, createThread, forkThread, historyMessages, runningTurn, titleFromPrompt, updateTurn, type Thread, type Turn } from '../../src/common/threads/model';
import { parseStoredThread, serializeThread, THREAD_FORMAT_VERSION } from '../../src/common/threads/serialize';

function turn(id: string, over: Partial<Turn> = {}): Turn {
  return { id, prompt: `prompt ${id}`, model: 'openai.gpt-oss-120b', api: 'responses', stored: true, answer: `answer ${id}`, reasoning: '', status: 'done', responseId: `resp_${id}`, createdAt: 1, ...over };
}

function threadOf(...turns: Turn[]): Thread {
  return turns.reduce((t, x) => addTurn(t, x, 2), createThread('t1', 'openai.gpt-oss-120b', 1));
}

describe('thread model', () => {
  it('titles a new thread from its first prompt, shortened', () => {
    const t = addTurn(createThread('t', 'm', 0), turn('a', { prompt: '  Explain monads\nplease' }), 1);
    assert.equal(t.title, 'Explain monads');
    assert.equal(titleFromPrompt('x'.repeat(100), 20).length, 20);
    assert.equal(titleFromPrompt('   '), 'New chat');
  });

  it('chains from the last completed stored Responses turn', () => {
    assert.equal(chainHead(threadOf(turn('a'), turn('b'))), 'resp_b');
  });

  it('never makes a failed or stopped turn the chain head', () => {
    const t = threadOf(turn('a'), turn('b', { status: 'error', responseId: 'resp_err' }), turn('c', { status: 'stopped', responseId: 'resp_stop' }));
    assert.equal(chainHead(t), 'resp_a');
  });

  it('has no chain head when the last completed turn came from Chat Completions or was not stored', () => {
    assert.equal(chainHead(threadOf(turn('a'), turn('b', { api: 'chat', responseId: 'chatcmpl-1' }))), undefined);
    assert.equal(chainHead(threadOf(turn('a'), turn('b', { stored: false }))), undefined);
    assert.equal(chainHead(threadOf()), undefined);
  });

  it('rebuilds history from completed turns only', () => {
    const t = threadOf(turn('a'), turn('b', { status: 'stopped', answer: 'partial' }), turn('c'));
    assert.deepEqual(historyMessages(t), [
      { role: 'user', content: 'prompt a' }, { role: 'assistant', content: 'answer a' },
      { role: 'user', content: 'prompt c' }, { role: 'assistant', content: 'answer c' },
    ]);
  });

  it('forks before an edited turn so the branch chains from the response before it', () => {
    const t = threadOf(turn('a'), turn('b'), turn('c'));
    const fork = forkThread(t, 'b', 't2', 5);
    assert.ok(fork);
    assert.deepEqual(fork.turns.map((x) => x.id), ['a']);
    assert.equal(chainHead(fork), 'resp_a');
    assert.deepEqual(fork.forkedFrom, { threadId: 't1', turnId: 'b' });
    assert.equal(t.turns.length, 3, 'the original thread is untouched');
    assert.equal(forkThread(t, 'nope', 't3', 5), undefined);
  });

  it('updates one turn and finds the running one', () => {
    const t = updateTurn(threadOf(turn('a'), turn('b', { status: 'streaming' })), 'b', { answer: 'x' }, 9);
    assert.equal(runningTurn(t)?.id, 'b');
    assert.equal(t.turns[1]?.answer, 'x');
    assert.equal(t.updatedAt, 9);
  });
});

describe('thread serialization', () => {
  it('round-trips a thread through JSON with a version', () => {
    const t = threadOf(turn('a', { usage: { inputTokens: 1, outputTokens: 2, reasoningTokens: 3, cachedTokens: 4 }, reasoning: 'hmm', timeToFirstTokenMs: 5, totalMs: 6 }), turn('b', { status: 'error', error: { kind: 'auth', message: 'no', actions: ['setApiKey'] } }));
    const stored = JSON.parse(JSON.stringify(serializeThread(t)));
    assert.equal(stored.v, THREAD_FORMAT_VERSION);
    assert.deepEqual(parseStoredThread(stored), t);
  });

  it('keeps a Claude turn\'s API, effort, signed thinking and cache writes; drops thinking without a signature', () => {
    const claude = turn('a', {
      model: 'anthropic.claude-opus-4-8', api: 'messages', stored: false, responseId: 'msg_bdrk_x', effort: 'max',
      thinking: [{ thinking: 'She said her name.', signature: 'c2ln' }],
      usage: { inputTokens: 30, outputTokens: 5, reasoningTokens: 2, cachedTokens: 20, cacheWriteTokens: 8 },
    });
    const t = threadOf(claude);
    assert.deepEqual(parseStoredThread(JSON.parse(JSON.stringify(serializeThread(t)))), t);
    const raw = JSON.parse(JSON.stringify(serializeThread(t)));
    raw.thread.turns[0].thinking = [{ thinking: 'unsigned' }, { thinking: 'x', signature: '' }, 'junk', { thinking: 'kept', signature: 'czI=' }];
    assert.deepEqual(parseStoredThread(raw)?.turns[0]?.thinking, [{ thinking: 'kept', signature: 'czI=' }]);
    // The history sends the signed thinking back with the answer (Messages is stateless).
    assert.deepEqual(historyMessages(t)[1], { role: 'assistant', content: 'answer a', thinking: [{ thinking: 'She said her name.', signature: 'c2ln' }] });
  });

  it('marks a turn cut off by a reload as stopped, and keeps background turns for polling', () => {
    const t = threadOf(turn('a'), turn('b', { status: 'streaming', answer: 'half' }), turn('c', { status: 'background', responseId: 'resp_bg' }));
    const back = parseStoredThread(serializeThread(t));
    assert.equal(back?.turns[1]?.status, 'stopped');
    assert.equal(back?.turns[1]?.answer, 'half');
    assert.equal(back?.turns[2]?.status, 'background');
    assert.equal(back && chainHead(back), 'resp_a');
  });

  it('rejects other versions and malformed data, and drops malformed turns', () => {
    assert.equal(parseStoredThread({ v: 99, thread: threadOf() }), undefined);
    assert.equal(parseStoredThread('nope'), undefined);
    assert.equal(parseStoredThread({ v: 1, thread: { id: 1 } }), undefined);
    const raw = serializeThread(threadOf(turn('a')));
    (raw.thread.turns as unknown[]).push({ id: 5 }, null);
    assert.equal(parseStoredThread(raw)?.turns.length, 1);
  });
});
