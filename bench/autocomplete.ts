// Issue 22, item 7: autocomplete's cost and speed with the real provider logic (src/common/autocomplete's
// CompletionEngine: prefix cache, debounce, per-minute cap, cleaning) and the extension's real client through the
// turn engine, against the emulator's scripted fill-in-the-middle model. A simulated person types a small TypeScript
// file one character at a time at a steady rate; like the editor, each keystroke cancels the previous ask and asks
// again at the new position. The typed text is what the emulator suggests (function bodies, the rest of a line),
// so the prefix cache is exercised the way accepting-by-typing does. Settings are the defaults (debounce 300 ms,
// 30 requests a minute, multi-line).
//  - requests per 100 typed characters: POSTs the emulator received ÷ characters typed × 100 (lower is better);
//  - first bytes of the answer → offered: from the answer's first content chunk to the engine handing back the
//    cleaned completion. The emulator waits 200 ms before that chunk (the model's time) and then sends the rest of
//    the answer without pacing, so this is the time the client, the turn engine and the cleaning add;
//  - share cancelled: requests whose HTTP request was closed early (the emulator's clientClosedEarly) ÷ requests sent.
import { CompletionEngine } from '../src/common/autocomplete/completionEngine';
import { requestCompletion } from '../src/common/autocomplete/completionTurn';
import { singleClientEngine } from '../src/common/mantle/turnEngine';
import { DEFAULT_API_KEY, startEmulator } from '../test/emulator/server';
import { emulatorClient, runMain, smoke, summarize } from './lib';

const TEXT = [
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  'export function multiply(x: number, y: number): number {',
  '  return x * y;',
  '}',
  '',
  'function start() {',
  "  console.log('ready');",
  '}',
  '',
].join('\n');

/** Milliseconds between keystrokes: about 50, 25 and 17 words a minute (a word being five characters and a space). */
const RATES = [200, 400, 600];
const FIRST_TOKEN_MS = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function typeAt(intervalMs: number, text: string) {
  const emu = await startEmulator({ port: 0, firstTokenDelayMs: FIRST_TOKEN_MS, tokenDelayMs: 0 });
  try {
    const turns = singleClientEngine(emulatorClient(emu.url, DEFAULT_API_KEY), () => 'chat');
    const engine = new CompletionEngine({
      model: () => 'qwen.qwen3-coder-30b-a3b-instruct', mode: () => 'multiLine', debounceMs: () => 300, maxRequestsPerMinute: () => 30,
      send: (req, signal, onFirstToken) => requestCompletion(turns, req, signal, onFirstToken),
    });
    let previous: AbortController | undefined;
    const asks: Promise<unknown>[] = [];
    for (let i = 1; i <= text.length; i++) {
      previous?.abort();
      previous = new AbortController();
      asks.push(engine.complete({ scope: 'bench.ts', prefix: text.slice(0, i), suffix: '', languageId: 'typescript', path: 'src/bench.ts' }, previous.signal));
      await sleep(intervalMs);
    }
    await Promise.all(asks);
    // The server notices a closed connection a moment after the client closed it.
    const posts = () => emu.log.filter((e) => e.method === 'POST');
    for (let i = 0; i < 50 && posts().some((e) => e.endedAt === undefined); i++) await sleep(20);
    const sent = posts().length;
    const closedEarly = posts().filter((e) => e.clientClosedEarly).length;
    const s = engine.stats;
    return {
      intervalMs, typed: text.length, sent, closedEarly,
      requestsPer100Chars: Number(((sent / text.length) * 100).toFixed(1)),
      shareCancelled: sent ? Number((closedEarly / sent).toFixed(3)) : 0,
      firstTokenToOfferMs: s.firstTokenToOfferMs.length ? summarize(s.firstTokenToOfferMs) : undefined,
      engine: { asked: s.asked, fromCache: s.fromCache, sent: s.sent, completed: s.completed, cancelled: s.cancelled, skippedByGate: s.skippedByGate },
    };
  } finally {
    await emu.close();
  }
}

runMain(async () => {
  const text = smoke ? TEXT.slice(0, 30) : TEXT;
  const runs = [];
  for (const rate of RATES) runs.push(await typeAt(rate, text));
  return { firstTokenDelayMs: FIRST_TOKEN_MS, debounceMs: 300, runs };
});
