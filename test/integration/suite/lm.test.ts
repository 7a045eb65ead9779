// Mantle models inside VS Code's own chat, in the real extension host against the runner's emulator: the provider
// seen through vscode.lm (list, streamed answers over both APIs, cancellation, error codes, token counts) and the
// @mantle participant's handler driven directly with a recording ChatResponseStream (the chat UI itself is not
// driven here: code-server has no chat view without a chat extension).
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import { executeTurn } from '../../../src/common/mantle/turnEngine';
import { emulatorAdminUrl, emulatorLog } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';

const VENDOR = 'bedrock-mantle';

interface LogEntry { seq: number; method: string; path: string; status: number; model?: string; clientClosedEarly: boolean; body?: Record<string, unknown> }

async function lastRequestFor(model: string): Promise<LogEntry> {
  const hit = [...await emulatorLog<LogEntry>()].reverse().find((e) => e.method === 'POST' && e.model === model);
  assert.ok(hit, `no request for ${model} in the emulator log`);
  return hit;
}

async function setFaults(specs: unknown[]): Promise<void> {
  const res = await fetch(emulatorAdminUrl('faults'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(specs) });
  assert.equal(res.status, 200, await res.text());
}

async function mantleModel(id: string): Promise<vscode.LanguageModelChat> {
  const [model] = await vscode.lm.selectChatModels({ vendor: VENDOR, id });
  assert.ok(model, `${id} is not offered by vscode.lm`);
  return model;
}

/** Everything a participant pushed, in order. */
class RecordingStream implements vscode.ChatResponseStream {
  readonly markdowns: string[] = [];
  readonly progresses: string[] = [];
  readonly buttons: vscode.Command[] = [];
  get text(): string { return this.markdowns.join(''); }
  markdown(value: string | vscode.MarkdownString): void { this.markdowns.push(typeof value === 'string' ? value : value.value); }
  anchor(): void { /* not used by the participant */ }
  button(command: vscode.Command): void { this.buttons.push(command); }
  filetree(): void { /* not used by the participant */ }
  progress(value: string): void { this.progresses.push(value); }
  reference(): void { /* not used by the participant */ }
  push(): void { /* not used by the participant */ }
}

function chatRequest(prompt: string, command?: string): vscode.ChatRequest {
  // The handler reads prompt, command and model; the rest is present for the type only.
  return { prompt, command, references: [], toolReferences: [], toolInvocationToken: undefined as never, model: undefined as never } as vscode.ChatRequest;
}

describe('language models: provider (vendor bedrock-mantle) and @mantle', () => {
  let container: Container;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
  });

  it('registers the provider with the live model list', async () => {
    const live = (await container.models.getModels()).map((m) => m.id).sort();
    const models = await eventually(async () => {
      const m = await vscode.lm.selectChatModels({ vendor: VENDOR });
      return m.length ? m : undefined;
    }, 'Mantle models in vscode.lm');
    assert.ok(models);
    assert.deepEqual(models.map((m) => m.id).sort(), live);
    assert.equal(models.length, 38);
    const gpt = models.find((m) => m.id === 'openai.gpt-oss-120b');
    assert.equal(gpt?.name, 'GPT-OSS 120B');
    assert.equal(gpt?.family, 'gpt-oss');
    assert.equal(gpt?.vendor, VENDOR);
    assert.equal(gpt?.maxInputTokens, 131_072 - 32_768);
  });

  it('is reachable through vscode.lm even with "chat.disableAIFeatures" on (the runner\'s quiet setting)', async function () {
    // The setting hides VS Code's chat UI; the language-model API for extensions stays available.
    if (vscode.workspace.getConfiguration('chat').get<boolean>('disableAIFeatures') !== true) this.skip();
    const [model] = await vscode.lm.selectChatModels({ vendor: VENDOR, id: 'qwen.qwen3-32b' });
    assert.ok(model);
    let text = '';
    for await (const t of (await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello')])).text) text += t;
    assert.match(text, /Hello!/);
  });

  it('streams a Responses answer for gpt-oss, sending the whole history statelessly', async () => {
    const model = await mantleModel('openai.gpt-oss-20b');
    const response = await model.sendRequest([
      vscode.LanguageModelChatMessage.User('My name is Alice and I like cats.'),
      vscode.LanguageModelChatMessage.Assistant('Nice to meet you, Alice!'),
      vscode.LanguageModelChatMessage.User('What is my name and what do I like?'),
    ], {}, new vscode.CancellationTokenSource().token);
    const chunks: string[] = [];
    for await (const t of response.text) chunks.push(t);
    const text = chunks.join('');
    assert.match(text, /Alice/);
    assert.match(text, /cats/);
    assert.ok(chunks.length > 1, `expected a streamed answer, got ${chunks.length} chunk(s)`);
    const req = await lastRequestFor('openai.gpt-oss-20b');
    assert.equal(req.path, '/v1/responses');
    assert.equal(req.body?.store, false);
    assert.equal(req.body?.previous_response_id, undefined);
    assert.equal((req.body?.input as unknown[]).length, 3);
    // The reasoning the emulator sends first for gpt-oss is not mixed into the answer.
    assert.doesNotMatch(text, /The user/);
  });

  it('uses Chat Completions for a Chat-only model', async () => {
    const model = await mantleModel('qwen.qwen3-32b');
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello there')]);
    let text = '';
    for await (const t of response.text) text += t;
    assert.match(text, /Hello!/);
    assert.equal((await lastRequestFor('qwen.qwen3-32b')).path, '/v1/chat/completions');
  });

  it('closes the HTTP request when the caller cancels', async () => {
    const model = await mantleModel('qwen.qwen3-coder-30b-a3b-instruct');
    await setFaults([{ kind: 'token-rate', ms: 40, model: 'qwen.qwen3-coder-30b-a3b-instruct' }]);
    const cts = new vscode.CancellationTokenSource();
    const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('Please reply with 3000 tokens about rivers.')], {}, cts.token);
    let received = '';
    try {
      for await (const t of response.text) {
        received += t;
        if (received.length > 20) cts.cancel();
      }
    } catch {
      // Cancellation may end the stream with an error; what matters is the server side below.
    }
    assert.ok(received.length > 0);
    const closed = await eventually(async () => (await emulatorLog<LogEntry>()).find((e) => e.model === 'qwen.qwen3-coder-30b-a3b-instruct' && e.clientClosedEarly), 'clientClosedEarly in the emulator log');
    assert.ok(closed);
    assert.equal(closed.path, '/v1/chat/completions');
    assert.ok(received.length < 3000, 'the whole long answer arrived despite the cancellation');
  });

  it('reports a 403 as LanguageModelError NoPermissions with Mantle\'s message', async () => {
    const model = await mantleModel('qwen.qwen3-32b');
    await setFaults([{ kind: '403', model: 'qwen.qwen3-32b' }]);
    const err = await (async () => {
      try {
        const response = await model.sendRequest([vscode.LanguageModelChatMessage.User('hi')]);
        for await (const _ of response.text) { /* drain */ }
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof vscode.LanguageModelError, `expected a LanguageModelError, got ${String(err)}`);
    assert.equal(err.code, vscode.LanguageModelError.NoPermissions.name);
    assert.match(err.message, /403/);
  });

  it('estimates token counts for text and messages', async () => {
    const model = await mantleModel('openai.gpt-oss-120b');
    assert.equal(await model.countTokens('abcdefghi'), 3);
    assert.ok(await model.countTokens(vscode.LanguageModelChatMessage.User('abcdefghi')) > 3);
  });

  describe('@mantle participant', () => {
    const CODER = 'qwen.qwen3-coder-480b-a35b-instruct';
    const token = () => new vscode.CancellationTokenSource().token;

    before(async () => {
      const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'function add(a, b) {\n  return a - b;\n}\n' });
      const editor = await vscode.window.showTextDocument(doc);
      editor.selection = new vscode.Selection(0, 0, 3, 0);
    });

    for (const [command, expected] of [['explain', /`add\(a, b\)`/], ['fix', /```/], ['tests', /```/]] as const) {
      it(`/${command} answers about the selection with the coder model`, async () => {
        const stream = new RecordingStream();
        const result = await container.lm.participant.handle(chatRequest('', command), { history: [] }, stream, token());
        assert.equal(result.errorDetails, undefined, result.errorDetails?.message);
        assert.match(stream.text, expected);
        assert.match(stream.text, /add/);
        assert.match(stream.progresses.join('\n'), /lines 1-3/);
        const req = await lastRequestFor(CODER);
        assert.equal(req.path, '/v1/chat/completions');
        assert.match(JSON.stringify(req.body), /return a - b/);
        assert.equal((result.metadata as { command?: string }).command, command);
      });
    }

    it('works on code attached in the chat (#selection, #file) before the editor\'s selection', async () => {
      const attachedDoc = await vscode.workspace.openTextDocument({ language: 'python', content: 'def scale(xs, k):\n    return [x * k for x in xs]\n' });
      const request = {
        ...chatRequest('', 'explain'),
        references: [{ id: 'vscode.selection', value: new vscode.Location(attachedDoc.uri, new vscode.Range(0, 0, 2, 0)) }],
      } as vscode.ChatRequest;
      const stream = new RecordingStream();
      await container.lm.participant.handle(request, { history: [] }, stream, token());
      assert.match(stream.text, /`scale\(xs, k\)`/);
      const body = JSON.stringify((await lastRequestFor(CODER)).body);
      assert.match(body, /def scale/);
      assert.doesNotMatch(body, /return a - b/, 'the editor selection was sent instead of the attachment');

      // A plain question carries the attached file along.
      const plain = { ...chatRequest('What does this do?'), references: [{ id: 'vscode.file', value: attachedDoc.uri }] } as vscode.ChatRequest;
      await container.lm.participant.handle(plain, { history: [] }, new RecordingStream(), token());
      assert.match(JSON.stringify((await lastRequestFor(container.settings.chatDefaultModel)).body), /What does this do\?[^"]*def scale/);
    });

    it('chats with the default chat model in plain mode and replays its history', async () => {
      const first = new RecordingStream();
      const r1 = await container.lm.participant.handle(chatRequest('My name is Alice and I like cats.'), { history: [] }, first, token());
      assert.match(first.text, /Alice/);
      const req = await lastRequestFor(container.settings.chatDefaultModel);
      assert.equal(req.path, '/v1/responses');
      // The earlier turn comes back as VS Code would hand it in: the request, then the response with our metadata.
      const history = [
        { prompt: 'My name is Alice and I like cats.', participant: 'bedrock-mantle.mantle', command: undefined, references: [], toolReferences: [] },
        { response: [], result: r1, participant: 'bedrock-mantle.mantle' },
      ] as unknown as vscode.ChatContext['history'];
      const second = new RecordingStream();
      await container.lm.participant.handle(chatRequest('What is my name and what do I like?'), { history }, second, token());
      assert.match(second.text, /Your name is Alice and you like cats/);
    });

    it('shows the reasoning of a reasoning model as a quote above the answer', async () => {
      const stream = new RecordingStream();
      await container.lm.participant.handle(chatRequest('Hello'), { history: [] }, stream, token());
      if (container.settings.chatShowReasoning) assert.match(stream.text, /^> \*Reasoning\*/);
      assert.match(stream.text, /Hello!/);
    });

    it('stops when the chat cancels: the request is closed and the partial answer is not kept as history', async () => {
      const model = container.settings.chatDefaultModel;
      await setFaults([{ kind: 'token-rate', ms: 40, model }]);
      const cts = new vscode.CancellationTokenSource();
      const stream = new RecordingStream();
      const markdown = stream.markdown.bind(stream);
      stream.markdown = (v) => { markdown(v); if (stream.text.length > 40) cts.cancel(); };
      const before = (await emulatorLog<LogEntry>()).length;
      const result = await container.lm.participant.handle(chatRequest('Please reply with 3000 tokens about rivers.'), { history: [] }, stream, cts.token);
      assert.equal(result.errorDetails, undefined);
      assert.equal((result.metadata as { answer?: string }).answer, '');
      const closed = await eventually(async () => (await emulatorLog<LogEntry>()).slice(before).find((e) => e.model === model && e.clientClosedEarly), 'clientClosedEarly for the participant');
      assert.ok(closed);
    });

    it('answers a failure with the error and the buttons that fix it', async () => {
      await setFaults([{ kind: '401', model: CODER }]);
      const stream = new RecordingStream();
      const result = await container.lm.participant.handle(chatRequest('', 'explain'), { history: [] }, stream, token());
      assert.match(result.errorDetails?.message ?? '', /401|rejected/);
      assert.ok(stream.buttons.some((b) => b.command === 'bedrockMantle.setApiKey'), 'no Set API Key button');
    });
  });
});

// The runner's emulator serves the March 2026 list, which has no Claude: what matters here is that a Claude turn
// reaches Mantle through the Messages client, whose SDK bundle (dist/anthropic-sdk.js) loads in the extension host,
// and that Mantle's 404 comes back as the product's "not available" error rather than a "not supported" refusal.
describe('Claude through the product turn engine (extension host)', () => {
  let container: Container;
  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
  });

  it('sends a Claude turn to /anthropic/v1/messages with the Anthropic SDK loaded from its own bundle', async () => {
    const model = 'anthropic.claude-opus-4-8';
    const outcome = await executeTurn(container.turns, { model, build: (api) => ({ model, api, messages: [{ role: 'user', content: 'Hello' }] }) });
    assert.equal(outcome.api, 'messages');
    assert.equal(outcome.ok, false, 'the March list has no Claude');
    // (The suite's own copy of the engine cannot recognise the extension's error class, so the message is checked.)
    if (!outcome.ok) assert.match(outcome.error.message, /'anthropic\.claude-opus-4-8' is not available in .*does not exist/);
    const req = await lastRequestFor(model);
    assert.equal(req.path, '/anthropic/v1/messages');
    assert.equal(req.status, 404);
  });
});
