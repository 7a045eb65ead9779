// The tool loop (src/common/tools/toolLoop.ts) through the product's router and client against the emulator: a
// stored Responses loop chains each step and sends only the function_call_output; Chat Completions resends the
// history; the step limit and Stop end the loop keeping what was said; a malformed call is answered with an error
// result instead of being run.
import { strict as assert } from 'node:assert';
import type { ToolCall, ToolDefinition } from '../../src/common/mantle/types';
import { runToolLoop, type ToolLoopSpec } from '../../src/common/tools/toolLoop';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, routedTurns, testClient } from './clientHelpers';

const READ: ToolDefinition = { name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } };
const FILES: Record<string, string> = { 'README.md': '# Demo\nA sample project.', 'src/x.ts': 'export const x = 1;' };

describe('client: the tool loop against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator({ population: 'december-2026' }); });
  after(() => emu.close());

  function spec(model: string, prompt: string, extra: Partial<ToolLoopSpec> = {}): ToolLoopSpec {
    const { client } = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') });
    const ran: ToolCall[] = [];
    return {
      engine: routedTurns(client),
      model,
      tools: [READ],
      maxSteps: 4,
      build: (api) => ({ model, api, store: true, messages: [{ role: 'user', content: prompt }] }),
      execute: async (call) => {
        ran.push(call);
        const path = String(call.input?.path);
        return FILES[path] !== undefined ? { content: FILES[path] } : { content: `${path} does not exist`, isError: true };
      },
      ...extra,
    };
  }

  it('Responses: the tool step chains with previous_response_id and carries only the output', async () => {
    const before = emu.log.length;
    const out = await runToolLoop(spec('openai.gpt-oss-120b', 'Please read README.md'));
    const sent = emu.log.slice(before);
    assert.deepEqual(sent.map((e) => e.path), ['/v1/responses', '/v1/responses']);
    const [first, second] = sent.map((e) => e.body as Record<string, unknown>);
    assert.ok(first.tools);
    assert.equal(second.previous_response_id, out.steps[0].responseId);
    assert.deepEqual(second.input, [{ type: 'function_call_output', call_id: 'call_0', output: FILES['README.md'] }]);
    assert.equal(out.text, `Based on the tool result: ${FILES['README.md']}`);
    assert.deepEqual(out.steps.map((s) => s.calls.length), [1, 0]);
    assert.equal(out.stoppedBy, undefined);
    // Nothing of the conversation before is sent again: the server holds it.
    assert.doesNotMatch(JSON.stringify(second.input), /Please read/);
  });

  it('Chat Completions: the history (question, calls, results) is resent on the tool step; parallel calls all run', async () => {
    const before = emu.log.length;
    const out = await runToolLoop(spec('qwen.qwen3-coder-480b-a35b-instruct', 'read README.md and src/x.ts'));
    const second = emu.log.slice(before)[1].body as { messages: { role: string }[] };
    assert.deepEqual(second.messages.map((m) => m.role), ['user', 'assistant', 'tool', 'tool']);
    assert.deepEqual(out.steps[0].calls.map((c) => c.result.content), [FILES['README.md'], FILES['src/x.ts']]);
    assert.match(out.text, /Based on the 2 tool results/);
  });

  it('a malformed call is not run: the model gets an error result', async () => {
    let ran = 0;
    const out = await runToolLoop(spec('qwen.qwen3-coder-480b-a35b-instruct', 'read README.md, malformed please', { execute: async () => { ran++; return { content: 'x' }; } }));
    assert.equal(ran, 0);
    assert.equal(out.steps[0].calls[0].result.isError, true);
    assert.match(out.text, /Error: The arguments for read_file are not valid JSON/);
  });

  it('the step limit ends a loop that keeps calling tools, keeping what was said', async () => {
    const before = emu.log.length;
    const out = await runToolLoop(spec('qwen.qwen3-coder-480b-a35b-instruct', 'hello', { maxSteps: 1, build: (api) => ({ model: 'qwen.qwen3-coder-480b-a35b-instruct', api, messages: [{ role: 'user', content: 'hello' }], toolChoice: 'required' }) }));
    assert.equal(out.stoppedBy, 'maxSteps');
    assert.equal(out.steps.length, 1);
    assert.equal(out.steps[0].calls.length, 0, 'the calls of the last allowed step are not run');
    assert.equal(emu.log.length - before, 1);
  });

  it('Stop during a tool run ends the loop as cancelled without another request', async () => {
    const controller = new AbortController();
    const before = emu.log.length;
    const out = await runToolLoop(spec('openai.gpt-oss-120b', 'read README.md and src/x.ts', {
      signal: controller.signal,
      execute: async () => { controller.abort(); return { content: 'partial' }; },
    }));
    assert.equal(out.stoppedBy, 'cancelled');
    assert.equal(out.steps[0].calls.length, 1, 'the second call is not run after Stop');
    assert.equal(emu.log.length - before, 1);
  });
});
