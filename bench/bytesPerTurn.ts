// 5. Bytes per turn: the same 20-turn conversation as a Responses thread (chained with previous_response_id) and as a
// Chat Completions thread (history resent), both through the chat's real turn runner (src/common/chat/turnRunner.ts,
// which plans each request with src/common/chat/plan.ts) and the extension's real client, against the emulator.
// The figure is the request body size the emulator received (its log's requestBytes) at turns 1, 5, 10 and 20.
// Two more threads through the same runner: one where every turn reads a file with the chat's tools (the real tool
// loop, src/common/tools/chatToolTurn.ts, with the chat's tool definitions and a stand-in workspace that returns a
// fixed file), reporting the request that carries the tool output; and one whose first turn attaches a file
// (src/common/attachments), reporting every turn after it.
import { randomUUID } from 'node:crypto';
import { runTurn, type RunOptions } from '../src/common/chat/turnRunner';
import { contentHash, attachmentTokens, type TextAttachment } from '../src/common/attachments/attachment';
import type { ApiKind } from '../src/common/mantle/types';
import { CHAT_TOOL_DEFINITIONS, type ChatToolset } from '../src/common/tools/chatTools';
import { createThread, type Thread } from '../src/common/threads/model';
import { DEFAULT_API_KEY, startEmulator } from '../test/emulator/server';
import { emulatorClient, runMain, smoke } from './lib';

const MODEL = 'openai.gpt-oss-120b';
const TURNS = smoke ? 5 : 20;
const REPORT_AT = [1, 5, 10, 20].filter((t) => t <= TURNS);
const TOPICS = ['cold starts', 'retries', 'idempotency', 'structured logs', 'tracing', 'queues', 'timeouts', 'caching',
  'feature flags', 'schema changes', 'rate limits', 'backpressure', 'secrets', 'blue-green deploys', 'canaries',
  'alerts', 'load tests', 'error budgets', 'runbooks', 'postmortems'];

/** Natural prompts with answers of a realistic length (150 tokens each, so Chat Completions history grows as in use). */
const prompt = (i: number) => `Turn ${i + 1}: please reply with 150 tokens about ${TOPICS[i % TOPICS.length]} in a small web service.`;

/** A source file of about 3 KB: what the read_file tool returns and what the attachment thread attaches. */
const FILE_TEXT = Array.from({ length: 60 }, (_, i) => `export function step${i}(input: number): number { return input * ${i + 2} + ${i}; }`).join('\n');

/** The chat's tool definitions over a stand-in workspace: every read returns FILE_TEXT. */
const toolset: ChatToolset = {
  definitions: CHAT_TOOL_DEFINITIONS,
  maxSteps: () => 5,
  execute: () => Promise.resolve({ content: FILE_TEXT }),
};

const attachment: TextAttachment = {
  id: 'bench-attachment', kind: 'file', label: 'service.ts', path: 'src/service.ts', language: 'typescript',
  text: FILE_TEXT, tokens: attachmentTokens({ text: FILE_TEXT }), hash: contentHash(FILE_TEXT),
};

interface ThreadSpec {
  turns: number;
  prompt(i: number): string;
  /** Tools offered on every turn (a tool loop per turn) instead of plain requests. */
  tools?: ChatToolset;
  /** Options of turn i besides the prompt (the attachment of the first turn). */
  extra?(i: number): Partial<RunOptions>;
}

/** The request bodies (bytes) of each turn, in order: one per plain turn, one per tool step. */
async function conversation(api: ApiKind, spec: ThreadSpec = { turns: TURNS, prompt }): Promise<number[][]> {
  const emu = await startEmulator({ port: 0 });
  try {
    const mantle = emulatorClient(emu.url, DEFAULT_API_KEY);
    const env = {
      mantle, apiFor: () => api, now: () => Date.now(), newId: () => randomUUID(), log: () => undefined, ...(spec.tools ? { tools: spec.tools } : {}),
    };
    let thread: Thread = createThread(randomUUID(), MODEL, Date.now());
    const bytes: number[][] = [];
    for (let i = 0; i < spec.turns; i++) {
      const before = emu.log.length;
      const opts: RunOptions = { prompt: spec.prompt(i), store: true, effort: 'medium', ...spec.extra?.(i) };
      thread = await runTurn(env, thread, opts, { onThread: () => undefined, onDelta: () => undefined });
      const last = thread.turns[thread.turns.length - 1];
      if (last.status !== 'done') throw new Error(`${api} turn ${i + 1} ended ${last.status}: ${last.error?.message ?? ''}`);
      const posts = emu.log.slice(before).filter((e) => e.method === 'POST');
      const expected = spec.tools ? 2 : 1;
      if (posts.length !== expected) throw new Error(`${api} turn ${i + 1} made ${posts.length} POST requests (expected ${expected})`);
      bytes.push(posts.map((p) => p.requestBytes));
    }
    return bytes;
  } finally {
    await emu.close();
  }
}

const TOOL_TURNS = smoke ? 3 : 10;
const TOOL_REPORT_AT = [1, 2, 5, 10].filter((t) => t <= TOOL_TURNS);
const ratio = (a: number, b: number) => Number((a / b).toFixed(2));

/**
 * Each turn asks to read a file; the scripted model calls read_file, the loop runs it and sends the output back.
 * The figure is the second request of each turn (the tool step): a chained Responses loop sends the output and
 * previous_response_id, a Chat Completions loop the whole conversation again with it.
 */
async function toolSteps(api: ApiKind) {
  const bytes = await conversation(api, { turns: TOOL_TURNS, tools: toolset, prompt: (i) => `Turn ${i + 1}: read src/module${i + 1}.ts and say what it exports.` });
  const step = bytes.map((b) => b[1]);
  return {
    ...Object.fromEntries(TOOL_REPORT_AT.map((t) => [`turn${t}`, step[t - 1]])),
    ratioLastToSecond: ratio(step[step.length - 1], step[1]), perTurnToolStep: step, perTurnFirstRequest: bytes.map((b) => b[0]),
  };
}

/** Turn 1 attaches the file; the following turns are plain questions about it. */
async function attachmentThread(api: ApiKind) {
  const bytes = (await conversation(api, {
    turns: TOOL_TURNS,
    prompt: (i) => (i === 0 ? 'Here is the service; I have a few questions about it.' : prompt(i)),
    extra: (i) => (i === 0 ? { attachments: [attachment] } : {}),
  })).map((b) => b[0]);
  return {
    ...Object.fromEntries(TOOL_REPORT_AT.map((t) => [`turn${t}`, bytes[t - 1]])),
    ratioLastToSecond: ratio(bytes[bytes.length - 1], bytes[1]), perTurn: bytes,
  };
}

/**
 * The growth figure compares the last turn with turn 2, not turn 1: from turn 2 on a chained request carries
 * previous_response_id (about 80 bytes) and nothing else new, so turn 2 is the first like the ones that follow.
 */
function report(bytes: number[]) {
  const at = Object.fromEntries(REPORT_AT.map((t) => [`turn${t}`, bytes[t - 1]]));
  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  const last = bytes[bytes.length - 1];
  return {
    ...at, turn2: bytes[1], ratioLastToSecond: ratio(last, bytes[1]), ratioLastToFirst: ratio(last, bytes[0]),
    total: bytes.reduce((a, b) => a + b, 0), perTurn: bytes,
  };
}

runMain(async () => {
  const responses = (await conversation('responses')).map((b) => b[0]);
  const chat = (await conversation('chat')).map((b) => b[0]);
  return {
    turns: TURNS,
    model: MODEL,
    answerTokens: 150,
    responses: report(responses),
    chat: report(chat),
    fileBytes: Buffer.byteLength(FILE_TEXT),
    toolLoop: { turns: TOOL_TURNS, responses: await toolSteps('responses'), chat: await toolSteps('chat') },
    attachment: { turns: TOOL_TURNS, responses: await attachmentThread('responses'), chat: await attachmentThread('chat') },
  };
});
