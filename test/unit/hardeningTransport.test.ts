// Item 5 of issue 18 (the pure rules): unexpected bodies described briefly, clock skew recognised, a background poll
// retried on a transient failure.
import { strict as assert } from 'node:assert';
import { pollBackgroundTurn, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { mapHttpFailure, type ErrorContext } from '../../src/common/mantle/errorMapping';
import { MantleError } from '../../src/common/mantle/errors';
import { describeBody, isClockSkewMessage, MAX_POLL_RETRIES, MAX_SERVER_TEXT_CHARS } from '../../src/common/mantle/transportChecks';
import type { TurnResult } from '../../src/common/mantle/types';
import { addTurn, createThread } from '../../src/common/threads/model';

const ctx: ErrorContext = { authMode: 'awsProfile', profile: 'dev', region: 'us-east-1', host: 'bedrock-mantle.us-east-1.api.aws', customEndpoint: false };
const same = (s: string) => s;

describe('hardening: transport rules', () => {
  it('an HTML page is described by its title, type and size, not pasted in', () => {
    const page = `<!doctype html><html><head><title>Hotel Wi-Fi login</title></head><body>${'<p>x</p>'.repeat(25_000)}</body></html>`;
    const d = describeBody('text/html; charset=utf-8', page);
    assert.match(d, /^an HTML page \(text\/html, 19\d KB\): "Hotel Wi-Fi login"$/);
  });

  it('a 200 KB server message becomes a bounded error message', () => {
    const e = mapHttpFailure({ status: 502, message: 'y'.repeat(200_000) }, ctx, same);
    assert.ok(e.message.length < MAX_SERVER_TEXT_CHARS + 200, `${e.message.length} characters`);
  });

  it('clock skew is recognised and the message says to fix the clock, not the permissions', () => {
    for (const said of ['Signature expired: 20260101T000000Z is now earlier than 20260101T000500Z (20260101T001000Z - 5 min.)', 'Signature not yet current: 20270101T000000Z is still later than 20260101T000500Z', 'RequestTimeTooSkewed']) {
      assert.ok(isClockSkewMessage(said), said);
      const e = mapHttpFailure({ status: 403, message: said }, ctx, same);
      assert.match(e.message, /clock is off.*correct time/);
      assert.doesNotMatch(e.message, /lacks permission/);
    }
    assert.equal(isClockSkewMessage('User is not authorized to perform bedrock-mantle:CreateResponse'), false);
  });

  it('a background poll survives transient failures and still fails for good on a real one', async () => {
    const base = addTurn(createThread('t', 'openai.gpt-oss-120b', 0), { id: 'u1', prompt: 'p', model: 'openai.gpt-oss-120b', status: 'background', responseId: 'resp_1', createdAt: 0 } as never, 0);
    const env = (answers: (() => Promise<TurnResult>)[]): TurnRunnerEnv => ({
      mantle: { getResponse: () => (answers.shift() ?? (() => Promise.reject(new Error('no more'))))() } as never,
      apiFor: () => 'responses', now: () => 1, newId: () => 'x', log: () => undefined,
    });
    const hooks = { onThread: () => undefined, onDelta: () => undefined };
    const network = () => Promise.reject(new MantleError({ kind: 'network', message: 'ECONNRESET' }));
    const done = () => Promise.resolve({ id: 'resp_1', api: 'responses', text: 'answer', reasoning: '', status: 'completed', totalMs: 1 } as TurnResult);
    const ok = await pollBackgroundTurn(env([network, network, done]), base, 'u1', hooks, new AbortController().signal, 1);
    assert.equal(ok.turns[0]?.status, 'done');
    assert.equal(ok.turns[0]?.answer, 'answer');

    const forbidden = () => Promise.reject(new MantleError({ kind: 'forbidden', message: 'no' }));
    assert.equal((await pollBackgroundTurn(env([forbidden, done]), base, 'u1', hooks, new AbortController().signal, 1)).turns[0]?.status, 'error');
    const always = Array.from({ length: MAX_POLL_RETRIES + 1 }, () => network);
    assert.equal((await pollBackgroundTurn(env([...always, done]), base, 'u1', hooks, new AbortController().signal, 1)).turns[0]?.status, 'error', 'gives up after the retries');
  });
});
