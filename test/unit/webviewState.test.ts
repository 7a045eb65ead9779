import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread, Turn } from '../../src/common/threads/model';
import { initialState, isRunning, persisted, reasoningOpen, reduce, type UiState } from '../../src/webview/state';

const turn = (id: string, over: Partial<Turn> = {}): Turn => ({ id, prompt: `p${id}`, model: 'm', answer: '', reasoning: '', status: 'done', createdAt: 0, ...over });
const thread = (id: string, ...turns: Turn[]): Thread => ({ id, title: id, model: 'm', createdAt: 0, updatedAt: 0, turns });
const stateMsg = (t: Thread | undefined, showReasoning = true): HostMessage => ({ type: 'state', threads: [], ...(t ? { thread: t } : {}), models: [{ id: 'm', api: 'responses' }], prefs: { showReasoning, effort: 'medium', store: true } });

describe('webview state reducer', () => {
  it('appends streamed deltas to the matching turn of the shown thread only', () => {
    let s = reduce(initialState(), stateMsg(thread('t', turn('a', { status: 'streaming', answer: 'He' }))));
    assert.equal(isRunning(s), true);
    s = reduce(s, { type: 'delta', threadId: 't', turnId: 'a', text: 'llo', reasoning: 'r' });
    s = reduce(s, { type: 'delta', threadId: 'other', turnId: 'a', text: 'XX', reasoning: '' });
    assert.equal(s.thread?.turns[0]?.answer, 'Hello');
    assert.equal(s.thread?.turns[0]?.reasoning, 'r');
  });

  it('follows the global reasoning toggle unless a message was toggled, and the global toggle resets per-message choices', () => {
    const t = thread('t', turn('a', { reasoning: 'x' }), turn('b', { reasoning: 'y' }));
    let s: UiState = reduce(initialState(), stateMsg(t, true));
    const [a, b] = t.turns as [Turn, Turn];
    assert.equal(reasoningOpen(s, a), true);
    s = reduce(s, { type: 'toggleTurnReasoning', turnId: 'a' });
    assert.equal(reasoningOpen(s, a), false);
    assert.equal(reasoningOpen(s, b), true);
    s = reduce(s, stateMsg(t, false)); // global toggle off
    assert.equal(reasoningOpen(s, a), false);
    assert.equal(reasoningOpen(s, b), false);
    s = reduce(s, { type: 'toggleTurnReasoning', turnId: 'b' });
    assert.equal(reasoningOpen(s, b), true);
    s = reduce(s, stateMsg(t, true)); // and on again: everything open, choices reset
    assert.deepEqual(s.expanded, {});
    assert.equal(reasoningOpen(s, a), true);
  });

  it('keeps the draft across a reload through the persisted part, and clears it when sent', () => {
    let s = reduce(initialState(), { type: 'draft', text: 'half a thought' });
    const saved = JSON.parse(JSON.stringify(persisted(s)));
    s = initialState(saved);
    assert.equal(s.draft, 'half a thought');
    s = reduce(s, { type: 'sent' });
    assert.equal(s.draft, '');
    assert.deepEqual(initialState({ expanded: { a: 'yes' } as unknown as Record<string, boolean> }).expanded, {});
  });

  it('edits a user turn and drops the edit when another thread is shown', () => {
    let s = reduce(initialState(), stateMsg(thread('t', turn('a'))));
    s = reduce(s, { type: 'startEdit', turnId: 'a' });
    assert.deepEqual(s.editing, { turnId: 'a', text: 'pa' });
    s = reduce(s, { type: 'editText', text: 'changed' });
    assert.equal(s.editing?.text, 'changed');
    s = reduce(s, stateMsg(thread('t', turn('a'), turn('b'))));
    assert.equal(s.editing?.text, 'changed', 'same thread: edit kept');
    s = reduce(s, stateMsg(thread('u')));
    assert.equal(s.editing, undefined);
  });

  it('shows host notices and the composed prompt', () => {
    let s = reduce(initialState(), { type: 'notice', text: 'Type a message first' });
    assert.equal(s.notice, 'Type a message first');
    s = reduce(s, { type: 'compose', text: 'Explain this' });
    assert.equal(s.draft, 'Explain this');
    s = reduce(s, { type: 'dismissNotice' });
    assert.equal(s.notice, undefined);
  });
});
