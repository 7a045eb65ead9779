import { strict as assert } from 'node:assert';
import { LM_ROLE, partText, toChatMessages } from '../../src/common/lm/messages';
import { singleClientEngine, streamStateless } from '../../src/common/mantle/turnEngine';
import { MantleError } from '../../src/common/mantle/errors';
import type { MantleApi, TurnRequest } from '../../src/common/mantle/types';

// Shapes of VS Code's runtime part classes, as they arrive in provideLanguageModelChatResponse.
const text = (value: string) => ({ value });
const toolCall = (callId: string) => ({ callId, name: 'search', input: { q: 'x' } });
const toolResult = (callId: string, ...parts: unknown[]) => ({ callId, content: parts });
const image = () => ({ mimeType: 'image/png', data: new Uint8Array([1, 2, 3]) });

describe('lm: request messages to a TurnRequest conversation', () => {
  it('keeps roles and order, mapping the runtime System role (3) to system', () => {
    const { messages, droppedParts } = toChatMessages([
      { role: LM_ROLE.system, content: [text('Be brief.')] },
      { role: LM_ROLE.user, content: [text('My name is Alice and I like cats.')] },
      { role: LM_ROLE.assistant, content: [text('Nice to meet you, Alice!')] },
      { role: LM_ROLE.user, content: [text('What is my name?')] },
    ]);
    assert.deepEqual(messages, [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'My name is Alice and I like cats.' },
      { role: 'assistant', content: 'Nice to meet you, Alice!' },
      { role: 'user', content: 'What is my name?' },
    ]);
    assert.equal(droppedParts, 0);
  });

  it('joins a message\'s text parts without inserting separators', () => {
    const { messages } = toChatMessages([{ role: LM_ROLE.user, content: [text('fun'), text('ction f() {}')] }]);
    assert.deepEqual(messages, [{ role: 'user', content: 'function f() {}' }]);
  });

  it('drops parts without text (images) and counts them', () => {
    const { messages, droppedParts } = toChatMessages([
      { role: LM_ROLE.user, content: [text('look: '), image()] },
    ]);
    assert.deepEqual(messages, [{ role: 'user', content: 'look: ' }]);
    assert.equal(droppedParts, 1);
  });

  it('keeps tool calls on the assistant turn and tool results on the user turn; misplaced ones are dropped', () => {
    const { messages, droppedParts } = toChatMessages([
      { role: LM_ROLE.user, content: [text('find x')] },
      { role: LM_ROLE.assistant, content: [text('Searching.'), toolCall('c1')] },
      { role: LM_ROLE.user, content: [toolResult('c1', text('3 files'), text('found'))] },
      { role: LM_ROLE.user, content: [toolCall('c9')] },
    ]);
    assert.deepEqual(messages, [
      { role: 'user', content: 'find x' },
      { role: 'assistant', content: 'Searching.', toolCalls: [{ id: 'c1', name: 'search', arguments: '{"q":"x"}', input: { q: 'x' } }] },
      { role: 'user', content: '', toolResults: [{ callId: 'c1', content: '3 files\nfound' }] },
    ]);
    assert.equal(droppedParts, 1);
  });

  it('keeps the text of a tool result so the model still sees what the tool said', () => {
    assert.equal(partText(toolResult('c1', text('3 files'), text('found'))), '3 files\nfound');
    assert.equal(partText(toolResult('c1', image())), undefined);
  });

  it('drops messages left empty or whitespace-only', () => {
    const { messages } = toChatMessages([
      { role: LM_ROLE.user, content: [text('  ')] },
      { role: LM_ROLE.user, content: [text('hi')] },
    ]);
    assert.deepEqual(messages, [{ role: 'user', content: 'hi' }]);
  });

  it('treats an unknown role number as user rather than failing', () => {
    assert.deepEqual(toChatMessages([{ role: 99, content: ['plain string part'] }]).messages, [{ role: 'user', content: 'plain string part' }]);
  });
});

describe('lm: Responses → Chat Completions fallback', () => {
  // A recording MantleApi: answers each call with the next scripted outcome and keeps the requests it was given.
  function recordingApi(outcomes: (Error | string)[]) {
    const requests: TurnRequest[] = [];
    const api: MantleApi = {
      listModels: async () => [],
      streamTurn: async (req, onEvent) => {
        requests.push(req);
        const next = outcomes.shift();
        if (next instanceof Error) throw next;
        onEvent({ kind: 'text', delta: next ?? '' });
        return { api: req.api, text: next ?? '', reasoning: '', totalMs: 1 };
      },
    };
    return { api, requests };
  }
  const unsupported = () => new MantleError({ kind: 'unsupportedApi', message: 'no responses', routeFact: 'apiError' });
  const req: TurnRequest = { model: 'm', api: 'responses', messages: [{ role: 'user', content: 'hi' }], store: false, reasoningEffort: 'low' };
  // The provider's way: the model's route decides the first API, the request is the same conversation on each.
  const ask = (api: MantleApi, r: TurnRequest, onEvent: Parameters<MantleApi['streamTurn']>[1]) =>
    streamStateless(singleClientEngine(api, () => r.api), r.model, (first) => ({ ...r, api: first }), onEvent);

  it('retries once as Chat Completions with the same conversation when Responses is unsupported', async () => {
    const { api, requests } = recordingApi([unsupported(), 'hello']);
    const seen: string[] = [];
    const result = await ask(api, req, (e) => { if (e.kind === 'text') seen.push(e.delta); });
    assert.equal(result.api, 'chat');
    assert.deepEqual(seen, ['hello']);
    assert.equal(requests.length, 2);
    assert.equal(requests[1].api, 'chat');
    assert.deepEqual(requests[1].messages, req.messages);
    assert.equal(requests[1].store, undefined);
    assert.equal(requests[1].reasoningEffort, 'low');
  });

  it('does not retry other failures, nor Chat requests', async () => {
    const denied = new MantleError({ kind: 'forbidden', message: 'no' });
    const a = recordingApi([denied]);
    await assert.rejects(ask(a.api, req, () => {}), denied);
    assert.equal(a.requests.length, 1);
    const b = recordingApi([unsupported()]);
    await assert.rejects(ask(b.api, { ...req, api: 'chat' }, () => {}), /no responses/);
    assert.equal(b.requests.length, 1);
  });
});
