// Tool calling through vscode.lm in the real extension host (issue 19): VS Code's tools and toolMode reach Mantle in
// each API's shape, the model's call comes back as a LanguageModelToolCallPart, and a second request carrying the
// LanguageModelToolResultPart is answered from it. The runner's emulator plays the model (its scripted tool use).
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import { emulatorLog } from './emulatorAdmin';
import { activateExtension, emulatorUrl } from './testEnv';

const VENDOR = 'bedrock-mantle';
const READ: vscode.LanguageModelChatTool = {
  name: 'read_file',
  description: 'Read a file of the workspace',
  inputSchema: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

interface LogEntry { method: string; path: string; status: number; model?: string; body?: Record<string, unknown> }

async function lastRequestFor(model: string): Promise<LogEntry> {
  const hit = [...await emulatorLog<LogEntry>()].reverse().find((e) => e.method === 'POST' && e.model === model);
  assert.ok(hit, `no request for ${model} in the emulator log`);
  return hit;
}

async function modelById(id: string): Promise<vscode.LanguageModelChat> {
  const [model] = await vscode.lm.selectChatModels({ vendor: VENDOR, id });
  assert.ok(model, `${id} is not offered by vscode.lm`);
  return model;
}

async function parts(response: vscode.LanguageModelChatResponse): Promise<{ text: string; calls: vscode.LanguageModelToolCallPart[] }> {
  let text = '';
  const calls: vscode.LanguageModelToolCallPart[] = [];
  for await (const part of response.stream) {
    if (part instanceof vscode.LanguageModelTextPart) text += part.value;
    else if (part instanceof vscode.LanguageModelToolCallPart) calls.push(part);
  }
  return { text, calls };
}

describe('language models: tool calling through vscode.lm', () => {
  before(async function () {
    if (!emulatorUrl) this.skip();
    await activateExtension();
  });

  for (const [id, path] of [['qwen.qwen3-coder-480b-a35b-instruct', '/v1/chat/completions'], ['openai.gpt-oss-20b', '/v1/responses']] as const) {
    it(`${id}: a tool call part, then the result in a second request, then an answer that uses it (${path})`, async () => {
      const model = await modelById(id);
      const ask = vscode.LanguageModelChatMessage.User('Please read README.md');
      const first = await parts(await model.sendRequest([ask], { tools: [READ] }));
      assert.equal(first.calls.length, 1, `expected one tool call, got text ${JSON.stringify(first.text)}`);
      const call = first.calls[0];
      assert.equal(call.name, 'read_file');
      assert.deepEqual(call.input, { path: 'README.md' });
      assert.equal((await lastRequestFor(id)).path, path);

      const second = await parts(await model.sendRequest([
        ask,
        vscode.LanguageModelChatMessage.Assistant([call]),
        vscode.LanguageModelChatMessage.User([new vscode.LanguageModelToolResultPart(call.callId, [new vscode.LanguageModelTextPart('# Tool Demo — a sample project')])]),
      ], { tools: [READ] }));
      assert.equal(second.calls.length, 0);
      assert.match(second.text, /Tool Demo — a sample project/);
      const body = JSON.stringify((await lastRequestFor(id)).body);
      // Stateless: the call and its result both travel in the API's own shape.
      if (path === '/v1/responses') {
        assert.match(body, /"type":"function_call","call_id":"call_0"/);
        assert.match(body, /"type":"function_call_output","call_id":"call_0"/);
      } else {
        assert.match(body, /"tool_calls":\[\{"id":"call_/);
        assert.match(body, /"role":"tool","tool_call_id":"call_/);
      }
    });
  }

  it('honours toolMode Required: the model calls a tool it was not asked about, and tool_choice says required', async () => {
    const id = 'qwen.qwen3-coder-480b-a35b-instruct';
    const model = await modelById(id);
    const { calls } = await parts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello there')], { tools: [READ], toolMode: vscode.LanguageModelChatToolMode.Required }));
    assert.equal(calls.length, 1);
    assert.equal(calls[0].name, 'read_file');
    assert.equal((await lastRequestFor(id)).body?.tool_choice, 'required');
  });

  it('a model that refuses tools: answered without them in Auto mode, refused in Required mode', async () => {
    const id = 'openai.gpt-oss-safeguard-20b';
    const model = await modelById(id);
    const auto = await parts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello there')], { tools: [READ] }));
    assert.match(auto.text, /Hello!/);
    assert.equal((await lastRequestFor(id)).body?.tools, undefined);
    const err = await (async () => {
      try {
        await parts(await model.sendRequest([vscode.LanguageModelChatMessage.User('Hello there')], { tools: [READ], toolMode: vscode.LanguageModelChatToolMode.Required }));
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    assert.ok(err instanceof Error, 'a required tool on a tool-less model must fail');
    assert.match(err.message, /does not accept tools/);
  });
});
