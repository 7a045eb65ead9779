// Autocomplete's request path against the emulator with the extension's real client: the hole-filling prompt goes out
// as a streamed Chat Completions request for the coder model, the emulator's scripted fill-in-the-middle answer comes
// back cleaned to the missing code, and a newer keystroke closes the pending HTTP request (clientClosedEarly).
import { strict as assert } from 'node:assert';
import { CompletionEngine, type EngineOptions } from '../../src/common/autocomplete/completionEngine';
import { requestCompletion } from '../../src/common/autocomplete/completionTurn';
import { buildCompletionPrompt, HOLE } from '../../src/common/autocomplete/prompt';
import { singleClientEngine } from '../../src/common/mantle/turnEngine';
import { FIM_HOLE } from '../emulator/fillInMiddle';
import { scriptedReply } from '../emulator/scriptedModel';
import { startEmulator, type RunningEmulator, type EmulatorOptions } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

const KEY = 'mantle-emulator-key';
const MODEL = 'qwen.qwen3-coder-30b-a3b-instruct';
const ADD = { scope: 'file:///w/src/math.ts', prefix: 'export function add(a: number, b: number): number {\n  ', suffix: '\n}\n', languageId: 'typescript', path: 'src/math.ts' };

describe('autocomplete against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  afterEach(async () => { await emu?.close(); });

  async function setup(opts: EmulatorOptions = {}, engineOpts: Partial<EngineOptions> = {}) {
    emu = await startEmulator({ port: 0, ...opts });
    const { client, log } = testClient({ baseURL: emu.url, auth: bearer(KEY), maxRetries: 0 });
    const turns = singleClientEngine(client, () => 'chat');
    const engine = new CompletionEngine({
      model: () => MODEL, mode: () => 'multiLine', debounceMs: () => 0, maxRequestsPerMinute: () => 60,
      send: (req, signal, onFirstToken) => requestCompletion(turns, req, signal, onFirstToken),
      ...engineOpts,
    });
    return { client, log, turns, engine };
  }

  it('the product and the emulator agree on the hole marker', () => {
    assert.equal(HOLE, FIM_HOLE);
  });

  it('sends the hole-filling prompt as one streamed Chat Completions request and offers the function body', async () => {
    const { engine } = await setup();
    const offered = await engine.complete(ADD, new AbortController().signal);
    assert.deepEqual(offered, { text: 'return a + b;', replacesRestOfLine: false, source: 'model' });
    assert.equal(emu.log.length, 1);
    const entry = emu.log[0];
    assert.equal(entry.path, '/v1/chat/completions');
    assert.equal(entry.model, MODEL);
    assert.equal(entry.stream, true);
    const body = entry.body as { messages: { role: string; content: string }[]; max_tokens?: number; max_completion_tokens?: number };
    assert.ok(body.messages[1].content.includes(`${ADD.prefix}${HOLE}${ADD.suffix}`));
    assert.equal(body.max_tokens ?? body.max_completion_tokens, 320);
    assert.equal(engine.stats.firstTokenToOfferMs.length, 1);
  });

  it('multi-line and single-line modes over the same answer', async () => {
    const fib = { ...ADD, prefix: 'function fib(n) {\n  ', languageId: 'javascript', path: 'fib.js' };
    let mode: 'multiLine' | 'singleLine' = 'multiLine';
    const { engine } = await setup({}, { mode: () => mode });
    assert.equal((await engine.complete(fib, new AbortController().signal))?.text, 'if (n < 2) return n;\n  return fib(n - 1) + fib(n - 2);');
    mode = 'singleLine';
    engine.cache.clear();
    assert.equal((await engine.complete(fib, new AbortController().signal))?.text, 'if (n < 2) return n;');
  });

  it('finishes the current line, replacing the auto-closed bracket', async () => {
    const { engine } = await setup();
    const offered = await engine.complete({ ...ADD, prefix: 'function start() {\n  console.log(', suffix: ')\n}\n' }, new AbortController().signal);
    assert.deepEqual(offered, { text: "'ready');", replacesRestOfLine: true, source: 'model' });
  });

  it('offers nothing when the scripted model has nothing to add', async () => {
    const { engine } = await setup();
    assert.equal(await engine.complete({ ...ADD, prefix: 'let x = 1;\nx', suffix: '' }, new AbortController().signal), undefined);
    assert.equal(emu.log.length, 1);
  });

  it('a keystroke while a request is pending closes its HTTP request; the newer ask gets its completion', async () => {
    const { engine } = await setup({ firstTokenDelayMs: 400 });
    const first = engine.complete(ADD, new AbortController().signal);
    await emu.waitFor((e) => e.path === '/v1/chat/completions');
    const second = engine.complete({ ...ADD, prefix: 'function multiply(x, y) {\n  ' }, new AbortController().signal);
    assert.equal(await first, undefined);
    const closed = await emu.waitFor((e) => e.clientClosedEarly);
    assert.equal(closed.seq, 1);
    assert.equal((await second)?.text, 'return x * y;');
    assert.equal(emu.log[1].clientClosedEarly, false);
    assert.equal(engine.stats.cancelled, 1);
  });

  it('the editor cancelling the ask (its token) closes the HTTP request too', async () => {
    const { engine } = await setup({ firstTokenDelayMs: 400 });
    const token = new AbortController();
    const pending = engine.complete(ADD, token.signal);
    await emu.waitFor((e) => e.path === '/v1/chat/completions');
    token.abort();
    assert.equal(await pending, undefined);
    assert.equal((await emu.waitFor((e) => e.clientClosedEarly)).clientClosedEarly, true);
  });

  it('a 429 pauses autocomplete: the next ask sends nothing', async () => {
    const { engine } = await setup();
    emu.setFaults([{ kind: '429', retryAfterSeconds: 1 }]);
    assert.equal(await engine.complete(ADD, new AbortController().signal), undefined);
    assert.equal(emu.log.at(-1)!.status, 429);
    assert.equal(await engine.complete({ ...ADD, prefix: 'x' }, new AbortController().signal), undefined);
    assert.equal(emu.log.length, 1, 'no second request during the back-off');
    assert.equal(engine.stats.skippedByGate, 1);
  });

  it('the emulator reads a hole-filling prompt as such even when its code talks about fixing or tests', () => {
    const prompt = buildCompletionPrompt({ ...ADD, prefix: '// fix the bug and write unit tests\nexport function add(a, b) {\n  ', mode: 'multiLine' });
    const reply = scriptedReply([{ role: 'system', text: prompt.messages[0].content }, { role: 'user', text: prompt.messages[1].content }], { model: MODEL, reasoning: false, effort: 'low' });
    assert.equal(reply.text, '```typescript\n  return a + b;\n}\n```');
  });

  it('the request goes through the turn engine\'s route for the model', async () => {
    const { client } = await setup();
    const apis: string[] = [];
    const turns = singleClientEngine({ streamTurn: (...a: Parameters<typeof client.streamTurn>) => { apis.push(a[0].api); return client.streamTurn(...a); } }, () => 'chat');
    const prompt = buildCompletionPrompt({ ...ADD, mode: 'singleLine' });
    let firstToken = false;
    const result = await requestCompletion(
      turns, { model: MODEL, messages: prompt.messages, maxOutputTokens: prompt.maxOutputTokens }, new AbortController().signal,
      () => { firstToken = true; },
    );
    assert.deepEqual(apis, ['chat']);
    assert.ok(firstToken);
    assert.match(result.text, /return a \+ b;/);
  });
});
