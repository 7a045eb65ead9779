// Claude wired into every feature, against the emulator's December 2026 models: the product's turn engine (model
// router + the Mantle client for Chat/Responses + the Anthropic Messages client for Messages) under the real chat
// core, a compare with a Claude column, an editor command and the stateless path of the language-model provider.
// A Claude thread sends its whole history each turn with its signed thinking, reads the repeated part from the
// prompt cache, keeps the thinking when stored; switching to GPT-5.5 and back carries the history once.
import { strict as assert } from 'node:assert';
import { ChatCore } from '../../src/common/chat/chatCore';
import { formatTurnUsage } from '../../src/common/chat/usage';
import { readChatSeed } from '../../src/common/compare/chatSeed';
import { startComparison, type RunOutcome } from '../../src/common/compare/fanOut';
import { createSnapshot, runEnded, runStarted } from '../../src/common/compare/session';
import { comparisonTable } from '../../src/common/compare/table';
import { runEditorTurn } from '../../src/common/editor/editorTurn';
import { PREFER_RESPONSES, routedEngine, streamStateless, type TurnEngine } from '../../src/common/mantle/turnEngine';
import type { ReasoningEffort, TurnEvent } from '../../src/common/mantle/types';
import { ModelRouter } from '../../src/common/models/router';
import { effortsFor } from '../../src/common/models/reasoningEfforts';
import type { ModelOption } from '../../src/common/protocol';
import { Redactor } from '../../src/common/redact';
import { AnthropicMessagesClient } from '../../src/node/anthropicMessagesClient';
import type { ConnectionConfig } from '../../src/node/connection';
import type { MantleClient } from '../../src/node/mantleClient';
import { startEmulator, type RequestLogEntry, type RunningEmulator } from '../emulator/server';
import { bearer, captureLog, testClient } from './clientHelpers';
import { chatDeps, RecordingSurface, SerializingThreads } from '../kit/chat';
import { MapStore } from '../kit/stores';

const OPUS = 'anthropic.claude-opus-4-8';
const GPT55 = 'openai.gpt-5.5';
const GPT_OSS = 'openai.gpt-oss-120b';
const SCOPE = 'us-east-1|emulator';

type MessagesBody = {
  system?: unknown; thinking?: { type: string }; output_config?: { effort?: string };
  messages: { role: string; content: { type: string; text?: string; signature?: string; cache_control?: unknown }[] }[];
};
type ResponsesBody = { input?: unknown; previous_response_id?: string };

describe('Claude through every feature (product engine, emulator)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let mantle: MantleClient;
  let anthropic: AnthropicMessagesClient;
  let engine: TurnEngine;
  const posts = (): RequestLogEntry[] => emu.log.filter((e) => e.method === 'POST');

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, population: 'december-2026' });
    mantle = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key'), maxRetries: 0 }).client;
    const config: ConnectionConfig = { baseURL: emu.url, region: 'us-east-1', customEndpoint: true, auth: bearer('mantle-emulator-key'), maxRetries: 0, stallTimeoutMs: 10_000 };
    const redactor = new Redactor();
    anthropic = new AnthropicMessagesClient({ connection: async () => config, logger: captureLog().logger, redact: (s) => redactor.redact(s) });
    const router = new ModelRouter({ storage: new MapStore() });
    // As container.ts builds it: one client per API.
    engine = {
      ...routedEngine({ plan: (model, accept) => router.plan(SCOPE, model, accept) }, { chat: mantle, responses: mantle, messages: anthropic }),
      prefixFor: (model) => router.view(SCOPE, model).prefix,
    };
  });
  afterEach(async () => { await emu?.close(); });

  function chat(effort: ReasoningEffort = 'medium', store = new SerializingThreads()) {
    const surface = new RecordingSurface();
    const models: ModelOption[] = [OPUS, GPT55].map((id) => ({ id, api: id === OPUS ? 'messages' : 'responses', reasoning: true, efforts: [...effortsFor(id)] }));
    const core = new ChatCore(chatDeps({
      store, surface, mantle, turns: engine,
      prefs: { store: true, showReasoning: true, defaultModel: OPUS, effort, setShowReasoning: async () => undefined, setEffort: async () => undefined },
      models: { list: async () => models, apiFor: (id) => (id === OPUS ? 'messages' : 'responses') },
      now: () => Date.now(),
    }));
    const view = surface.view(core);
    const send = async (text: string) => {
      await core.receive({ type: 'send', threadId: core.activeThread?.id ?? '', text, background: false });
      return core.activeThread!;
    };
    const setModel = (model: string) => core.receive({ type: 'setModel', threadId: core.activeThread?.id ?? '', model });
    return { core, store, surface, send, setModel, view };
  }

  it('a Claude chat thread over three turns: whole history with signed thinking, cached input, thinking kept when stored', async () => {
    const { core, store, surface, send, view } = chat('medium');
    await view.ready();
    await send('My name is Alice.');
    await send('I like cats.');
    const thread = await send('What is my name and what do I like?');
    assert.deepEqual(thread.turns.map((t) => `${t.status} ${t.api}`), Array(3).fill('done messages'), JSON.stringify(thread.turns.map((t) => t.error)));
    assert.match(thread.turns[2]!.answer, /Alice/);
    assert.match(thread.turns[2]!.answer, /cats/);
    const calls = posts();
    assert.deepEqual(calls.map((e) => `${e.path} ${e.status}`), Array(3).fill('/anthropic/v1/messages 200'), 'never an OpenAI path, never refused');

    // Each request carries the whole conversation, earlier answers with their signed thinking, adaptive thinking on.
    const bodies = calls.map((e) => e.body as unknown as MessagesBody);
    assert.deepEqual(bodies.map((b) => b.messages.length), [1, 3, 5]);
    for (const b of bodies) assert.deepEqual([b.thinking?.type, b.output_config?.effort], ['adaptive', 'medium']);
    const sentBack = bodies[2]!.messages.filter((m) => m.role === 'assistant').map((m) => m.content.map((c) => c.type).join('+'));
    assert.deepEqual(sentBack, ['thinking+text', 'thinking+text']);
    assert.ok(bodies[2]!.messages[1]!.content[0]!.signature, 'the signature went back');

    // Turn 3 reads the repeated prefix from the prompt cache and says so in its usage line.
    const usage = thread.turns[2]!.usage!;
    assert.ok(usage.cachedTokens > 0, JSON.stringify(usage));
    assert.ok(usage.cacheWriteTokens !== undefined && usage.cacheWriteTokens > 0, JSON.stringify(usage));
    assert.match(formatTurnUsage(usage, 1, 2), /cached \d+ read · \d+ written/);

    // Thinking streamed as reasoning, is shown as reasoning, and the signed blocks survive storage but not the view.
    assert.ok(thread.turns.every((t) => t.reasoning.length > 0));
    const stored = store.stored(thread.id)!;
    assert.deepEqual(stored.turns.map((t) => t.thinking?.length ?? 0), [1, 1, 1]);
    assert.equal(stored.turns[0]!.thinking![0]!.signature, thread.turns[0]!.thinking![0]!.signature);
    const states = [...surface.states(), ...view.seen.filter((p) => p.type === 'state')];
    assert.ok(states.length > 0 && states.every((s) => !JSON.stringify(s).includes('"signature"')), 'signatures never reach the webview');
    core.dispose();
  });

  it('a reloaded Claude thread continues: the stored signed thinking goes back on the next turn', async () => {
    const first = chat('low');
    await first.view.ready();
    const before = await first.send('My name is Alice.');
    first.core.dispose();
    // A new core over the same storage (a window reload): the thread comes back from its serialized form.
    const again = chat('low', first.store);
    assert.equal(again.core.activeThread?.id, before.id);
    const t = await again.send('What is my name?');
    assert.equal(t.turns[1]?.status, 'done', JSON.stringify(t.turns[1]?.error));
    assert.match(t.turns[1]!.answer, /Alice/);
    const body = posts().at(-1)!.body as unknown as MessagesBody;
    assert.equal(body.messages[1]!.content[0]!.signature, before.turns[0]!.thinking![0]!.signature);
    again.core.dispose();
  });

  it('effort none is a Claude turn without thinking', async () => {
    const { core, send, view } = chat('none');
    await view.ready();
    const t = await send('Hello');
    assert.equal(t.turns[0]?.status, 'done');
    const body = posts().at(-1)!.body as unknown as MessagesBody;
    assert.equal(body.thinking, undefined);
    assert.equal(t.turns[0]!.reasoning, '');
    assert.equal(t.turns[0]!.thinking, undefined);
    core.dispose();
  });

  it('switching a thread Claude → GPT-5.5 → Claude carries the history once each way, then GPT-5.5 chains again', async () => {
    const { core, send, setModel, view } = chat('low');
    await view.ready();
    await send('My name is Alice.');
    await setModel(GPT55);
    await send('I like cats.');
    await send('What is my name?');
    await setModel(OPUS);
    const t = await send('What is my name and what do I like?');
    assert.deepEqual(t.turns.map((x) => `${x.status} ${x.model} ${x.api}`), [
      `done ${OPUS} messages`, `done ${GPT55} responses`, `done ${GPT55} responses`, `done ${OPUS} messages`,
    ], JSON.stringify(t.turns.map((x) => x.error)));
    assert.match(t.turns[3]!.answer, /Alice/);
    assert.match(t.turns[3]!.answer, /cats/);
    const calls = posts();
    assert.deepEqual(calls.map((e) => e.path), ['/anthropic/v1/messages', '/openai/v1/responses', '/openai/v1/responses', '/anthropic/v1/messages']);
    const [, switched, chained] = calls.map((e) => e.body as unknown as ResponsesBody);
    // The first GPT-5.5 turn carries Claude's turn once (no chain to the Anthropic side); the next chains on it.
    assert.equal(switched!.previous_response_id, undefined);
    assert.equal((switched!.input as unknown[]).length, 3);
    assert.ok(JSON.stringify(switched!.input).includes('Alice'));
    assert.match(chained!.previous_response_id ?? '', /^resp_/);
    assert.ok(!JSON.stringify(chained!.input).includes('Alice'), 'the chained turn does not resend the history');
    // Back on Claude the whole local history goes: four earlier messages plus the new one, Claude's with its thinking.
    const back = calls[3]!.body as unknown as MessagesBody;
    assert.equal(back.messages.length, 7);
    assert.deepEqual(back.messages.filter((m) => m.role === 'assistant').map((m) => m.content[0]!.type), ['thinking', 'text', 'text']);
    core.dispose();
  });

  it('compares Claude with GPT-5.5 and gpt-oss: each column through its own API and route', async () => {
    const models = [OPUS, GPT55, GPT_OSS];
    const outcomes = new Map<number, RunOutcome>();
    const reasoning = new Map<number, string>();
    const running = startComparison({ mantle, apiFor: () => 'chat', turns: engine }, { models, prompt: 'Hello there', runs: 1, store: true, effort: 'low' }, {
      onRunStart: () => undefined,
      onEvent: (c, _r, e: TurnEvent) => { if (e.kind === 'reasoning') reasoning.set(c, (reasoning.get(c) ?? '') + e.delta); },
      onRunEnd: (c, _r, o) => { outcomes.set(c, o); },
    });
    await running.done;
    const summary = models.map((_, c) => { const o = outcomes.get(c); return o?.ok ? o.result.api : `failed ${o?.error?.message}`; });
    assert.deepEqual(summary, ['messages', 'responses', 'responses']);
    const claude = outcomes.get(0);
    assert.ok(claude?.ok && /Hello/i.test(claude.result.text));
    assert.ok((reasoning.get(0) ?? '').length > 0, 'Claude thought (effort low)');
    // The panel's table names the API each column went through; "Continue in Chat" keeps Claude's API.
    let snapshot = createSnapshot({ id: 'c', prompt: 'Hello there', runs: 1, showReasoning: true, models: models.map((id) => ({ id, name: id })) });
    for (const [c, o] of outcomes) { snapshot = runStarted(snapshot, c, 0, o.ok ? o.result.api : 'chat'); snapshot = runEnded(snapshot, c, 0, o, true); }
    assert.deepEqual(comparisonTable(snapshot).rows.map((r) => r[1]), ['Anthropic Messages', 'Responses', 'Responses']);
    assert.equal(readChatSeed({ prompt: 'Hello there', answer: 'Hi', api: 'messages' })?.api, 'messages');
    assert.deepEqual(posts().map((e) => `${e.model} ${e.path}`).sort(), [
      `${OPUS} /anthropic/v1/messages`, `${GPT55} /openai/v1/responses`, `${GPT_OSS} /v1/responses`,
    ]);
  });

  it('an editor command and the language-model provider\'s stateless turn answer through Messages', async () => {
    const fix = await runEditorTurn(engine, {
      model: OPUS,
      messages: [{ role: 'system', content: 'You fix code. Reply with the fixed code only.' }, { role: 'user', content: 'Fix this TypeScript:\n```ts\nfunction add(a: number, b: number) { return a - b; }\n```' }],
      maxOutputTokens: 2000,
    }, () => undefined);
    assert.equal(fix.api, 'messages');
    assert.match(fix.text, /```/);
    const editorBody = posts().at(-1)!.body as unknown as MessagesBody & { max_tokens: number };
    assert.ok(editorBody.system, 'the system text went to `system`');
    assert.equal(editorBody.max_tokens, 2000);

    // What the provider does (mantleChatProvider.ts): VS Code's whole conversation, Responses-first acceptance.
    const lm = await streamStateless(engine, OPUS, (api) => ({
      model: OPUS, api, messages: [
        { role: 'user', content: 'My name is Alice and I like cats.' },
        { role: 'assistant', content: 'Nice to meet you, Alice!' },
        { role: 'user', content: 'What is my name and what do I like?' },
      ],
    }), () => undefined, undefined, PREFER_RESPONSES);
    assert.equal(lm.api, 'messages');
    assert.match(lm.text, /Alice/);
    assert.match(lm.text, /cats/);
    assert.deepEqual(posts().map((e) => e.path), ['/anthropic/v1/messages', '/anthropic/v1/messages']);
  });
});
