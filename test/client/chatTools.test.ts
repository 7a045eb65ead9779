// The chat's tool turns (turnRunner + chatToolTurn) against the emulator, with a toolset double over a few in-memory
// files: the turn records each call for the transcript, a Responses thread chains the tool step with only the output
// and the next turn chains from the last response, a thread with tools off sends none, the step limit leaves a notice.
import { strict as assert } from 'node:assert';
import { runTurn, type RunHooks, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { catalogApiFor } from '../../src/common/chat/modelOptions';
import { CHAT_TOOL_DEFINITIONS, type ChatToolset } from '../../src/common/tools/chatTools';
import { maxStepsNotice } from '../../src/common/tools/chatToolTurn';
import { createThread } from '../../src/common/threads/model';
import { parseStoredThread, serializeThread } from '../../src/common/threads/serialize';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

const GPT = 'openai.gpt-oss-120b';
const FILES: Record<string, string> = { 'README.md': '# Demo\nA sample project.' };

describe('chat turns with workspace tools against the emulator', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let seq = 0;
  before(async () => { emu = await startEmulator({ port: 0 }); });
  after(() => emu.close());

  const toolset = (maxSteps = 4): ChatToolset => ({
    definitions: CHAT_TOOL_DEFINITIONS,
    maxSteps: () => maxSteps,
    execute: async (call) => {
      const path = String(call.input?.path);
      return FILES[path] !== undefined ? { content: FILES[path] } : { content: `${path} does not exist.`, isError: true };
    },
  });
  const env = (tools?: ChatToolset): TurnRunnerEnv => ({
    mantle: testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') }).client,
    apiFor: (m) => catalogApiFor(m),
    now: () => Date.now(),
    newId: () => `id${++seq}`,
    log: () => undefined,
    ...(tools ? { tools } : {}),
  });
  const hooks: RunHooks = { onThread: () => undefined, onDelta: () => undefined };

  it('calls read_file, shows the call on the turn, chains the tool step with only its output, and the next turn chains on', async () => {
    const before = emu.log.length;
    let t = await runTurn(env(toolset()), createThread('t', GPT, 0), { prompt: 'Please read README.md', store: true }, hooks);
    const turn = t.turns[0];
    assert.equal(turn.status, 'done');
    assert.deepEqual(turn.tools, [{ name: 'read_file', args: '{"path":"README.md"}', summary: '# Demo … (2 lines, 24 characters)' }]);
    assert.equal(turn.answer, `Based on the tool result: ${FILES['README.md']}`);
    // Reasoning and usage of both steps (the emulator's gpt-oss reasons on each).
    assert.match(turn.reasoning, /The user wrote: "Please read README\.md"[\s\S]*\S\n\nThe tool answered/);
    assert.ok((turn.usage?.inputTokens ?? 0) > 0 && (turn.usage?.outputTokens ?? 0) > 0);
    const [first, step] = emu.log.slice(before).map((e) => e.body as Record<string, unknown>);
    assert.ok(Array.isArray(first.tools) && first.tools.length === CHAT_TOOL_DEFINITIONS.length);
    assert.deepEqual(step.input, [{ type: 'function_call_output', call_id: 'call_0', output: FILES['README.md'] }]);
    assert.equal(turn.responseId, emu.storedResponseIds().at(-1));

    t = await runTurn(env(toolset()), t, { prompt: 'Thanks!', store: true }, hooks);
    const next = emu.log.at(-1)!.body as Record<string, unknown>;
    assert.equal(next.previous_response_id, turn.responseId);
    // The calls survive a save and load of the thread.
    assert.deepEqual(parseStoredThread(JSON.parse(JSON.stringify(serializeThread(t))))?.turns[0].tools, turn.tools);
  });

  it('sends no tools on a thread that turned them off, or when the chat has none', async () => {
    await runTurn(env(toolset()), { ...createThread('t2', GPT, 0), toolsOff: true }, { prompt: 'Please read README.md', store: true }, hooks);
    assert.equal((emu.log.at(-1)!.body as Record<string, unknown>).tools, undefined);
    await runTurn(env(), createThread('t3', GPT, 0), { prompt: 'Please read README.md', store: true }, hooks);
    assert.equal((emu.log.at(-1)!.body as Record<string, unknown>).tools, undefined);
  });

  it('a refused path comes back to the model as an error and is marked on the call', async () => {
    const t = await runTurn(env(toolset()), createThread('t4', GPT, 0), { prompt: 'read missing.md', store: true }, hooks);
    assert.deepEqual(t.turns[0].tools?.map((u) => [u.summary, u.isError]), [['missing.md does not exist.', true]]);
    assert.match(t.turns[0].answer, /Error: missing\.md does not exist/);
  });

  it('the step limit ends the turn with a notice and keeps it done', async () => {
    const t = await runTurn(env(toolset(1)), createThread('t5', GPT, 0), { prompt: 'Please read README.md', store: true }, hooks);
    assert.equal(t.turns[0].status, 'done');
    assert.equal(t.turns[0].notice, maxStepsNotice(1));
  });
});

describe('chat tool turns: an edit request', () => {
  it('ends in a propose_edit call with the exact text to find and its replacement', async () => {
    const emu = await startEmulator({ port: 0 });
    try {
      const proposed: unknown[] = [];
      const tools: ChatToolset = { definitions: CHAT_TOOL_DEFINITIONS, maxSteps: () => 4, execute: async (call) => { proposed.push(call.input); return { content: 'A diff is shown to the person. Nothing has changed yet.' }; } };
      const env: TurnRunnerEnv = { mantle: testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') }).client, apiFor: (m) => catalogApiFor(m), now: () => Date.now(), newId: () => 'e1', log: () => undefined, tools };
      const t = await runTurn(env, createThread('e', 'qwen.qwen3-32b', 0), { prompt: 'Please change "let sum = 0;" to "let total = 0;" in src/inventory.ts', store: true }, { onThread: () => undefined, onDelta: () => undefined });
      assert.deepEqual(proposed, [{ path: 'src/inventory.ts', find: 'let sum = 0;', replace: 'let total = 0;' }]);
      assert.equal(t.turns[0].tools?.[0].name, 'propose_edit');
      assert.match(t.turns[0].answer, /Nothing has changed yet/);
    } finally {
      await emu.close();
    }
  });
});
