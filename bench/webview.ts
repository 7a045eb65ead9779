// 4. Streaming render and 7b. webview memory: the real webview bundle (dist/webview.js + css from the packaged .vsix)
// in headless Chromium, in a harness page with the chat's CSP. It is fed exactly the host messages of
// src/common/protocol.ts, produced the way the host produces them: the real turn runner streams a 20,000-token reply
// from the emulator through the real client, deltas go through the host's DeltaBatcher (40 ms), and the thread is
// posted as `state` on every turn change (as ChatController does). The judged streams are paced: the emulator sends
// the tokens at a fixed 2,000 tokens/s (its `tokensPerSecond`, the tokens due at one timer tick together), a fast
// stream as a person's screen would get it — a decision of the project's lead, not a claim about any model's speed.
// The same reply with zero delay (all of it in well under a second) is measured too and reported for information: there
// the bench's own driver (emulator, turn runner, tracing) floods the same cores as Chromium, so its wall-clock
// figure measures that contention as much as the view. Main-thread tasks come from a Chromium
// trace (RunTask on the renderer main thread), cross-checked with PerformanceObserver('longtask'); frames are timed
// with requestAnimationFrame. The trace runs from the request until the frame after the answer shows all of its text
// (the view paces a fast stream over several frames and marks the answer `data-pending` until it has caught up), so
// the end of the stream and the final render are in it. The longest task is wall-clock time, as a person sees it;
// its thread (CPU) time is reported beside it, because on a loaded machine a task also waits for the CPU. One
// shorter stream in a fresh page warms the browser (fonts, code caches) first and is not counted.
// Memory: JS heap (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage) with a
// 500-turn (1,000-message) thread rendered, and after switching to a new thread (the old one closed); "released"
// compares a heap snapshot's data, without the code V8 compiled meanwhile (bench/heapSnapshot.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { DeltaBatcher } from '../src/common/chat/batcher';
import { threadFigures, windowOf } from '../src/common/chat/threadWindow';
import { runTurn } from '../src/common/chat/turnRunner';
import type { HostMessage, ModelOption } from '../src/common/protocol';
import { createThread, runningTurn, type Thread, type Turn } from '../src/common/threads/model';
import { longReply } from '../test/emulator/longReply';
import { DEFAULT_API_KEY, startEmulator } from '../test/emulator/server';
import { launchBrowser } from '../test/tools/browser';
import { heapSnapshotBytes, type HeapSnapshot } from './heapSnapshot';
import { emulatorClient, reps, runMain, smoke, summarize } from './lib';
import { shippedExtension } from './shipped';

const MODEL = 'openai.gpt-oss-120b';
const STREAM_TOKENS = smoke ? 2_000 : 20_000;
/** The judged streams' rate (see the header): 20,000 tokens in about 10 s. */
const TOKENS_PER_SECOND = 2_000;
const MEMORY_TURNS = smoke ? 50 : 500; // two messages per turn: 1,000 messages
/** The long thread of issue 23: 5,000 turns, 10,000 messages (the transcript renders its last turns only). */
const LONG_TURNS = smoke ? 500 : 5_000;
const MODELS: ModelOption[] = [{ id: MODEL, api: 'responses', reasoning: true }];
const MB = 1024 * 1024;

/** The chat's CSP (src/vscode/chat/webviewHtml.ts chatCsp, which needs 'vscode' to import) with this origin as cspSource. */
function harnessHtml(origin: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = ["default-src 'none'", `style-src ${origin}`, `font-src ${origin}`, `img-src ${origin} data:`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${origin}/dist/webview.css"><title>bench</title></head>
<body data-surface="panel"><div id="app" role="application"></div>
<script nonce="${nonce}" src="${origin}/dist/webview.js"></script></body></html>`;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };
/** Files the page asked for that the packaged dist/ does not have (reported: the page would be incomplete). */
const missing = new Set<string>();

function serve(distDir: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') { res.writeHead(200, { 'content-type': 'text/html' }).end(harnessHtml(origin)); return; }
    if (url === '/favicon.ico') { res.writeHead(204).end(); return; }
    const m = /^\/dist\/([\w.-]+)(?:\?.*)?$/.exec(url);
    try {
      if (!m) throw new Error('not found');
      res.writeHead(200, { 'content-type': TYPES[extname(m[1])] ?? 'application/octet-stream' }).end(readFileSync(join(distDir, m[1])));
    } catch { missing.add(url); res.writeHead(404).end(); }
  });
  let origin = '';
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    origin = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
    resolve({ origin, server });
  }));
}

/**
 * Stands in for the editor's acquireVsCodeApi (injected before the page's scripts, as VS Code does) and times frames.
 * Plain source text: a compiled function could carry helpers of the TypeScript loader that the page does not have.
 */
const INIT = `(() => {
  const posted = [];
  window.__posted = posted;
  window.acquireVsCodeApi = () => ({ postMessage: (m) => posted.push(m), getState: () => undefined, setState: () => undefined });
  const gaps = [], longTasks = [];
  let running = false, last = 0;
  const tick = (t) => { if (!running) return; if (last) gaps.push(t - last); last = t; requestAnimationFrame(tick); };
  window.__startFrames = () => { gaps.length = 0; longTasks.length = 0; running = true; last = 0; requestAnimationFrame(tick); console.timeStamp('mantle-bench:start'); };
  window.__stopFrames = () => { running = false; console.timeStamp('mantle-bench:end'); return { gaps: [...gaps], longTasks: [...longTasks] }; };
  new PerformanceObserver((list) => { if (running) for (const e of list.getEntries()) longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
})();`;

function stateMessage(thread: Thread, partial: Map<string, { text: string; reasoning: string }>): HostMessage {
  // As ChatCore.postState: a streaming turn shows the text streamed so far, and the view gets the thread's last turns
  // with the whole thread's figures (src/common/chat/threadWindow.ts).
  const shown = { ...thread, turns: thread.turns.map((t) => { const p = t.status === 'streaming' ? partial.get(t.id) : undefined; return p ? { ...t, answer: p.text, reasoning: p.reasoning } : t; }) };
  const { thread: windowed, window } = windowOf(shown, threadFigures(thread, undefined));
  return {
    type: 'state',
    threads: [{
      id: thread.id, title: thread.title, model: thread.model, updatedAt: thread.updatedAt, turns: thread.turns.length,
      running: runningTurn(thread) !== undefined,
    }],
    thread: windowed, window, models: MODELS, prefs: { showReasoning: true, effort: 'medium', store: true },
  };
}

async function openHarness(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => ((window as unknown as { __posted: { type: string }[] }).__posted ?? []).some((m) => m.type === 'ready'), undefined, { timeout: 30_000 });
}

/**
 * Posts a host message to the view: JSON text, parsed and posted into the page. That task (10-30 ms of CPU for the
 * `state` that ends a long answer: parsing, and cloning for postMessage) is the bench standing in for the editor,
 * which does it outside the webview's document; it is marked, so longestTask() leaves it out. The view's own handling
 * of the message is the `message` event task that follows, and counts.
 */
const post = (page: Page, m: HostMessage) => page.evaluate((json) => { console.timeStamp('mantle-bench:post'); window.postMessage(JSON.parse(json), '*'); }, JSON.stringify(m));
const painted = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0))));

async function readTrace(
  cdp: CDPSession,
): Promise<{
  name?: string; ph?: string; dur?: number; tdur?: number; pid?: number; tid?: number; ts?: number; args?: { name?: string; data?: { message?: string } };
}[]> {
  const done = new Promise<{ stream?: string }>((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.end');
  const { stream } = await done;
  if (!stream) throw new Error('no trace stream');
  let data = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle: stream });
    data += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  const parsed = JSON.parse(data) as unknown;
  return Array.isArray(parsed) ? parsed : (parsed as { traceEvents: [] }).traceEvents;
}

type TraceEvent = Awaited<ReturnType<typeof readTrace>>[number];

/**
 * Longest RunTask (ms) on the renderer main thread that did the most work during the trace, and what that task spent
 * its time on (trace events nested in it, by name: script, HTML parsing of innerHTML, style, layout, paint, GC).
 * Tasks of the bench itself do not count: those before the page's start mark (__startFrames, just before the request)
 * or after its end mark (__stopFrames, after the final render) — the tracing's own start and its flush when it stops —
 * and those that deliver a host message (`post`); the longest delivery is reported apart.
 */
function longestTask(events: TraceEvent[]): {
  longestMs: number; longestCpuMs: number; over50: number; longestBreakdownMs: Record<string, number>; longestDeliveryMs: number;
} {
  const mains = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const marks = (message: string) => events.filter((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const start = marks('mantle-bench:start')[0]?.ts;
  const end = marks('mantle-bench:end')[0]?.ts;
  if (start === undefined || end === undefined) throw new Error('the trace has no start or end mark of the page');
  const posts = marks('mantle-bench:post');
  let longestDelivery = 0;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.dur === undefined || e.ts === undefined) continue;
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key)) continue;
    // A task holding a mark is the bench's own call; the main thread runs one task at a time.
    if (e.ts <= start || e.ts + e.dur >= end) continue;
    if (posts.some((p) => p.pid === e.pid && p.tid === e.tid && p.ts !== undefined && p.ts >= e.ts! && p.ts <= e.ts! + e.dur!)) {
      longestDelivery = Math.max(longestDelivery, e.dur / 1000);
      continue;
    }
    (byThread.get(key) ?? byThread.set(key, []).get(key)!).push(e);
  }
  let best: TraceEvent[] = [];
  const total = (list: TraceEvent[]) => list.reduce((a, e) => a + (e.dur ?? 0), 0);
  for (const d of byThread.values()) if (total(d) > total(best)) best = d;
  const longest = best.reduce<TraceEvent | undefined>((a, e) => (!a || (e.dur ?? 0) > (a.dur ?? 0) ? e : a), undefined);
  const breakdown: Record<string, number> = {};
  if (longest?.ts !== undefined && longest.dur !== undefined) {
    const until = longest.ts + longest.dur;
    const names = new Set(['FunctionCall', 'FireAnimationFrame', 'EventDispatch', 'ParseHTML', 'UpdateLayoutTree', 'Layout', 'Paint', 'MinorGC', 'MajorGC', 'V8.GC_SCAVENGER', 'V8.GC_MARK_COMPACTOR']);
    for (const e of events) {
      if (e.ph !== 'X' || !e.name || !names.has(e.name) || e.pid !== longest.pid || e.tid !== longest.tid || e.ts === undefined || e.ts < longest.ts || e.ts >= until) continue;
      breakdown[e.name] = Number(((breakdown[e.name] ?? 0) + (e.dur ?? 0) / 1000).toFixed(1));
    }
  }
  const ms = best.map((e) => (e.dur ?? 0) / 1000);
  return {
    longestMs: ms.length ? Math.max(...ms) : 0, longestCpuMs: (longest?.tdur ?? 0) / 1000,
    over50: ms.filter((d) => d > 50).length, longestBreakdownMs: breakdown, longestDeliveryMs: longestDelivery,
  };
}

/** Streams the reply into a new thread, or into one that already holds `priorTurns` turns (two messages each). */
async function streamOnce(page: Page, origin: string, emuUrl: string, priorTurns = 0, tokens = STREAM_TOKENS) {
  await openHarness(page, origin);
  const cdp = await page.context().newCDPSession(page);
  const partial = new Map<string, { text: string; reasoning: string }>();
  const started = Date.now();
  let thread: Thread = { ...createThread(randomUUID(), MODEL, started), turns: messagesFor(priorTurns, started - priorTurns) };
  await post(page, stateMessage(thread, partial));
  await painted(page);
  let queue = Promise.resolve();
  const send = (m: HostMessage) => { queue = queue.then(() => post(page, m)); };
  const batcher = new DeltaBatcher((b) => send({ type: 'delta', ...b }), 40);
  const env = { mantle: emulatorClient(emuUrl, DEFAULT_API_KEY), apiFor: () => 'responses' as const, now: () => Date.now(), newId: () => randomUUID(), log: () => undefined };
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
  await page.evaluate(() => (window as unknown as { __startFrames(): void }).__startFrames());
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  thread = await runTurn(env, thread, { prompt: `Please reply with ${tokens} tokens about serverless design.`, store: true, effort: 'medium' }, {
    onThread: (t) => { batcher.flush(); send(stateMessage(t, partial)); },
    onDelta: (turnId, kind, delta) => {
      const p = partial.get(turnId) ?? { text: '', reasoning: '' };
      if (kind === 'text') p.text += delta; else p.reasoning += delta;
      partial.set(turnId, p);
      batcher.push(thread.id, turnId, kind, delta);
    },
  });
  const streamed = performance.now() - t0;
  await queue;
  await page.waitForFunction(() => !document.querySelector('.answer[data-pending]'), undefined, { polling: 'raf', timeout: 120_000 });
  await painted(page);
  const total = performance.now() - t0;
  const driver = process.cpuUsage(cpu0);
  const frames = await page.evaluate(() => (window as unknown as { __stopFrames(): { gaps: number[]; longTasks: number[] } }).__stopFrames());
  const tasks = longestTask(await readTrace(cdp));
  const turn = thread.turns[thread.turns.length - 1];
  if (turn.status !== 'done' || turn.usage?.outputTokens !== undefined && turn.usage.outputTokens < tokens) throw new Error(`stream ended ${turn.status} with ${turn.usage?.outputTokens} tokens`);
  const shown = await page.evaluate(() => Array.from(document.querySelectorAll('.msg.assistant .answer')).at(-1)?.textContent?.length ?? 0);
  if (shown < turn.answer.length * 0.5) throw new Error(`the final render shows ${shown} characters of a ${turn.answer.length}-character answer`);
  await cdp.detach();
  return {
    totalMs: total, streamMs: streamed, answerChars: turn.answer.length, driverCpuMs: (driver.user + driver.system) / 1000,
    longestTaskMs: tasks.longestMs, longestTaskCpuMs: tasks.longestCpuMs, tasksOver50: tasks.over50, longestBreakdownMs: tasks.longestBreakdownMs,
    longestDeliveryMs: tasks.longestDeliveryMs,
    longestLongTaskObserverMs: frames.longTasks.length ? Math.max(...frames.longTasks) : 0,
    frames: frames.gaps.length, framesOver50: frames.gaps.filter((g) => g > 50).length,
  };
}

/**
 * JS heap and, where this Chromium reports it, the DOM's own (Blink/Oilpan, "embedder") heap, after full GCs; and
 * from a heap snapshot, what it holds besides compiled code (bench/heapSnapshot.ts), which "released" compares.
 */
async function heapMb(cdp: CDPSession): Promise<{ js: number; dom: number; total: number; data: number }> {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; embedderHeapUsedSize?: number };
  const dom = usage.embedderHeapUsedSize ?? 0;
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => { chunks.push(e.chunk); };
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try { await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false }); }
  finally { cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk); }
  const { data } = heapSnapshotBytes(JSON.parse(chunks.join('')) as HeapSnapshot);
  return { js: usage.usedSize / MB, dom: dom / MB, total: (usage.usedSize + dom) / MB, data: data / MB };
}

function messagesFor(count: number, threadStart: number): Turn[] {
  const turns: Turn[] = [];
  for (let i = 0; i < count; i++) {
    turns.push({
      id: randomUUID(), prompt: `Question ${i + 1}: how should a small team run a serverless service?`, model: MODEL, api: 'responses', stored: true,
      answer: `Answer ${i + 1}.\n\n${longReply(150 + (i % 7) * 40)}`, reasoning: 'The user asks about serverless operations; summarize the main points.',
      status: 'done', responseId: `resp_${randomUUID().replace(/-/g, '')}`, usage: { inputTokens: 40, outputTokens: 300, reasoningTokens: 20, cachedTokens: 0 },
      createdAt: threadStart + i,
    });
  }
  return turns;
}

/**
 * Switching to a long thread: from posting its `state` (in the page, so the transfer from this process is not
 * counted) until the frame after it was rendered — the first screen, at the end of the thread.
 */
async function switchOnce(page: Page, origin: string, turns: number) {
  await openHarness(page, origin);
  const now = Date.now();
  const none = new Map<string, { text: string; reasoning: string }>();
  await post(page, stateMessage({ ...createThread(randomUUID(), MODEL, now), turns: messagesFor(10, now) }, none));
  await painted(page);
  const long = stateMessage({ ...createThread(randomUUID(), MODEL, now + 1), title: 'Long thread', turns: messagesFor(turns, now) }, none);
  const ms = await page.evaluate((msg) => new Promise<number>((resolve) => {
    const t0 = performance.now();
    window.postMessage(msg, '*');
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  }), long);
  const rendered = await page.evaluate(() => document.querySelectorAll('.msg').length);
  const last = (long.type === 'state' && long.thread?.turns.at(-1)?.prompt) || '';
  const lastShown = await page.evaluate((text) => Array.from(document.querySelectorAll('.user-text')).some((e) => e.textContent === text), last);
  if (!lastShown) throw new Error('the first screen of the long thread does not show its last message');
  return { ms, rendered };
}

async function memoryOnce(page: Page, origin: string, turns = MEMORY_TURNS, step = 100) {
  await openHarness(page, origin);
  const cdp = await page.context().newCDPSession(page);
  const none = new Map<string, { text: string; reasoning: string }>();
  const now = Date.now();
  // Baseline after a short thread was rendered and closed, so code compiled on first use (markdown, highlighting)
  // counts in the baseline and "released" compares like with like.
  const warm = createThread(randomUUID(), MODEL, now);
  await post(page, stateMessage({ ...warm, turns: messagesFor(10, now) }, none));
  await painted(page);
  const empty = createThread(randomUUID(), MODEL, now + 1);
  await post(page, stateMessage(empty, none));
  await painted(page);
  const baseline = await heapMb(cdp);
  // Built up as a conversation grows (a state every `step` turns), then measured with the whole thread in the view's
  // state (the transcript renders its last turns; `messages` is how many are in the DOM).
  const all = messagesFor(turns, now);
  const started = performance.now();
  for (let n = Math.min(step, turns); ; n = Math.min(n + step, turns)) {
    await post(page, stateMessage({ ...empty, title: 'Long thread', turns: all.slice(0, n), updatedAt: now + n }, none));
    await painted(page);
    if (n === turns) break;
  }
  const renderMs = performance.now() - started;
  const messages = await page.evaluate(() => document.querySelectorAll('.msg').length);
  const withThread = await heapMb(cdp);
  // Closing the thread: the host switches the view to a new, empty thread; the long one stays only in the host.
  await post(page, stateMessage(createThread(randomUUID(), MODEL, now + turns + 2), none));
  await painted(page);
  const afterClose = await heapMb(cdp);
  await cdp.detach();
  return { threadMessages: turns * 2, messages, baseline, withThread, afterClose, renderMs };
}

type StreamRun = Awaited<ReturnType<typeof streamOnce>>;

/** Median (min–max) of each figure over the runs, and the breakdown of the run with the longest task. */
function streamFigures(runs: StreamRun[], tokensPerSecond?: number) {
  const s = (k: 'totalMs' | 'streamMs' | 'driverCpuMs' | 'longestDeliveryMs' | 'longestTaskMs' | 'longestTaskCpuMs' | 'tasksOver50' | 'longestLongTaskObserverMs' | 'frames' | 'framesOver50') => summarize(runs.map((x) => x[k]), 1);
  const worst = runs.reduce((a, b) => (b.longestTaskMs > a.longestTaskMs ? b : a));
  return {
    tokens: STREAM_TOKENS, ...(tokensPerSecond ? { tokensPerSecond } : {}), answerChars: runs[0].answerChars,
    // CPU time of this process (emulator, client, turn runner, CDP) meanwhile: what it took from Chromium's cores.
    totalMs: s('totalMs'), streamMs: s('streamMs'), driverCpuMs: s('driverCpuMs'), longestTaskMs: s('longestTaskMs'), longestTaskCpuMs: s('longestTaskCpuMs'), tasksOver50: s('tasksOver50'),
    longestTaskBreakdownMs: worst.longestBreakdownMs, longestDeliveryMs: s('longestDeliveryMs'),
    longestLongTaskObserverMs: s('longestLongTaskObserverMs'), frames: s('frames'), framesOver50: s('framesOver50'),
  };
}

runMain(async () => {
  const shipped = await shippedExtension();
  const { origin, server } = await serve(join(shipped.extensionDir, 'dist'));
  const flood = await startEmulator({ port: 0 });
  const paced = await startEmulator({ port: 0, tokensPerSecond: TOKENS_PER_SECOND });
  const browser = await launchBrowser({ headless: true });
  try {
    await browser.page.addInitScript({ content: INIT });
    const pageErrors: string[] = [];
    browser.page.on('pageerror', (e) => pageErrors.push(e.message));
    browser.page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
    await streamOnce(browser.page, origin, flood.url, 0, Math.min(2_000, STREAM_TOKENS)); // warm-up, not counted
    // Paced and flood runs alternate, so both see the same machine.
    const streams: StreamRun[] = [];
    const floods: StreamRun[] = [];
    for (let i = 0; i < reps(3); i++) {
      streams.push(await streamOnce(browser.page, origin, paced.url));
      floods.push(await streamOnce(browser.page, origin, flood.url));
    }
    const memory: Awaited<ReturnType<typeof memoryOnce>>[] = [];
    for (let i = 0; i < reps(2); i++) memory.push(await memoryOnce(browser.page, origin));
    // The long thread: streaming into it, switching to it, and the memory it takes.
    const longStreams: StreamRun[] = [];
    const longFloods: StreamRun[] = [];
    for (let i = 0; i < reps(3); i++) {
      longStreams.push(await streamOnce(browser.page, origin, paced.url, LONG_TURNS));
      longFloods.push(await streamOnce(browser.page, origin, flood.url, LONG_TURNS));
    }
    const switches: Awaited<ReturnType<typeof switchOnce>>[] = [];
    for (let i = 0; i < reps(5); i++) switches.push(await switchOnce(browser.page, origin, LONG_TURNS));
    const longMemory: Awaited<ReturnType<typeof memoryOnce>>[] = [];
    for (let i = 0; i < reps(2); i++) longMemory.push(await memoryOnce(browser.page, origin, LONG_TURNS, 1_000));
    const heap = (k: 'baseline' | 'withThread' | 'afterClose', part: 'js' | 'dom' | 'total' | 'data') => summarize(memory.map((x) => x[k][part]), 2);
    // Compared without compiled code: V8 keeps the code it made for the functions that ran (bench/heapSnapshot.ts).
    const released = memory.every((x) => x.afterClose.data - x.baseline.data <= 0.1 * (x.withThread.data - x.baseline.data));
    return {
      long: {
        threadMessages: LONG_TURNS * 2,
        stream: streamFigures(longStreams, TOKENS_PER_SECOND),
        flood: streamFigures(longFloods),
        switchMs: summarize(switches.map((x) => x.ms), 1),
        renderedMessages: switches[0].rendered,
        memoryMb: {
          baseline: summarize(longMemory.map((x) => x.baseline.total), 1),
          withThread: summarize(longMemory.map((x) => x.withThread.total), 1),
          afterClose: summarize(longMemory.map((x) => x.afterClose.total), 1),
        },
      },
      pageErrors: pageErrors.slice(0, 5),
      missingFiles: [...missing],
      // Judged: paced at TOKENS_PER_SECOND. flood: the same reply with zero delay, for information.
      stream: streamFigures(streams, TOKENS_PER_SECOND),
      flood: streamFigures(floods),
      memory: {
        threadMessages: memory[0].threadMessages,
        messages: memory[0].messages,
        totalMb: { baseline: heap('baseline', 'total'), withThread: heap('withThread', 'total'), afterClose: heap('afterClose', 'total') },
        jsMb: { baseline: heap('baseline', 'js'), withThread: heap('withThread', 'js'), afterClose: heap('afterClose', 'js') },
        domMb: { baseline: heap('baseline', 'dom'), withThread: heap('withThread', 'dom'), afterClose: heap('afterClose', 'dom') },
        dataMb: { baseline: heap('baseline', 'data'), withThread: heap('withThread', 'data'), afterClose: heap('afterClose', 'data') },
        renderMs: summarize(memory.map((x) => x.renderMs), 0),
        // Released: at most 10% of the data the thread added is still held after it was closed (every run).
        released,
      },
    };
  } finally {
    await browser.close();
    await flood.close();
    await paced.close();
    server.close();
    shipped.cleanup();
  }
});
