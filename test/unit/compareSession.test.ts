// The comparison's data as both sides hold it (snapshot reducers), the compare protocol's validators, the command's
// arguments from the Models tree, and "Continue in Chat" seeds that the chat's planner chains from.
import { strict as assert } from 'node:assert';
import { planTurn } from '../../src/common/chat/plan';
import { readChatSeed, threadFromSeed } from '../../src/common/compare/chatSeed';
import { modelCountProblem, readCompareArgs } from '../../src/common/compare/commandArgs';
import { applyDelta, columnStats, createSnapshot, finish, firstToken, lastCompletedRun, runEnded, runStarted, shownRun } from '../../src/common/compare/session';
import { parseCompareHostMessage, parseCompareWebviewMessage } from '../../src/common/compareProtocol';

const models = [{ id: 'openai.gpt-oss-120b', name: 'GPT OSS 120B' }, { id: 'zai.glm-5', name: 'GLM 5' }];
const ok = (text: string, id = 'resp_1') => ({ ok: true as const, fellBack: false, result: { id, api: 'responses' as const, text, reasoning: 'r', totalMs: 900, timeToFirstTokenMs: 150, usage: { inputTokens: 5, outputTokens: 7, reasoningTokens: 2, cachedTokens: 0 } } });

describe('compare: snapshot', () => {
  it('folds starts, deltas, first token and ends into the runs; finish marks the rest stopped', () => {
    let s = createSnapshot({ id: 'x', prompt: 'Hi', runs: 2, showReasoning: false, models });
    assert.deepEqual(s.columns.map((c) => c.runs.map((r) => r.status)), [['pending', 'pending'], ['pending', 'pending']]);
    s = runStarted(s, 0, 0, 'responses');
    s = firstToken(s, 0, 0, 120);
    s = applyDelta(s, 0, 0, 'Hel', 'think ');
    s = applyDelta(s, 0, 0, 'lo', '');
    s = firstToken(s, 0, 0, 999);
    assert.deepEqual({ ...s.columns[0]!.runs[0] }, { status: 'streaming', api: 'responses', text: 'Hello', reasoning: 'think ', ttftMs: 120 });
    s = runEnded(s, 0, 0, ok('Hello!'), true);
    const r = s.columns[0]!.runs[0]!;
    assert.equal(r.status, 'done');
    assert.equal(r.text, 'Hello!', 'the result\'s text is authoritative');
    assert.equal(r.ttftMs, 150, 'the client\'s first-token time replaces the host\'s estimate');
    assert.equal(r.stored, true);
    assert.equal(r.responseId, 'resp_1');
    s = runStarted(s, 0, 1, 'responses');
    s = runEnded(s, 0, 1, { ok: false, cancelled: true, fellBack: false }, true);
    s = finish(s);
    assert.equal(s.running, false);
    assert.deepEqual(s.columns.map((c) => c.runs.map((x) => x.status)), [['done', 'stopped'], ['stopped', 'stopped']]);
    assert.equal(shownRun(s.columns[0]!).index, 1);
    assert.equal(lastCompletedRun(s.columns[0]!)?.text, 'Hello!');
    assert.equal(lastCompletedRun(s.columns[1]!), undefined);
    assert.equal(columnStats(s.columns[0]!).completed, 1);
  });

  it('ignores updates for columns or runs that do not exist', () => {
    const s = createSnapshot({ id: 'x', prompt: 'Hi', runs: 1, showReasoning: true, models });
    assert.equal(applyDelta(s, 5, 0, 'x', ''), s);
    assert.equal(runStarted(s, 0, 3, 'chat'), s);
  });
});

describe('compare: protocol', () => {
  it('accepts well-formed webview messages and keeps only declared fields', () => {
    assert.deepEqual(parseCompareWebviewMessage({ type: 'rerun', runs: 3, extra: 'x' }), { ok: true, message: { type: 'rerun', runs: 3 } });
    assert.deepEqual(parseCompareWebviewMessage({ type: 'continueInChat', column: 5 }), { ok: true, message: { type: 'continueInChat', column: 5 } });
    assert.ok(parseCompareWebviewMessage({ type: 'stop' }).ok);
  });

  it('refuses unknown types, out-of-range columns and run counts, and wrong field types', () => {
    for (const bad of [null, [], 'stop', { type: 'eval' }, { type: 'rerun', runs: 0 }, { type: 'rerun', runs: 11 }, { type: 'rerun', runs: 2.5 },
      { type: 'continueInChat', column: 6 }, { type: 'continueInChat', column: -1 }, { type: 'copyAnswer', column: '0' },
      { type: 'setShowReasoning', show: 'yes' }, { type: 'openLink' }]) {
      assert.equal(parseCompareWebviewMessage(bad).ok, false, JSON.stringify(bad));
    }
  });

  it('the webview checks the snapshot\'s shape before drawing it', () => {
    const snapshot = createSnapshot({ id: 'x', prompt: 'Hi', runs: 3, showReasoning: true, models });
    assert.ok(parseCompareHostMessage({ type: 'state', snapshot }).ok);
    assert.equal(parseCompareHostMessage({ type: 'state', snapshot: { ...snapshot, columns: [{ model: 'm' }] } }).ok, false);
    assert.equal(parseCompareHostMessage({ type: 'state', snapshot: { ...snapshot, runs: 0 } }).ok, false);
    assert.ok(parseCompareHostMessage({ type: 'delta', column: 1, run: 2, text: 'a', reasoning: '' }).ok);
    assert.equal(parseCompareHostMessage({ type: 'delta', column: 1, run: 2, text: 'a' }).ok, false);
  });
});

describe('compare: command arguments', () => {
  const node = (id: string) => ({ type: 'model', id: `model:${id}`, model: { id } });

  it('from the tree: the selection when the clicked row is in it, else the clicked row', () => {
    assert.deepEqual(readCompareArgs(node('a'), [node('a'), node('b'), node('c')]).models, ['a', 'b', 'c']);
    assert.deepEqual(readCompareArgs(node('z'), [node('a'), node('b')]).models, ['z']);
    assert.deepEqual(readCompareArgs(node('a'), [node('a'), { type: 'vendor', id: 'v' }]).models, ['a']);
  });

  it('from other features: models, prompt and runs, cleaned', () => {
    assert.deepEqual(readCompareArgs({ models: ['a', 'a', ' b ', 3, ''], prompt: 'Hi', runs: 3 }), { models: ['a', 'b'], prompt: 'Hi', runs: 3 });
    assert.deepEqual(readCompareArgs({ models: 'a', prompt: '   ' }), { models: [] });
    assert.deepEqual(readCompareArgs(undefined), { models: [] });
  });

  it('asks for two to six models', () => {
    assert.match(modelCountProblem(1)!, /at least two/);
    assert.equal(modelCountProblem(2), undefined);
    assert.equal(modelCountProblem(6), undefined);
    assert.match(modelCountProblem(7)!, /at most 6/);
  });
});

describe('compare: Continue in Chat seed', () => {
  it('a stored Responses answer becomes the chain head: the next chat turn sends only the new input', () => {
    const seed = readChatSeed({ prompt: 'Explain X', answer: 'X is…', reasoning: 'r', api: 'responses', responseId: 'resp_abc', stored: true, usage: { inputTokens: 3, outputTokens: 4 }, junk: 1 })!;
    const thread = threadFromSeed(seed, 'openai.gpt-oss-120b', { thread: 't', turn: 'u' }, 5);
    assert.equal(thread.title, 'Explain X');
    assert.equal(thread.turns[0]!.status, 'done');
    assert.deepEqual(thread.turns[0]!.usage, { inputTokens: 3, outputTokens: 4, reasoningTokens: 0, cachedTokens: 0 });
    const { request } = planTurn({ thread, prompt: 'And Y?', model: thread.model, api: 'responses', store: true });
    assert.equal(request.previousResponseId, 'resp_abc');
    assert.deepEqual(request.messages, [{ role: 'user', content: 'And Y?' }]);
  });

  it('a Chat Completions (or unstored) answer travels as history', () => {
    const thread = threadFromSeed(readChatSeed({ prompt: 'Explain X', answer: 'X is…', api: 'chat', responseId: 'chatcmpl-1', stored: true })!, 'zai.glm-5', { thread: 't', turn: 'u' }, 5);
    const { request } = planTurn({ thread, prompt: 'And Y?', model: thread.model, api: 'chat', store: true });
    assert.deepEqual(request.messages.map((m) => `${m.role}:${m.content}`), ['user:Explain X', 'assistant:X is…', 'user:And Y?']);
    const unstored = threadFromSeed(readChatSeed({ prompt: 'P', answer: 'A', api: 'responses', responseId: 'resp_1', stored: false })!, 'openai.gpt-oss-20b', { thread: 't', turn: 'u' }, 5);
    assert.equal(planTurn({ thread: unstored, prompt: 'Q', model: unstored.model, api: 'responses', store: true }).request.previousResponseId, undefined);
  });

  it('refuses a seed without a prompt or an answer', () => {
    assert.equal(readChatSeed({ prompt: '', answer: 'a' }), undefined);
    assert.equal(readChatSeed({ prompt: 'p' }), undefined);
    assert.equal(readChatSeed('p'), undefined);
  });
});
