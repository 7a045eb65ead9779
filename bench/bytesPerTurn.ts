// 5. Bytes per turn: the same 20-turn conversation as a Responses thread (chained with previous_response_id) and as a
// Chat Completions thread (history resent), both through the chat's real turn runner (src/common/chat/turnRunner.ts,
// which plans each request with src/common/chat/plan.ts) and the extension's real client, against the emulator.
// The figure is the request body size the emulator received (its log's requestBytes) at turns 1, 5, 10 and 20.
import { randomUUID } from 'node:crypto';
import { runTurn } from '../src/common/chat/turnRunner';
import type { ApiKind } from '../src/common/mantle/types';
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

async function conversation(api: ApiKind): Promise<{ bytes: number[]; sendsHistoryFrom?: number }> {
  const emu = await startEmulator({ port: 0 });
  try {
    const mantle = emulatorClient(emu.url, DEFAULT_API_KEY);
    const env = { mantle, apiFor: () => api, now: () => Date.now(), newId: () => randomUUID(), log: () => undefined };
    let thread: Thread = createThread(randomUUID(), MODEL, Date.now());
    const bytes: number[] = [];
    for (let i = 0; i < TURNS; i++) {
      const before = emu.log.length;
      thread = await runTurn(env, thread, { prompt: prompt(i), store: true, effort: 'medium' }, { onThread: () => undefined, onDelta: () => undefined });
      const last = thread.turns[thread.turns.length - 1];
      if (last.status !== 'done') throw new Error(`${api} turn ${i + 1} ended ${last.status}: ${last.error?.message ?? ''}`);
      const posts = emu.log.slice(before).filter((e) => e.method === 'POST');
      if (posts.length !== 1) throw new Error(`${api} turn ${i + 1} made ${posts.length} POST requests`);
      bytes.push(posts[0].requestBytes);
    }
    return { bytes };
  } finally {
    await emu.close();
  }
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
  const responses = await conversation('responses');
  const chat = await conversation('chat');
  return {
    turns: TURNS,
    model: MODEL,
    answerTokens: 150,
    responses: report(responses.bytes),
    chat: report(chat.bytes),
  };
});
