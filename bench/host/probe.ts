// Runs inside the extension host of a fresh code-server window where the packaged .vsix is installed as a person
// installs it (loaded as extensionTestsPath next to an empty development extension; see bench/editor.ts). It reads
// the extension host's own performance marks around our require() and activate() call and vscode.git's in the same
// window — per extension, so unlike the "Activation" figure they do not include other extensions queued ahead —
// then times the first chat request after activation and a few warm ones the same way. Results go to the file
// named by MANTLE_BENCH_PROBE_OUT.
import { readFileSync, writeFileSync } from 'node:fs';
import vscode = require('vscode');

const OURS = 'bedrock-mantle.bedrock-mantle';
const GIT = 'vscode.git';
/** The development extension of the probe windows: the floor for activate() (bench/host/floorExtension.cjs). */
const FLOOR = 'bench.bench-probe';
const WARM_TURNS = Number(process.env.MANTLE_BENCH_PROBE_WARM ?? 5);
const PROMPT = 'Hello! In one sentence, what can you help me with today?';

interface Mark { name: string; startTime: number }
interface Controller {
  attach(webview: vscode.Webview): vscode.Disposable;
  receive(raw: unknown): Promise<void>;
  newThread(model?: string): Promise<{ id: string }>;
  readonly activeThread: { turns: { status: string; error?: { message: string } }[] } | undefined;
}
interface ClientLike { streamTurn(req: unknown, onEvent: (e: { kind: string }) => void, signal?: AbortSignal): Promise<unknown> }
interface ContainerLike {
  chat: { controller: Controller }; mantle: ClientLike; builtFeatures?: string[]; containerBuilt?: boolean; warmUp?: () => Promise<void>;
}

/**
 * Where one request's time went, in ms from the start: thread made, the client called, the HTTP request handed to
 * fetch and its response headers, the client's first event, the delta posted.
 */
interface Split {
  /** Making the thread and waiting for a quiet extension host and machine (before the request; not timed in it). */
  newThread: number; settleMs?: number; settled?: boolean;
  clientCalled?: number; fetch?: number; headers?: number; clientFirstEvent?: number; delta: number;
  /** CPU time of this extension host process during the request (user + system, all its threads), ms. */
  cpuMs?: number;
  /** Share of the machine's CPU time busy (all processes, /proc/stat) during the request, and in the settle's last 200 ms. */
  machineBusy?: number; machineBusyBefore?: number;
  /** Temporary marks in the product code while investigating (globalThis.__mantleMark), when it has them. */
  marks?: [string, number][];
}
let split: Split | undefined;

/** The editor's marks (vs/base/common/performance keeps them on globalThis in the extension host; Date.now(), 1 ms). */
function marks(): Mark[] {
  const perf = (globalThis as { MonacoPerformanceMarks?: { getMarks(): Mark[] } }).MonacoPerformanceMarks;
  if (!perf) throw new Error('the extension host has no MonacoPerformanceMarks');
  return perf.getMarks();
}

function span(all: Mark[], id: string, from: string, to: string): number | undefined {
  const a = all.find((m) => m.name === `code/extHost/${from}/${id}`);
  const b = all.find((m) => m.name === `code/extHost/${to}/${id}`);
  return a && b ? b.startTime - a.startTime : undefined;
}

function timings(all: Mark[], id: string) {
  // require(): willLoadExtensionCode → didLoadExtensionCode. activate(): willActivateExtension → didActivateExtension,
  // the call plus the settling of what it returns (ours returns at once; vscode.git's resolves after its setup).
  return { requireMs: span(all, id, 'willLoadExtensionCode', 'didLoadExtensionCode'), activateMs: span(all, id, 'willActivateExtension', 'didActivateExtension') };
}

/** Both extensions activate on their own at startup; this waits for their marks (the signal), not for a time. */
async function activated(ids: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ids.every((id) => marks().some((m) => m.name === `code/extHost/didActivateExtension/${id}`))) {
    if (Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Waits until this extension host's event loop and the machine have both been quiet for a moment: QUIET_RUN timers
 * in a row each fired within LAG_MS of when they were due (a window still starting up — other extensions
 * activating, the workbench asking for things — delays them), and over that run the machine's CPUs were busy at
 * most MACHINE_BUSY_MAX of the time (/proc/stat). The second condition matters because a new window's start-up
 * also runs in the browser and the code-server process, on the same 2 cores, without delaying this event loop:
 * measured, the machine was 50–100% busy before the first request and 2–7% before the warm ones when only the
 * event loop was waited for. Every timed request waits for it, the first and the warm ones alike, so each starts
 * from the same state, as a person's message does (typing it takes longer than the window's start-up); how long
 * it took, whether it came before the deadline and the machine's busy share are reported.
 */
async function quiet(deadlineMs = 10_000): Promise<{ ms: number; settled: boolean; ticks?: ReturnType<typeof cpuTicks> }> {
  const QUIET_RUN = 20;
  const TICK_MS = 10;
  const LAG_MS = 4;
  const MACHINE_BUSY_MAX = 0.2;
  const start = performance.now();
  let run = 0;
  let ticks = cpuTicks();
  while (performance.now() - start < deadlineMs) {
    const due = performance.now() + TICK_MS;
    await new Promise((r) => setTimeout(r, TICK_MS));
    run = performance.now() - due < LAG_MS ? run + 1 : 0;
    if (run === 0) ticks = cpuTicks();
    if (run < QUIET_RUN) continue;
    const busy = busyShare(ticks, cpuTicks());
    if (busy === undefined || busy <= MACHINE_BUSY_MAX) return { ms: performance.now() - start, settled: true, ticks };
    run = 0;
    ticks = cpuTicks();
  }
  return { ms: performance.now() - start, settled: false, ticks };
}

/** The machine's busy and total CPU ticks (/proc/stat, all CPUs); undefined off Linux. */
function cpuTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch { return undefined; }
}

function busyShare(a: ReturnType<typeof cpuTicks>, b: ReturnType<typeof cpuTicks>): number | undefined {
  return a && b && b.total > a.total ? (b.busy - a.busy) / (b.total - a.total) : undefined;
}

/**
 * One chat request as a person's message in the open chat: a thread to type into (made before, as a person opens
 * a new chat and then types), the extension host quiet, then from `send` to the first delta posted.
 */
async function firstDeltaMs(container: ContainerLike): Promise<number> {
  let t0 = performance.now();
  const controller = container.chat.controller;
  const at = () => performance.now() - t0;
  const marks: Partial<Split> = {};
  // The client's own method, wrapped on the instance for this request only (the prototype's comes back after).
  const client = container.mantle;
  const original = client.streamTurn;
  client.streamTurn = (req, onEvent, signal) => {
    marks.clientCalled ??= at();
    return original.call(client, req, (e) => { if (e.kind === 'text' || e.kind === 'reasoning') marks.clientFirstEvent ??= at(); onEvent(e); }, signal);
  };
  // The global fetch the clients call at request time, timed for this request.
  const globalFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    marks.fetch ??= at();
    const res = await globalFetch(input, init);
    marks.headers ??= at();
    return res;
  };
  (globalThis as Record<string, unknown>).__mantleMark = (name: string) => { (marks.marks ??= []).push([name, Number(at().toFixed(2))]); };
  let delivered!: (t: number) => void;
  const first = new Promise<number>((r) => { delivered = r; });
  let say: ((m: unknown) => unknown) | undefined;
  const sink = {
    postMessage: (m: { type: string; text?: string; reasoning?: string }) => { if (m.type === 'delta' && (m.text || m.reasoning)) delivered(performance.now()); return Promise.resolve(true); },
    onDidReceiveMessage: (listener: (m: unknown) => unknown) => { say = listener; return { dispose: () => undefined }; },
  };
  const detach = controller.attach(sink as unknown as vscode.Webview);
  // The webview host holds back deltas until a page says `ready` (src/common/readyGate.ts): the sink says it as a page does.
  await say?.({ type: 'ready' });
  try {
    // The page is ready and the thread made before the person sends: neither is part of the request.
    const thread = await controller.newThread();
    marks.newThread = at();
    const settle = await quiet();
    marks.settleMs = settle.ms;
    marks.settled = settle.settled;
    const ticks0 = cpuTicks();
    marks.machineBusyBefore = busyShare(settle.ticks, ticks0);
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    // Only what happens from the send on (the page's ready may have started a model-list read, for one).
    for (const k of ['marks', 'clientCalled', 'fetch', 'headers', 'clientFirstEvent'] as const) delete marks[k];
    const done = controller.receive({ type: 'send', threadId: thread.id, text: PROMPT, background: false });
    let timer: NodeJS.Timeout | undefined;
    const t1 = await Promise.race([first, new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('no delta within 20 s')), 20_000); })]).finally(() => clearTimeout(timer));
    const cpu = process.cpuUsage(cpu0);
    marks.cpuMs = (cpu.user + cpu.system) / 1000;
    marks.machineBusy = busyShare(ticks0, cpuTicks());
    await done;
    const turn = controller.activeThread?.turns.at(-1);
    if (turn?.status !== 'done') throw new Error(`turn ended ${turn?.status}: ${turn?.error?.message ?? ''}`);
    split = { ...marks, newThread: marks.newThread ?? NaN, delta: t1 - t0 };
    return t1 - t0;
  } finally {
    delete (client as Partial<ClientLike>).streamTurn;
    globalThis.fetch = globalFetch;
    delete (globalThis as Record<string, unknown>).__mantleMark;
    detach.dispose();
  }
}

export async function run(): Promise<void> {
  const result: Record<string, unknown> = {};
  try {
    await activated([OURS, GIT, FLOOR], 90_000);
    const all = marks();
    result.ours = timings(all, OURS);
    result.git = timings(all, GIT);
    const started = (id: string) => all.find((m) => m.name === `code/extHost/willActivateExtension/${id}`)?.startTime;
    result.floor = { ...timings(all, FLOOR), beforeOurs: (started(FLOOR) ?? Infinity) < (started(OURS) ?? -Infinity) };
    const ext = vscode.extensions.getExtension<ContainerLike>(OURS);
    if (!ext?.isActive) throw new Error(`${OURS} did not activate at startup`);
    const container = ext.exports;
    // Activation registers stand-ins; the services (dist/container.js) are built on first use or when idle. The first
    // property read builds them if the idle moment has not come yet: timed apart.
    result.containerBuiltBeforeProbe = container.containerBuilt ?? true;
    const c0 = performance.now();
    result.builtAtActivation = container.builtFeatures ?? [];
    result.containerBuildMs = performance.now() - c0;
    // Which lazily loaded bundles were already in before the first request (the model list loads the openai SDK).
    const loaded = () => Object.keys(require.cache).filter((f) => /bedrock-mantle[^\\/]*[\\/]dist[\\/][\w-]+\.js$/.test(f)).map((f) => f.replace(/.*[\\/]/, '')).sort();
    result.bundlesBeforeFirstRequest = loaded();
    // Opening the chat builds it (dist/features.js, the stored threads): timed apart, as a person opens it first.
    const t0 = performance.now();
    void container.chat.controller;
    result.chatBuildMs = performance.now() - t0;
    // Opening the chat warms the first request up (connection, openai SDK and client, model list; the container's
    // warmUp(), which showing the chat view starts). A person then types a message; the probe waits for the warm-up
    // to finish instead, and reports how long it took from the chat being opened.
    const w0 = performance.now();
    // As a shown chat does: its webview attaches and says `ready` (the chat then reads its instructions file and
    // models), and showing the view starts the container's warm-up.
    const view = { postMessage: () => Promise.resolve(true), onDidReceiveMessage: () => ({ dispose: () => undefined }) };
    const shown = container.chat.controller.attach(view as unknown as vscode.Webview);
    await container.chat.controller.receive({ type: 'ready' });
    await container.warmUp?.();
    shown.dispose();
    result.warmUpMs = performance.now() - w0 + (result.chatBuildMs as number);
    result.firstRequestMs = await firstDeltaMs(container);
    result.firstSplit = split;
    const warm: number[] = [];
    for (let i = 0; i < WARM_TURNS; i++) warm.push(await firstDeltaMs(container));
    result.lastWarmSplit = split;
    result.warmRequestMs = warm;
    result.bundlesAfterRequests = loaded();
  } catch (e) {
    result.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  writeFileSync(process.env.MANTLE_BENCH_PROBE_OUT ?? '/dev/null', JSON.stringify(result));
}
