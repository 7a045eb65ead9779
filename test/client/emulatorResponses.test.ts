// The emulator's Responses API: streaming shapes the strict SDK helper accepts, server-side state through
// previous_response_id, store:false, background mode and the error shapes clients rely on.
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { emulatorSdk } from './clientHelpers';
import { emulatorForSuite } from '../kit/emulator';

const MODEL = 'openai.gpt-oss-120b';

describe('emulator: responses', () => {
  const emu = emulatorForSuite();
  let client: OpenAI;

  before(async () => {
    client = emulatorSdk(emu().url);
  });

  it('creates a response with a reasoning item then a message item, Mantle-shaped ids and request ids', async () => {
    const { data: res, response } = await client.responses.create({ model: MODEL, input: 'hello there' }).withResponse();
    assert.match(res.id, /^resp_[a-z0-9]{52}$/);
    assert.equal(res.status, 'completed');
    assert.deepEqual(res.output.map((o) => o.type), ['reasoning', 'message']);
    const reasoning = res.output[0] as OpenAI.Responses.ResponseReasoningItem;
    assert.equal(reasoning.content![0].type, 'reasoning_text');
    assert.ok(res.output_text.length > 0);
    assert.ok(res.usage!.output_tokens_details.reasoning_tokens > 0);
    assert.ok(response.headers.get('x-request-id'));
    assert.equal(response.headers.get('x-request-id'), response.headers.get('x-amzn-requestid'));
  });

  it('streams the full event sequence accepted by the strict responses.stream() helper', async () => {
    const stream = client.responses.stream({ model: MODEL, input: 'Tell me about Mantle.' });
    const types: string[] = [];
    const seqs: number[] = [];
    let text = '';
    stream.on('event', (e) => { types.push(e.type); seqs.push(e.sequence_number); });
    stream.on('response.output_text.delta', (e) => { text += e.delta; });
    const final = await stream.finalResponse();
    const collapsed = types.filter((t, i) => t !== types[i - 1]);
    assert.deepEqual(collapsed, [
      'response.created', 'response.in_progress',
      'response.output_item.added', 'response.content_part.added', 'response.reasoning_text.delta', 'response.reasoning_text.done',
      'response.content_part.done', 'response.output_item.done',
      'response.output_item.added', 'response.content_part.added', 'response.output_text.delta', 'response.output_text.done',
      'response.content_part.done', 'response.output_item.done', 'response.completed',
    ]);
    assert.deepEqual(seqs, seqs.map((_, i) => i));
    assert.equal(final.output_text, text);
    assert.ok(emu().storedResponseIds().includes(final.id));
  });

  it('streams through responses.create({stream: true}) too', async () => {
    const stream = await client.responses.create({ model: 'openai.gpt-oss-20b', input: 'hello', stream: true });
    let completed: OpenAI.Responses.Response | undefined;
    let deltas = 0;
    for await (const e of stream) {
      if (e.type === 'response.output_text.delta') deltas++;
      if (e.type === 'response.completed') completed = e.response;
    }
    assert.ok(completed && completed.status === 'completed');
    assert.equal(deltas, completed.usage!.output_tokens - completed.usage!.output_tokens_details.reasoning_tokens);
  });

  it('remembers through previous_response_id and not without it', async () => {
    const first = await client.responses.create({ model: MODEL, input: [{ role: 'user', content: 'My name is Alice and I like cats.' }] });
    const chained = await client.responses.create({ model: MODEL, input: [{ role: 'user', content: 'What is my name and what do I like?' }], previous_response_id: first.id });
    assert.match(chained.output_text, /Alice/);
    assert.match(chained.output_text, /cats/);
    assert.equal(chained.previous_response_id, first.id);
    // The chained turn carries the stored history: more input tokens, reported as cached.
    assert.ok(chained.usage!.input_tokens > first.usage!.input_tokens);
    assert.ok(chained.usage!.input_tokens_details.cached_tokens > 0);
    assert.equal(first.usage!.input_tokens_details.cached_tokens, 0);

    const fresh = await client.responses.create({ model: MODEL, input: 'What is my name and what do I like?' });
    assert.doesNotMatch(fresh.output_text, /Alice|cats/);
    assert.match(fresh.output_text, /don't know/);
  });

  it('keeps chaining over several turns, with input tokens growing', async () => {
    let prev = await client.responses.create({ model: MODEL, input: 'My name is Bob.' });
    const inputs = [prev.usage!.input_tokens];
    for (const text of ['I like trains.', 'Nice weather today.']) {
      prev = await client.responses.create({ model: MODEL, input: text, previous_response_id: prev.id });
      inputs.push(prev.usage!.input_tokens);
    }
    const last = await client.responses.create({ model: MODEL, input: 'What is my name and what do I like?', previous_response_id: prev.id });
    assert.match(last.output_text, /Bob[\s\S]*trains/);
    assert.ok(inputs[0] < inputs[1] && inputs[1] < inputs[2]);
  });

  it('does not store store:false responses: not retrievable, not chainable', async () => {
    const res = await client.responses.create({ model: MODEL, input: 'My name is Carol.', store: false });
    assert.equal((res as unknown as { store: boolean }).store, false);
    assert.ok(!emu().storedResponseIds().includes(res.id));
    await assert.rejects(client.responses.retrieve(res.id), (e: unknown) => e instanceof OpenAI.NotFoundError);
    await assert.rejects(
      client.responses.create({ model: MODEL, input: 'What is my name?', previous_response_id: res.id }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'previous_response_not_found',
    );
  });

  it('answers previous_response_not_found for unknown and deleted ids', async () => {
    const unknown = 'resp_' + 'x'.repeat(52);
    await assert.rejects(
      client.responses.create({ model: MODEL, input: 'hi', previous_response_id: unknown }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'previous_response_not_found' && e.param === 'previous_response_id'
        && e.message.includes(`Previous response with id '${unknown}' not found.`),
    );
    const res = await client.responses.create({ model: MODEL, input: 'My name is Dan.' });
    await client.responses.delete(res.id);
    assert.ok(!emu().storedResponseIds().includes(res.id));
    await assert.rejects(client.responses.create({ model: MODEL, input: 'hi', previous_response_id: res.id }), (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'previous_response_not_found');
    const expired = await client.responses.create({ model: MODEL, input: 'My name is Eve.' });
    emu().deleteStored(expired.id);
    await assert.rejects(client.responses.retrieve(expired.id), (e: unknown) => e instanceof OpenAI.NotFoundError);
  });

  it('rejects /v1/responses for chat-only models with Mantle\'s validation_error', async () => {
    await assert.rejects(
      client.responses.create({ model: 'qwen.qwen3-coder-480b-a35b-instruct', input: 'hi' }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === 'validation_error' && e.type === 'invalid_request_error'
        && /The model 'qwen.qwen3-coder-480b-a35b-instruct' does not support the '\/v1\/responses' API/.test(e.message),
    );
  });

  it('accepts empty input and answers with invented text', async () => {
    const res = await client.responses.create({ model: MODEL, input: '' });
    assert.equal(res.status, 'completed');
    assert.ok(res.output_text.length > 20);
  });

  it('applies instructions to one turn only and does not carry them through the chain', async () => {
    const long = 'You are a meticulous assistant. '.repeat(20);
    const withInstr = await client.responses.create({ model: MODEL, instructions: long, input: 'hello' });
    const without = await client.responses.create({ model: MODEL, input: 'hello' });
    assert.equal(withInstr.instructions, long);
    assert.ok(withInstr.usage!.input_tokens > without.usage!.input_tokens + 100, 'instructions count as input for their own turn');
    const a = await client.responses.create({ model: MODEL, input: 'hello again', previous_response_id: withInstr.id });
    const b = await client.responses.create({ model: MODEL, input: 'hello again', previous_response_id: without.id });
    assert.equal(a.instructions, null);
    // Same stored history size either way: the first turn's instructions are not part of what the chain carries.
    assert.equal(a.usage!.input_tokens_details.cached_tokens, b.usage!.input_tokens_details.cached_tokens);
    assert.equal(a.usage!.input_tokens, b.usage!.input_tokens);
  });

  it('stops at max_output_tokens with status incomplete, in both modes', async () => {
    const res = await client.responses.create({ model: MODEL, input: 'Reply with 500 tokens.', max_output_tokens: 20 });
    assert.equal(res.status, 'incomplete');
    assert.deepEqual(res.incomplete_details, { reason: 'max_output_tokens' });
    assert.equal(res.usage!.output_tokens, 20);
    const stream = client.responses.stream({ model: MODEL, input: 'Reply with 500 tokens.', max_output_tokens: 20 });
    let sawIncomplete = false;
    stream.on('response.incomplete', () => { sawIncomplete = true; });
    const final = await stream.finalResponse();
    assert.ok(sawIncomplete);
    assert.equal(final.status, 'incomplete');
  });

  it('reasons more with higher reasoning.effort', async () => {
    const low = await client.responses.create({ model: MODEL, input: 'hi', reasoning: { effort: 'low' } });
    const high = await client.responses.create({ model: MODEL, input: 'hi', reasoning: { effort: 'high' } });
    assert.ok(high.usage!.output_tokens_details.reasoning_tokens > 2 * low.usage!.output_tokens_details.reasoning_tokens);
    assert.equal(high.reasoning!.effort, 'high');
  });

  it('runs background responses: queued at once, completed when polled later', async () => {
    const created = await client.responses.create({ model: MODEL, input: 'My name is Fay.', background: true });
    assert.ok(created.status === 'queued' || created.status === 'in_progress');
    assert.equal(created.output.length, 0);
    let polled = await client.responses.retrieve(created.id);
    for (let i = 0; i < 50 && polled.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      polled = await client.responses.retrieve(created.id);
    }
    assert.equal(polled.status, 'completed');
    assert.match(polled.output_text, /Fay/);
  });

  it('cancels a background response that is still running', async () => {
    const slow = new OpenAI({ apiKey: 'mantle-emulator-key', baseURL: emu().url, organization: null, project: null, defaultHeaders: { 'x-emulator-fault': 'first-token-ms=2000' } });
    const created = await slow.responses.create({ model: MODEL, input: 'hi', background: true });
    const cancelled = await client.responses.cancel(created.id);
    assert.equal(cancelled.status, 'cancelled');
    await new Promise((r) => setTimeout(r, 50));
    assert.equal((await client.responses.retrieve(created.id)).status, 'cancelled');
    const done = await client.responses.create({ model: MODEL, input: 'hi' });
    await assert.rejects(client.responses.cancel(done.id), (e: unknown) => e instanceof OpenAI.BadRequestError);
  });

  it('lists a stored response\'s input items', async () => {
    const res = await client.responses.create({ model: MODEL, input: [{ role: 'user', content: 'first' }, { role: 'user', content: 'second' }] });
    const page = await client.responses.inputItems.list(res.id, { order: 'asc' });
    const texts = page.data.map((i) => ((i as OpenAI.Responses.ResponseInputMessageItem).content[0] as { text: string }).text);
    assert.deepEqual(texts, ['first', 'second']);
  });
});
