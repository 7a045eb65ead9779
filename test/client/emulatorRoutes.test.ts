// The emulator as PROTOCOL-2026-12 §9 decides it: the three route families, every model-dependent error row of §1.5
// with its exact status and body, the /openai/v1 Responses stream shape, ids, call_<n>, headers and the switches.
// Driven with the official openai SDK where it can send the request, and with raw fetch where the bytes matter.
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { MODEL_CATALOG } from '../../src/common/models/catalog';
import { ModelRouter, classifyRouteAnswer, routePath, type Route } from '../../src/common/models/router';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorSdk, sdkError } from './clientHelpers';

const KEY = 'mantle-emulator-key';
const EXPOSE = 'x-amzn-requestid,x-request-id,date,x-amzn-usage-reservation-quota,x-amzn-usage-reservation-remaining-quota,x-amzn-usage-reservation-spillover';

interface Raw { status: number; text: string; headers: Headers; json<T = Record<string, unknown>>(): T }

async function raw(url: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Raw> {
  const res = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...init.headers },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  return { status: res.status, text, headers: res.headers, json: <T>() => JSON.parse(text) as T };
}

/** The exact OpenAI-envelope body of a route/API error (§1.5 A–D, F). */
const openAiError = (code: string, message: string, type = 'invalid_request_error'): unknown => ({ error: { code, message, param: null, type } });

describe('emulator: route families and the §1.5 error rows (December 2026 catalogue)', () => {
  let emu: RunningEmulator;
  let v1: OpenAI;
  let openai: OpenAI;
  before(async () => {
    emu = await startEmulator({ population: 'december-2026' });
    v1 = emulatorSdk(emu.url, { maxRetries: 0 });
    openai = emulatorSdk(`${emu.origin}/openai/v1`, { maxRetries: 0 });
  });
  after(() => emu.close());

  it('lists every model on /v1/models, each with status; a retention-blocked model is unavailable with its reason', async () => {
    const list = await raw(`${emu.url}/models`);
    const data = list.json<{ data: { id: string; status: string; status_reason?: string; owned_by: string }[] }>().data;
    assert.equal(data.length, 61);
    assert.ok(data.some((m) => m.id === 'openai.gpt-5.5') && data.some((m) => m.id === 'anthropic.claude-opus-4-8'));
    assert.deepEqual(data.filter((m) => m.status === 'unavailable').map((m) => [m.id, m.status_reason]), [
      ['anthropic.claude-fable-5', "This model is not available under data retention mode 'default'."],
      ['anthropic.claude-fable-5-1', "This model is not available under data retention mode 'default'."],
    ]);
    assert.ok(data.every((m) => m.owned_by === 'system'));
  });

  it('GET /v1/models/{id} carries status and data_retention; an unknown id is row F', async () => {
    const one = await openai.models.retrieve('xai.grok-4.3').catch(() => undefined);
    assert.equal(one, undefined, '/openai/v1/models/{id} is a 404 by default');
    const model = (await v1.models.retrieve('xai.grok-4.3')) as unknown as Record<string, unknown>;
    assert.equal(model.status, 'available');
    assert.deepEqual((model.data_retention as { mode: string }).mode, 'default');
    const fable = (await v1.models.retrieve('anthropic.claude-fable-5')) as unknown as Record<string, unknown>;
    assert.equal(fable.status, 'unavailable');
    const missing = await raw(`${emu.url}/models/us.openai.gpt-5.5`);
    assert.equal(missing.status, 404);
    assert.deepEqual(missing.json(), openAiError('not_found_error', "The model 'us.openai.gpt-5.5' does not exist"));
  });

  it('G: /openai/v1/models (by default), /v1/messages and other unknown paths are a bare 404 with an empty body', async () => {
    for (const path of ['/openai/v1/models', '/v1/messages', '/openai/v1/completions', '/anthropic/v1/models', '/v2/models']) {
      const res = await raw(`${emu.origin}${path}`, { method: path.endsWith('messages') ? 'POST' : 'GET', body: path.endsWith('messages') ? {} : undefined });
      assert.equal(res.status, 404, path);
      assert.equal(res.text, '', path);
    }
  });

  it('A: an /openai/v1 model on /v1/chat/completions is refused "isn\'t supported on this route"', async () => {
    const res = await raw(`${emu.url}/chat/completions`, { body: { model: 'xai.grok-4.3', messages: [{ role: 'user', content: 'hi' }] } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), openAiError('validation_error', 'model `xai.grok-4.3` isn\'t supported on this route'));
    const e = await sdkError(v1.chat.completions.create({ model: 'openai.gpt-5.6-terra', messages: [{ role: 'user', content: 'hi' }] }));
    assert.equal(e.status, 400);
    assert.equal(e.code, 'validation_error');
    assert.equal((e.error as { message: string }).message, 'model `openai.gpt-5.6-terra` isn\'t supported on this route');
  });

  it('B: a /v1 model on any /openai/v1 path is refused the same way', async () => {
    for (const call of [
      () => openai.chat.completions.create({ model: 'google.gemma-3-27b-it', messages: [{ role: 'user', content: 'hi' }] }),
      () => openai.responses.create({ model: 'google.gemma-3-27b-it', input: 'hi' }),
      () => openai.responses.create({ model: 'openai.gpt-oss-120b', input: 'hi' }),
    ]) {
      const e = await sdkError(call());
      assert.equal(e.status, 400);
      assert.match((e.error as { message: string }).message, /^model `[^`]+` isn't supported on this route$/);
    }
  });

  it('C: an /openai/v1 model on /v1/responses gets the API-error text for \'/v1/responses\'', async () => {
    const res = await raw(`${emu.url}/responses`, { body: { model: 'openai.gpt-5.6-terra', input: 'hi' } });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), openAiError('validation_error', "The model 'openai.gpt-5.6-terra' does not support the '/v1/responses' API"));
  });

  it('D: a model served but not on this API, with the request path echoed', async () => {
    const cases: [string, string, unknown][] = [
      ['/v1/chat/completions', 'anthropic.claude-opus-4-7', { messages: [{ role: 'user', content: 'hi' }] }],
      ['/v1/responses', 'anthropic.claude-opus-4-7', { input: 'hi' }],
      ['/openai/v1/responses', 'anthropic.claude-haiku-4-5', { input: 'hi' }],
      ['/v1/responses', 'openai.gpt-oss-safeguard-120b', { input: 'hi' }],
      ['/openai/v1/chat/completions', 'openai.gpt-5.5', { messages: [{ role: 'user', content: 'hi' }] }],
    ];
    for (const [path, model, body] of cases) {
      const res = await raw(`${emu.origin}${path}?x=1`, { body: { model, ...(body as object) } });
      assert.equal(res.status, 400, path);
      assert.deepEqual(res.json(), openAiError('validation_error', `The model '${model}' does not support the '${path}' API`), `${model} on ${path}`);
    }
  });

  it('E: a non-Anthropic model on /anthropic/v1/messages, in the Anthropic envelope with the request id', async () => {
    const res = await raw(`${emu.origin}/anthropic/v1/messages`, {
      body: { model: 'qwen.qwen3-32b', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] },
      headers: { authorization: '', 'x-api-key': KEY, 'anthropic-version': '2023-06-01' },
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.json(), {
      type: 'error', request_id: res.headers.get('x-request-id'),
      error: { type: 'invalid_request_error', message: "The model 'qwen.qwen3-32b' does not support the '/anthropic/v1/messages' API" },
    });
  });

  it('J: a retention-blocked model is refused with its status_reason (403, see README)', async () => {
    const res = await raw(`${emu.origin}/anthropic/v1/messages`, { body: { model: 'anthropic.claude-fable-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] } });
    assert.equal(res.status, 403);
    assert.equal(res.json<{ error: { message: string } }>().error.message, "This model is not available under data retention mode 'default'.");
    const reviewed = await startEmulator({ population: 'december-2026', retentionMode: 'aws_review' });
    try {
      const ok = await raw(`${reviewed.origin}/anthropic/v1/messages?beta=true`, { body: { model: 'anthropic.claude-fable-5', max_tokens: 50, messages: [{ role: 'user', content: 'hi' }] } });
      assert.equal(ok.status, 200);
      const body = ok.json<{ id: string; model: string; content: { text: string }[] }>();
      assert.match(body.id, /^msg_bdrk_[a-z2-7]{52}$/);
      assert.equal(body.model, 'claude-fable-5', 'the model is echoed without the anthropic. prefix');
      assert.ok(body.content[0].text.length > 0);
    } finally {
      await reviewed.close();
    }
  });

  it('serves Claude on /anthropic/v1/messages (streamed in the Anthropic grammar; the rest is in emulatorMessages.test.ts)', async () => {
    const res = await fetch(`${emu.origin}/anthropic/v1/messages`, {
      method: 'POST', headers: { 'x-api-key': KEY, 'content-type': 'application/json', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'anthropic.claude-opus-4-8', max_tokens: 200, stream: true, messages: [{ role: 'user', content: 'hello' }] }),
    });
    const events = [...(await res.text()).matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(events.filter((t, i) => t !== events[i - 1]),
      ['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
    const count = await raw(`${emu.origin}/anthropic/v1/messages/count_tokens`, { body: { model: 'anthropic.claude-opus-4-8', messages: [{ role: 'user', content: 'hello' }] } });
    assert.ok(count.json<{ input_tokens: number }>().input_tokens > 0);
  });

  it('sets x-amzn-requestid, x-request-id and access-control-expose-headers on answers, errors and streams', async () => {
    const answers = [
      await raw(`${emu.url}/models`),
      await raw(`${emu.url}/chat/completions`, { body: { model: 'xai.grok-4.3', messages: [{ role: 'user', content: 'hi' }] } }),
      await raw(`${emu.origin}/openai/v1/responses`, { body: { model: 'openai.gpt-5.5', input: 'hi', stream: true } }),
      await raw(`${emu.origin}/nowhere`),
    ];
    for (const a of answers) {
      assert.equal(a.headers.get('access-control-expose-headers'), EXPOSE);
      assert.ok(a.headers.get('x-request-id'));
      assert.equal(a.headers.get('x-request-id'), a.headers.get('x-amzn-requestid'));
    }
  });
});

describe('emulator: /openai/v1 Responses', () => {
  let emu: RunningEmulator;
  let openai: OpenAI;
  before(async () => {
    emu = await startEmulator({ population: 'december-2026' });
    openai = emulatorSdk(`${emu.origin}/openai/v1`, { maxRetries: 0 });
  });
  after(() => emu.close());

  it('streams each frame as a data: line then an event: line, with no [DONE]', async () => {
    const res = await raw(`${emu.origin}/openai/v1/responses`, { body: { model: 'openai.gpt-5.5', input: 'hello', stream: true } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const frames = res.text.split('\n\n').filter(Boolean);
    assert.ok(frames.length > 5);
    for (const frame of frames) {
      const lines = frame.split('\n');
      assert.equal(lines.length, 2, frame);
      assert.match(lines[0], /^data: \{/);
      const type = (JSON.parse(lines[0].slice(6)) as { type: string }).type;
      assert.equal(lines[1], `event: ${type}`);
    }
    assert.ok(!res.text.includes('[DONE]'));
    assert.match(frames.at(-1)!, /^data: \{"type":"response.completed"/);
  });

  it('is read by the SDK\'s strict responses.stream(), with Mantle\'s ids, phase and no reasoning item unless asked for', async () => {
    const stream = openai.responses.stream({ model: 'openai.gpt-5.6-luna', input: 'Tell me about Mantle.' });
    let text = '';
    const seqs: number[] = [];
    stream.on('event', (e) => seqs.push(e.sequence_number));
    stream.on('response.output_text.delta', (e) => { text += e.delta; });
    const final = await stream.finalResponse();
    assert.deepEqual(seqs, seqs.map((_, i) => i));
    assert.equal(final.output_text, text);
    assert.match(final.id, /^resp_[a-z2-7]{52}$/);
    assert.deepEqual(final.output.map((o) => o.type), ['message']);
    const message = final.output[0] as OpenAI.Responses.ResponseOutputMessage & { phase?: string };
    assert.match(message.id, /^msg_[0-9a-f]{32}$/);
    assert.equal(message.phase, 'final_answer');
    assert.ok(final.usage!.output_tokens_details.reasoning_tokens > 0, 'the reasoning still counts');

    const withReasoning = await openai.responses.create({ model: 'openai.gpt-5.6-luna', input: 'hi', include: ['reasoning.encrypted_content'] });
    const reasoning = withReasoning.output[0] as OpenAI.Responses.ResponseReasoningItem;
    assert.equal(reasoning.type, 'reasoning');
    assert.match(reasoning.id, /^rs_[0-9a-f]{32}$/);
    assert.match(reasoning.encrypted_content ?? '', /^rsn_/);
  });

  it('keeps gpt-oss on /v1 in its own shape: msg_ + 16 hex for reasoning and message, created_at a float', async () => {
    const res = await emulatorSdk(emu.url, { maxRetries: 0 }).responses.create({ model: 'openai.gpt-oss-120b', input: 'hi' });
    assert.deepEqual(res.output.map((o) => o.type), ['reasoning', 'message']);
    for (const item of res.output) assert.match(item.id ?? '', /^msg_[0-9a-f]{16}$/);
    assert.ok(!Number.isInteger(res.created_at), String(res.created_at));
  });

  it('chains three turns with previous_response_id; the model may be left out when chaining', async () => {
    const first = await openai.responses.create({ model: 'openai.gpt-5.5', input: 'My name is Alice and I like cats.' });
    const second = await openai.responses.create({ model: 'openai.gpt-5.5', input: 'Nice.', previous_response_id: first.id });
    const third = await raw(`${emu.origin}/openai/v1/responses`, { body: { input: 'What is my name and what do I like?', previous_response_id: second.id } });
    assert.equal(third.status, 200);
    const body = third.json<{ model: string; output: { type: string; content?: { text: string }[] }[] }>();
    assert.equal(body.model, 'openai.gpt-5.5');
    assert.match(body.output.find((o) => o.type === 'message')!.content![0].text, /Alice.*cats/);
  });

  it('mints call_<n> per response: the same call_0 in consecutive responses, unique fc_ ids', async () => {
    const tools: OpenAI.Responses.FunctionTool[] = ['first_tool', 'second_tool'].map((name) => ({ type: 'function', name, parameters: {}, strict: false }));
    const a = await openai.responses.create({ model: 'openai.gpt-5.5', input: 'call second_tool then first_tool', tools });
    const b = await openai.responses.create({ model: 'openai.gpt-5.5', input: 'now only first_tool please', tools });
    const calls = (r: OpenAI.Responses.Response) => r.output.filter((o): o is OpenAI.Responses.ResponseFunctionToolCall => o.type === 'function_call');
    assert.deepEqual(calls(a).map((c) => [c.call_id, c.name]), [['call_0', 'second_tool'], ['call_1', 'first_tool']]);
    assert.deepEqual(calls(b).map((c) => [c.call_id, c.name]), [['call_0', 'first_tool']]);
    const fcIds = [...calls(a), ...calls(b)].map((c) => c.id!);
    assert.ok(fcIds.every((id) => /^fc_[0-9a-f]{32}$/.test(id)));
    assert.equal(new Set(fcIds).size, 3);

    // The tool result goes back with the raw call id, and the model answers from it.
    const answer = await openai.responses.create({
      model: 'openai.gpt-5.5', previous_response_id: b.id, tools,
      input: [{ type: 'function_call_output', call_id: 'call_0', output: 'first result' }],
    });
    assert.ok(answer.output_text.length > 0);
    assert.equal(calls(answer).length, 0);
  });

  it('streams a function call as output_item.added, arguments delta/done, output_item.done', async () => {
    const stream = openai.responses.stream({ model: 'openai.gpt-5.6-terra', input: 'use lookup', tools: [{ type: 'function', name: 'lookup', parameters: {}, strict: false }] });
    const types: string[] = [];
    stream.on('event', (e) => types.push(e.type));
    const final = await stream.finalResponse();
    assert.deepEqual(types, ['response.created', 'response.in_progress', 'response.output_item.added', 'response.function_call_arguments.delta',
      'response.function_call_arguments.done', 'response.output_item.done', 'response.completed']);
    assert.equal((final.output[0] as OpenAI.Responses.ResponseFunctionToolCall).call_id, 'call_0');
  });

  it('L: a call_id longer than 64 characters is refused (400)', async () => {
    const e = await sdkError(openai.responses.create({
      model: 'openai.gpt-5.5', input: [{ type: 'function_call_output', call_id: 'c'.repeat(65), output: 'x' }],
    }));
    assert.equal(e.status, 400);
    assert.equal(e.param, 'input[0].call_id');
    const ok = await openai.responses.create({ model: 'openai.gpt-5.5', input: [{ type: 'function_call_output', call_id: 'c'.repeat(64), output: 'x' }] });
    assert.equal(ok.status, 'completed');
  });

  it('I: a model time-out is HTTP 200 with status "failed", in a plain answer and in a stream', async () => {
    emu.setFaults([{ kind: 'model-timeout', path: '/openai/v1/responses', times: 2 }]);
    const res = await openai.responses.create({ model: 'openai.gpt-5.5', input: 'hi' });
    assert.equal(res.status, 'failed');
    assert.deepEqual(res.error, { code: 'server_error', message: 'The request timed out before the model produced a response.' });
    assert.deepEqual(res.output, []);
    const streamed = await raw(`${emu.origin}/openai/v1/responses`, { body: { model: 'openai.gpt-5.5', input: 'hi', stream: true } });
    assert.equal(streamed.status, 200);
    const types = [...streamed.text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(types, ['response.created', 'response.in_progress', 'response.failed']);
  });
});

describe('emulator: switches', () => {
  it('C′: with the Berm switch, /openai/v1 models on /v1 get 401 "Berm is not enabled"; /openai/v1 still answers', async () => {
    const emu = await startEmulator({ population: 'december-2026', bermOnV1: true });
    try {
      for (const [path, body] of [['/chat/completions', { messages: [{ role: 'user', content: 'hi' }] }], ['/responses', { input: 'hi' }]] as const) {
        const res = await raw(`${emu.url}${path}`, { body: { model: 'google.gemma-4-31b', ...body } });
        assert.equal(res.status, 401, path);
        assert.deepEqual(res.json(), openAiError('access_denied', 'Berm is not enabled for this account', 'permission_denied_error'));
      }
      const e = await sdkError(emulatorSdk(emu.url, { maxRetries: 0 }).chat.completions.create({ model: 'xai.grok-4.3', messages: [{ role: 'user', content: 'hi' }] }));
      assert.ok(e instanceof OpenAI.AuthenticationError);
      const ok = await emulatorSdk(`${emu.origin}/openai/v1`, { maxRetries: 0 }).chat.completions.create({ model: 'google.gemma-4-31b', messages: [{ role: 'user', content: 'hi' }] });
      assert.ok(ok.choices[0].message.content);
    } finally {
      await emu.close();
    }
  });

  it('H: a Claude model the account is not granted is 403 permission_error; M: 529 overloaded_error, both in the Anthropic envelope', async () => {
    const emu = await startEmulator({ population: 'december-2026', claudeNotEnabled: ['anthropic.claude-opus-4-7'] });
    try {
      const body = (model: string) => ({ model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });
      const denied = await raw(`${emu.origin}/anthropic/v1/messages`, { body: body('anthropic.claude-opus-4-7') });
      assert.equal(denied.status, 403);
      assert.deepEqual(denied.json(), {
        type: 'error', request_id: denied.headers.get('x-request-id'),
        error: { type: 'permission_error', message: 'anthropic.claude-opus-4-7 is not available for this account.' },
      });
      assert.equal((await raw(`${emu.origin}/anthropic/v1/messages`, { body: body('anthropic.claude-opus-4-8') })).status, 200);
      emu.setFaults([{ kind: '529', path: '/anthropic/v1/messages' }]);
      const overloaded = await raw(`${emu.origin}/anthropic/v1/messages`, { body: body('anthropic.claude-opus-4-8') });
      assert.equal(overloaded.status, 529);
      assert.equal(overloaded.json<{ error: { type: string } }>().error.type, 'overloaded_error');
    } finally {
      await emu.close();
    }
  });

  it('/openai/v1/models can mirror the /v1 list', async () => {
    const emu = await startEmulator({ population: 'december-2026', openaiModels: 'mirror' });
    try {
      const ids: string[] = [];
      for await (const m of emulatorSdk(`${emu.origin}/openai/v1`).models.list()) ids.push(m.id);
      assert.equal(ids.length, 61);
    } finally {
      await emu.close();
    }
  });

  it('the default population stays the March-2026 one: 38 models, all on /v1', async () => {
    const emu = await startEmulator();
    try {
      const res = await raw(`${emu.url}/models`);
      assert.equal(res.json<{ data: unknown[] }>().data.length, 38);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator against the product: catalogue and router', () => {
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ population: 'december-2026', retentionMode: 'aws_review' }); });
  after(() => emu.close());

  const request = (r: Route, model: string): unknown =>
    (r.api === 'chat' ? { model, messages: [{ role: 'user', content: 'hi' }] }
      : r.api === 'responses' ? { model, input: 'hi' }
        : { model, max_tokens: 20, messages: [{ role: 'user', content: 'hi' }] });

  async function call(r: Route, model: string): Promise<Raw> {
    return raw(`${emu.origin}${routePath(r)}`, { body: request(r, model) });
  }

  it('every route and API the shipped catalogue names is answered by the emulator\'s own table', async () => {
    for (const entry of MODEL_CATALOG) {
      for (const api of entry.apis) {
        const res = await call({ prefix: entry.path, api }, entry.id);
        assert.equal(res.status, 200, `${entry.id} on ${routePath({ prefix: entry.path, api })}: ${res.text}`);
      }
    }
  });

  it('the router, with a deliberately wrong catalogue entry, has the route right after one failed request', async () => {
    const wrong = { ...MODEL_CATALOG.find((e) => e.id === 'openai.gpt-5.5')!, path: '/v1' as const, apis: ['chat' as const], responses: false };
    const router = new ModelRouter({ catalog: [wrong] });
    const scope = `us-east-1|${emu.url}`;
    const plan = router.plan(scope, 'openai.gpt-5.5', ['responses', 'chat']);
    const statuses: number[] = [];
    for (let step = plan.next(); step.kind === 'try'; ) {
      const res = await call(step.route, 'openai.gpt-5.5');
      statuses.push(res.status);
      const message = res.status >= 400 ? res.json<{ error: { message: string } }>().error.message : undefined;
      step = plan.report(classifyRouteAnswer(res.status, message));
      if (step.kind !== 'try') assert.equal(step.kind, 'done');
    }
    assert.deepEqual(statuses, [400, 200]);
    assert.deepEqual(plan.attempts.map(routePath), ['/v1/chat/completions', '/openai/v1/responses']);
    assert.deepEqual(router.view(scope, 'openai.gpt-5.5'), { prefix: '/openai/v1', apis: ['responses'], source: 'learned' });
  });
});
