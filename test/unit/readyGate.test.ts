// The `ready` handshake every webview page goes through (common/readyGate.ts), in plain Node: nothing reaches a page
// before it says `ready`, the snapshot goes first, held messages after it, every `ready` replays, a hidden page waits
// for its next `ready`, and a malformed message is refused before any handler or replay.
import { strict as assert } from 'node:assert';
import { ReadyGate } from '../../src/common/readyGate';
import type { Parsed } from '../../src/common/messageCheck';

type Host = { type: 'state'; n: number } | { type: 'delta'; text: string } | { type: 'notice'; text: string };
type Page = { type: 'ready' } | { type: 'ping' };

function parse(raw: unknown): Parsed<Page> {
  const type = (raw as { type?: unknown } | null)?.type;
  return type === 'ready' || type === 'ping' ? { ok: true, message: { type } } : { ok: false, reason: 'unknown' };
}

function setup(maxHeld?: number) {
  const sent: Host[] = [];
  const handled: string[] = [];
  const warnings: string[] = [];
  let n = 0;
  const flushed: Host[] = [];
  const gate: ReadyGate<Host, Page> = new ReadyGate<Host, Page>({
    feature: 'Test', parse,
    handle: (m) => { handled.push(m.type); },
    // Like the chat and compare snapshots: flushing pending deltas posts them through the gate first.
    snapshot: () => { for (const d of flushed.splice(0)) gate.post(d); return [{ type: 'state', n: ++n }]; },
    replacedBySnapshot: ['state', 'delta'],
    send: (m) => sent.push(m),
    log: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) },
    ...(maxHeld ? { maxHeld } : {}),
  });
  return { gate, sent, handled, warnings, flushed };
}

describe('webview ready gate', () => {
  it('sends nothing before ready; then the snapshot, then the held notices, then live posts', async () => {
    const { gate, sent, handled } = setup();
    gate.post({ type: 'state', n: 0 });
    gate.post({ type: 'delta', text: 'lost' });
    gate.post({ type: 'notice', text: 'kept' });
    assert.deepEqual(sent, []);
    await gate.receive({ type: 'ready' });
    assert.deepEqual(sent, [{ type: 'state', n: 1 }, { type: 'notice', text: 'kept' }]);
    assert.deepEqual(handled, ['ready'], 'the feature still sees ready (after the replay)');
    gate.post({ type: 'delta', text: 'live' });
    assert.deepEqual(sent.at(-1), { type: 'delta', text: 'live' });
  });

  it('every ready replays the snapshot (a reloaded page), and deltas flushed meanwhile are not sent ahead of it', async () => {
    const { gate, sent, flushed } = setup();
    await gate.receive({ type: 'ready' });
    flushed.push({ type: 'delta', text: 'for the old page' });
    await gate.receive({ type: 'ready' });
    assert.deepEqual(sent, [{ type: 'state', n: 1 }, { type: 'state', n: 2 }]);
  });

  it('a hidden page gets nothing until it says ready again, then the current snapshot', async () => {
    const { gate, sent } = setup();
    await gate.receive({ type: 'ready' });
    gate.lost();
    gate.post({ type: 'state', n: 99 });
    gate.post({ type: 'notice', text: 'while hidden' });
    assert.equal(sent.length, 1);
    await gate.receive({ type: 'ready' });
    assert.deepEqual(sent.slice(1), [{ type: 'state', n: 2 }, { type: 'notice', text: 'while hidden' }]);
  });

  it('holds at most maxHeld messages, dropping the oldest', async () => {
    const { gate, sent } = setup(2);
    for (const text of ['a', 'b', 'c']) gate.post({ type: 'notice', text });
    await gate.receive({ type: 'ready' });
    assert.deepEqual(sent.map((m) => (m.type === 'notice' ? m.text : m.type)), ['state', 'b', 'c']);
  });

  it('a malformed message is logged once and neither replays nor reaches the handler', async () => {
    const { gate, sent, handled, warnings } = setup();
    for (const raw of [null, 'ready', ['ready'], { type: 'READY' }]) await gate.receive(raw);
    assert.deepEqual({ sent, handled }, { sent: [], handled: [] });
    assert.equal(warnings.length, 4);
    assert.ok(warnings.every((w) => /^Test: ignored a malformed webview message/.test(w)), warnings.join('\n'));
    gate.post({ type: 'delta', text: 'to a page that never said ready' });
    assert.deepEqual(sent, [], 'still closed: the delta is dropped, not sent');
  });

  it('other messages reach the handler without a replay', async () => {
    const { gate, sent, handled } = setup();
    await gate.receive({ type: 'ping' });
    assert.deepEqual({ sent, handled }, { sent: [], handled: ['ping'] });
  });
});
