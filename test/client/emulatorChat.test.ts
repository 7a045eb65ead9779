// The emulator's models and Chat Completions surface, driven through the real openai SDK.
import { strict as assert } from 'node:assert';
import OpenAI from 'openai';
import { emulatorSdk } from './clientHelpers';
import { emulatorForSuite } from '../kit/emulator';

// Mantle's reasoning field is not in the SDK types.
type WithReasoning = { reasoning?: string };

describe('emulator: models and chat completions', () => {
  const emu = emulatorForSuite();
  let client: OpenAI;

  before(async () => {
    client = emulatorSdk(emu().url);
  });

  it('lists the catalogue as an OpenAI model list and gets one model', async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    assert.equal(ids.length, 38);
    assert.ok(ids.includes('openai.gpt-oss-120b') && ids.includes('qwen.qwen3-coder-480b-a35b-instruct'));
    const one = await client.models.retrieve('moonshotai.kimi-k2-thinking');
    assert.equal(one.id, 'moonshotai.kimi-k2-thinking');
    assert.equal(one.object, 'model');
  });

  it('answers 404 not_found_error for an unknown model, on /models and on chat', async () => {
    await assert.rejects(client.models.retrieve('us.anthropic.claude-sonnet-4-6'), (e: unknown) => e instanceof OpenAI.NotFoundError);
    await assert.rejects(
      client.chat.completions.create({ model: 'nope.model', messages: [{ role: 'user', content: 'hi' }] }),
      (e: unknown) => e instanceof OpenAI.NotFoundError && e.code === 'not_found_error' && /The model 'nope.model' does not exist/.test(e.message),
    );
  });

  it('returns a non-streaming completion with reasoning and matching usage for a reasoning model', async () => {
    const res = await client.chat.completions.create({ model: 'openai.gpt-oss-120b', messages: [{ role: 'user', content: 'Say something about Bedrock.' }] });
    assert.match(res.id, /^chatcmpl-[0-9a-f-]+$/);
    const message = res.choices[0].message as typeof res.choices[0]['message'] & WithReasoning;
    assert.ok(message.content && message.content.includes('Say something about Bedrock.'));
    assert.ok(message.reasoning && message.reasoning.length > 0);
    assert.equal(res.choices[0].finish_reason, 'stop');
    assert.ok(res.usage!.completion_tokens_details!.reasoning_tokens! > 0);
    assert.ok(res.usage!.completion_tokens > res.usage!.completion_tokens_details!.reasoning_tokens!);
  });

  it('sends no reasoning for a non-reasoning model', async () => {
    const res = await client.chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'hello' }] });
    assert.equal((res.choices[0].message as WithReasoning).reasoning, undefined);
    assert.equal(res.usage!.completion_tokens_details!.reasoning_tokens, 0);
  });

  it('streams role, reasoning deltas, content deltas, finish, usage chunk and [DONE]', async () => {
    const stream = await client.chat.completions.create({
      model: 'moonshotai.kimi-k2-thinking',
      messages: [{ role: 'user', content: 'What is my name and what do I like?' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const kinds: string[] = [];
    let content = '';
    let reasoning = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (!choice) { usage = chunk.usage ?? undefined; kinds.push('usage'); continue; }
      const delta = choice.delta as typeof choice.delta & WithReasoning;
      if (delta.role) kinds.push('role');
      else if (delta.reasoning) { reasoning += delta.reasoning; kinds.push('reasoning'); }
      else if (delta.content) { content += delta.content; kinds.push('content'); }
      else if (choice.finish_reason) kinds.push(`finish:${choice.finish_reason}`);
    }
    const collapsed = kinds.filter((k, i) => k !== kinds[i - 1]);
    assert.deepEqual(collapsed, ['role', 'reasoning', 'content', 'finish:stop', 'usage']);
    assert.match(content, /don't know/);
    assert.ok(reasoning.length > 0);
    assert.equal(usage!.completion_tokens, kinds.filter((k) => k === 'reasoning' || k === 'content').length);
  });

  it('recalls facts given as message history (stateless chat)', async () => {
    const res = await client.chat.completions.create({
      model: 'qwen.qwen3-32b',
      messages: [
        { role: 'user', content: 'My name is Alice and I like cats.' },
        { role: 'assistant', content: 'Nice to meet you!' },
        { role: 'user', content: 'What is my name and what do I like?' },
      ],
    });
    assert.match(res.choices[0].message.content!, /Alice/);
    assert.match(res.choices[0].message.content!, /cats/);
  });

  it('reasons more with higher reasoning_effort', async () => {
    const tokens = async (effort: 'low' | 'high'): Promise<number> => {
      const res = await client.chat.completions.create({ model: 'openai.gpt-oss-20b', reasoning_effort: effort, messages: [{ role: 'user', content: 'hello' }] });
      return res.usage!.completion_tokens_details!.reasoning_tokens!;
    };
    const low = await tokens('low');
    const high = await tokens('high');
    assert.ok(high > low * 2, `high=${high} low=${low}`);
  });

  it('stops at max_tokens with finish_reason length', async () => {
    const res = await client.chat.completions.create({ model: 'zai.glm-5', max_tokens: 5, messages: [{ role: 'user', content: 'Reply with 300 tokens please.' }] });
    assert.equal(res.choices[0].finish_reason, 'length');
    assert.equal(res.usage!.completion_tokens, 5);
  });

  it('writes a long Markdown reply of the requested token count', async () => {
    const res = await client.chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'Reply with 2000 tokens about serverless.' }] });
    assert.equal(res.usage!.completion_tokens, 2000);
    const text = res.choices[0].message.content!;
    assert.ok(text.includes('\n\n') && text.includes('## '), 'paragraphs and headings');
  });

  it('answers code instructions with a fenced block derived from the code', async () => {
    const ask = async (prompt: string): Promise<string> =>
      (await client.chat.completions.create({ model: 'qwen.qwen3-coder-480b-a35b-instruct', messages: [{ role: 'user', content: prompt }] })).choices[0].message.content!;
    const ts = '```typescript\nfunction addTotals(a: number, b: number): number {\n  var sum = a + b;\n  return sum;\n}\n```';
    const refactored = await ask(`Refactor this code:\n${ts}`);
    assert.match(refactored, /```typescript\n[\s\S]*function addTotals\(a: number, b: number\)[\s\S]*const sum[\s\S]*```/);
    const documented = await ask(`Add documentation to this code:\n${ts}`);
    assert.match(documented, /\/\*\*\n \* Add totals\.\n \* @param a [\s\S]*\*\/\nfunction addTotals/);
    const tests = await ask(`Generate tests for:\n${ts}`);
    assert.match(tests, /describe\('addTotals'/);
    const py = await ask('Add docstrings:\ndef parse_line(line, sep=","):\n    return line.split(sep)\n');
    assert.match(py, /def parse_line\(line, sep=","\):\n {4}"""Parse line\./);
    const explained = await ask(`Explain this:\n${ts}`);
    assert.match(explained, /`addTotals\(a, b\)`/);
    const fixed = await ask('Fix the bug:\n```js\nfunction last(items) {\n  for (let i = 0; i <= items.length; i++) { if (items[i] == null) return i; }\n}\n```');
    assert.match(fixed, /i < items\.length/);
    assert.match(fixed, /=== null/);
  });

  it('answers an editor-style prompt from its first (selected) block, reading the task from the prose only', async () => {
    const selection = 'export function greet(name: string): string {\n  const fence = "```";\n  return `Hello, ${name}` + fence;\n}';
    const prompt = [
      'File: src/greet.ts', 'Language: TypeScript (typescript)', 'Selected lines: 3-6',
      `Selected code:\n\`\`\`\`typescript\n${selection}\n\`\`\`\``,
      'For context, the code just below the selection:\n```typescript\n// TODO fix the tests for farewell\nexport function farewell(): void {}\n```',
      'Task: Add documentation comments to the selected code in the idiomatic style for TypeScript (for example JSDoc, docstrings or doc comments). Do not change the code itself.',
      'Reply with the complete replacement for the selected code, and only that, in a single fenced code block.',
    ].join('\n\n');
    const res = await client.chat.completions.create({
      model: 'qwen.qwen3-coder-480b-a35b-instruct',
      messages: [{ role: 'system', content: 'You are an expert software engineer.' }, { role: 'user', content: prompt }],
    });
    const answer = res.choices[0].message.content!;
    assert.match(answer, /^````typescript\n\/\*\*\n \* Greet\.\n \* @param name The name\.\n \* @returns The result\.\n \*\/\nexport function greet/m);
    assert.ok(answer.includes('const fence = "```";'), 'the selection survived its own backticks');
    assert.doesNotMatch(answer, /farewell/, 'context blocks are not the code to work on');
  });

  it('rejects an empty messages array with 400', async () => {
    await assert.rejects(
      client.chat.completions.create({ model: 'zai.glm-5', messages: [] }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === 'messages',
    );
  });

  it('rejects malformed JSON with 400 and a wrong key with 401 (raw HTTP: the SDK cannot send either)', async () => {
    const bad = await fetch(`${emu().url}/chat/completions`, {
      method: 'POST', headers: { authorization: 'Bearer mantle-emulator-key', 'content-type': 'application/json' }, body: '{"model":',
    });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { type: string } }).error.type, 'invalid_request_error');
    const none = await fetch(`${emu().url}/models`);
    assert.equal(none.status, 401);
    assert.equal(((await none.json()) as { error: { code: string } }).error.code, 'missing_authentication');
    const apiKeyHeader = await fetch(`${emu().url}/models`, { headers: { 'x-api-key': 'mantle-emulator-key' } });
    assert.equal(apiKeyHeader.status, 200, 'x-api-key is accepted on every Mantle route (AWS examples use it)');
    assert.equal(emu().log.at(-1)?.auth, 'x-api-key');
    const wrongApiKey = await fetch(`${emu().url}/models`, { headers: { 'x-api-key': 'not-the-key' } });
    assert.equal(wrongApiKey.status, 401);
  });

  it('surfaces a wrong Bearer key as AuthenticationError without echoing the key', async () => {
    const wrong = emulatorSdk(emu().url, { apiKey: 'not-the-key-123' });
    await assert.rejects(wrong.models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError && !e.message.includes('not-the-key-123'));
    const entry = emu().log.at(-1)!;
    assert.equal(entry.status, 401);
    assert.equal(entry.auth, 'none');
  });

  it('logs each request with auth, model, stream flag, size and body', async () => {
    const before = emu().log.length;
    await client.chat.completions.create({ model: 'deepseek.v3.2', messages: [{ role: 'user', content: 'hi' }] });
    const entry = emu().log[before];
    assert.equal(entry.method, 'POST');
    assert.equal(entry.path, '/v1/chat/completions');
    assert.equal(entry.status, 200);
    assert.equal(entry.auth, 'bearer');
    assert.equal(entry.model, 'deepseek.v3.2');
    assert.equal(entry.stream, false);
    assert.ok(entry.requestBytes > 20);
    assert.deepEqual((entry.body as { messages: unknown }).messages, [{ role: 'user', content: 'hi' }]);
    assert.ok(entry.endedAt! >= entry.startedAt);
  });
});
