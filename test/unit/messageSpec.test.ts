// Issue 15: a webview message's spec is typed against its union. The @ts-expect-error lines are the test that can
// fail: `npm run typecheck` (test/tsconfig.json) reports an unused @ts-expect-error if a spec with a missing or an
// extra field ever compiles again. The runtime checks show that only declared fields get through.
import { strict as assert } from 'node:assert';
import { checkMessage, type MessageSpec } from '../../src/common/messageCheck';

type Msg = { type: 'ping' } | { type: 'say'; text: string; loud?: boolean };
type Kind = 'string' | 'boolean?';
const validField = (kind: Kind, v: unknown) => (kind === 'string' ? typeof v === 'string' : v === undefined || typeof v === 'boolean');

const SPEC: MessageSpec<Msg, Kind> = { ping: {}, say: { text: 'string', loud: 'boolean?' } };

// @ts-expect-error a field of the union (loud) missing from the spec
const missingField: MessageSpec<Msg, Kind> = { ping: {}, say: { text: 'string' } };
// @ts-expect-error a field in the spec (volume) that the union does not have
const extraField: MessageSpec<Msg, Kind> = { ping: {}, say: { text: 'string', loud: 'boolean?', volume: 'string' } };
// @ts-expect-error a message type of the union (ping) missing from the spec
const missingType: MessageSpec<Msg, Kind> = { say: { text: 'string', loud: 'boolean?' } };
void [missingField, extraField, missingType]; // they exist only to fail compilation

describe('webview message specs typed against their union', () => {
  it('the typed spec still validates at run time: declared fields only, each of its kind', () => {
    assert.deepEqual(checkMessage(SPEC, { type: 'say', text: 'hi', extra: 'dropped' }, validField), { ok: true, message: { type: 'say', text: 'hi' } });
    assert.deepEqual(checkMessage(SPEC, { type: 'say', text: 1 }, validField), { ok: false, reason: 'say.text is not a valid string' });
    assert.deepEqual(checkMessage(SPEC, { type: 'shout' }, validField), { ok: false, reason: 'unknown type "shout"' });
  });
});
