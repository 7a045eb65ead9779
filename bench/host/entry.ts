// Runs inside the real extension host of a code-server window (loaded as extensionTestsPath; see bench/editor.ts).
// The extension under test is the production bundle with module markers (bench/moduleMarkers.ts). It measures:
//  - which bundled modules ran at activation, after chat turns, and after switching to an AWS profile;
//  - added latency: a chat turn submitted to the real ChatController (as the webview's `send` message) until the
//    first `delta` is posted to the webview, next to a bare openai SDK stream of the same request body, same process;
//  - extension-host heap growth over a 200-turn thread (heapUsed after a full GC).
// The controller's webview is a sink that records what the host posts: the host side of postMessage is measured,
// not the editor's transport into the iframe. Results go to the file named by MANTLE_BENCH_OUT.
import { writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import vscode = require('vscode');

const EXTENSION_ID = 'bedrock-mantle.bedrock-mantle';
const env = process.env;
const LATENCY_REPS = Number(env.MANTLE_BENCH_REPS ?? 25);
const WARMUP = Number(env.MANTLE_BENCH_WARMUP ?? 5);
const MEMORY_TURNS = Number(env.MANTLE_BENCH_MEMORY_TURNS ?? 200);
const PROMPT = 'Hello! In one sentence, what can you help me with today?';

interface Controller {
  attach(webview: vscode.Webview): vscode.Disposable;
  receive(raw: unknown): Promise<void>;
  newThread(model?: string): Promise<{ id: string }>;
  readonly activeThread: { id: string; turns: { status: string; answer: string; error?: { message: string } }[] } | undefined;
  readonly core: { composer: { takeForSend(...args: unknown[]): Promise<unknown> } };
}
interface ClientLike {
  streamTurn(req: unknown, onEvent: (e: { kind: string }) => void, signal?: AbortSignal): Promise<unknown>;
  listModels(): Promise<unknown[]>;
}
interface ContainerLike {
  chat: { controller: Controller };
  mantle: ClientLike;
  anthropic: Pick<ClientLike, 'streamTurn'>;
}

const modules = (): string[] => [...((globalThis as Record<string, unknown>).__mantleBenchModules as string[] | undefined ?? [])];
const moduleTimes = (): number[] => [...((globalThis as Record<string, unknown>).__mantleBenchModuleTimes as number[] | undefined ?? [])];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function packageOf(id: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(id);
  return m ? m[1] : 'src';
}

const AWS_PACKAGE = /^(@aws-sdk|@smithy|@aws-crypto|@aws)\//;

/**
 * Our bundles loaded so far (dist/extension.js, and those it requires on first use: container, features, SDKs): files
 * in our own extension's dist/ only (code-server's own modules have dist/ folders too).
 */
function bundles(): string[] {
  const dist = join(vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath ?? '/nonexistent', 'dist');
  return Object.keys(require.cache).filter((f) => dirname(f) === dist && f.endsWith('.js')).map((f) => basename(f)).sort();
}

function moduleReport(list: string[]) {
  const byPackage: Record<string, number> = {};
  for (const id of list) byPackage[packageOf(id)] = (byPackage[packageOf(id)] ?? 0) + 1;
  const awsPackages = Object.fromEntries(Object.entries(byPackage).filter(([p]) => AWS_PACKAGE.test(p)));
  return {
    count: list.length, byPackage, bundles: bundles(),
    /** Modules of AWS packages (credential providers, signer) that were evaluated. */
    awsModules: Object.values(awsPackages).reduce((a, b) => a + b, 0), awsPackages,
    /** The project's own thin AWS files (they import the packages lazily). */
    awsSourceFiles: list.filter((id) => /^src\/node\/(awsCredentials|sigv4Fetch)\.ts$/.test(id)),
  };
}

/**
 * Where module evaluation time went during activation: the gap from one module's marker to the next is charged to
 * the first (its body ran in between), summed per package. Approximate: the last module's gap is unknown.
 */
function evaluationTimes(ids: string[], times: number[]) {
  const byPackage: Record<string, number> = {};
  const byModule: [string, number][] = [];
  for (let i = 0; i + 1 < ids.length && i + 1 < times.length; i++) {
    const p = packageOf(ids[i]);
    byPackage[p] = (byPackage[p] ?? 0) + (times[i + 1] - times[i]);
    byModule.push([ids[i], times[i + 1] - times[i]]);
  }
  const spanMs = times.length > 1 ? times[times.length - 1] - times[0] : 0;
  const sorted = (e: [string, number][]) => Object.fromEntries(e.sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Number(v.toFixed(1))]));
  return { spanMs, byPackageMs: sorted(Object.entries(byPackage)), topModulesMs: Object.fromEntries(Object.entries(sorted(byModule)).slice(0, 10)) };
}

async function lastPostBody(emulatorUrl: string): Promise<Record<string, unknown>> {
  const log = await (await fetch(`${new URL(emulatorUrl).origin}/__emulator/log`)).json() as { method: string; path: string; body?: Record<string, unknown> }[];
  const post = [...log].reverse().find((e) => e.method === 'POST' && e.body);
  if (!post?.body) throw new Error('the emulator logged no POST with a body');
  return post.body;
}

/** Queues an emulator fault that spaces the tokens of the next POST /responses `ms` apart (the first is not delayed). */
async function paceNextResponse(emulatorUrl: string, ms: number): Promise<void> {
  const res = await fetch(`${new URL(emulatorUrl).origin}/__emulator/faults`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify([{ kind: 'token-rate', ms, times: 1, method: 'POST', path: '/responses' }]),
  });
  if (!res.ok) throw new Error(`the emulator refused the token-rate fault: ${res.status}`);
}

/** The three APIs the turn engine speaks, each through a model of the emulator's table that answers only it (or prefers it). */
const APIS = [
  { api: 'responses', model: 'openai.gpt-oss-120b' },
  { api: 'chat', model: 'mistral.mistral-large-3-675b-instruct' },
  { api: 'messages', model: 'anthropic.claude-haiku-4-5' },
] as const;
type Api = (typeof APIS)[number]['api'];

/**
 * Where one host turn's time went, in ms after the `send` message: the composer's send-time pick (instruction file,
 * attachment checks) started and ended, the API client called, the HTTP request handed to fetch and its response
 * headers, the client's first text event, the delta posted to the webview. For the bare SDK: fetch and headers.
 */
interface Split {
  pickStart?: number; pickEnd?: number; client?: number; fetch?: number; headers?: number; firstEvent?: number; delta?: number;
  /** Temporary marks in the product code while investigating (globalThis.__mantleMark), when it has them. */
  marks?: [string, number][];
}

/** The bare SDK for one API, streaming exactly `body`: resolves with the time of its first text delta (ms after t0). */
function bareStreamer(api: Api, emulatorUrl: string, apiKey: string, marks: () => Split, t0: () => number) {
  // Its own fetch, so its request and headers are timed like the host's (the same global fetch underneath).
  const fetchTimed = async (input: string | URL | Request, init?: RequestInit) => {
    const m = marks();
    m.fetch ??= performance.now() - t0();
    const res = await globalThis.fetch(input, init);
    m.headers ??= performance.now() - t0();
    return res;
  };
  if (api === 'messages') {
    const anthropic = new Anthropic({
      apiKey, authToken: null, baseURL: `${new URL(emulatorUrl).origin}/anthropic`, maxRetries: 0, fetch: fetchTimed,
      defaultHeaders: { 'anthropic-version': '2023-06-01' },
    });
    return async (body: Record<string, unknown>) => {
      type Event = { type: string; delta?: { type?: string } };
      const stream = await anthropic.messages.create({ ...body, stream: true } as never) as unknown as AsyncIterable<Event>;
      let at: number | undefined;
      for await (const ev of stream) if (at === undefined && ev.type === 'content_block_delta' && /^(text|thinking)_delta$/.test(ev.delta?.type ?? '')) at = performance.now();
      return at;
    };
  }
  const sdk = new OpenAI({ apiKey, baseURL: emulatorUrl, organization: null, project: null, maxRetries: 0, fetch: fetchTimed });
  if (api === 'chat') {
    return async (body: Record<string, unknown>) => {
      type Chunk = { choices?: { delta?: Record<string, unknown> }[] };
      const stream = await sdk.chat.completions.create({ ...body, stream: true } as never) as unknown as AsyncIterable<Chunk>;
      let at: number | undefined;
      for await (const ch of stream) {
        const d = ch.choices?.[0]?.delta;
        if (at === undefined && d && (d.content || d.reasoning || d.reasoning_content)) at = performance.now();
      }
      return at;
    };
  }
  return async (body: Record<string, unknown>) => {
    const stream = await sdk.responses.create({ ...body, stream: true } as never) as unknown as AsyncIterable<{ type: string }>;
    let at: number | undefined;
    for await (const ev of stream) if (at === undefined && /(reasoning_text|output_text)\.delta$/.test(ev.type)) at = performance.now();
    return at;
  };
}

/**
 * A chat turn on a new thread of `model` (answered through `api`) sent to the real controller, until its first delta
 * is posted, next to the bare SDK streaming the same body; paired per repetition.
 * pacedMs 0: the emulator streams as fast as it can (the setting). pacedMs > 0 (Responses only): tokens
 * arrive that far apart, as from a real model, which shows what the host's delta batching adds.
 */
async function latency(
  container: ContainerLike, emulatorUrl: string, apiKey: string, target: (typeof APIS)[number] = APIS[0], pacedMs = 0, reps = LATENCY_REPS, warmup = WARMUP,
) {
  const controller = container.chat.controller;
  let onFirstDelta: ((t: number) => void) | undefined;
  // Whether the first delta went out because a `state` post flushed the batcher (it is then posted right before
  // that state, in the same tick) rather than on the batcher's own timer.
  let watchNext = false;
  let flushedByState = 0;
  const sink = {
    postMessage: (m: { type: string; text?: string; reasoning?: string }) => {
      if (watchNext) { watchNext = false; if (m.type === 'state') flushedByState++; }
      if (onFirstDelta && m.type === 'delta' && (m.text || m.reasoning)) { const f = onFirstDelta; onFirstDelta = undefined; watchNext = true; f(performance.now()); }
      return Promise.resolve(true);
    },
    onDidReceiveMessage: (listener: (m: unknown) => unknown) => { say = listener; return { dispose: () => undefined }; },
  };
  let say: ((m: unknown) => unknown) | undefined;
  const detach = controller.attach(sink as unknown as vscode.Webview);
  // The webview host holds back deltas until a page says `ready` (src/common/readyGate.ts): the sink says it as a page does.
  await say?.({ type: 'ready' });
  let t0 = 0;
  let split: Split = {};
  let timing = false;
  const at = () => performance.now() - t0;
  // The instance methods wrapped for the run (the prototypes' come back after): the client of this API, the
  // composer's send-time pick, and the global fetch the clients call at request time.
  const client = target.api === 'messages' ? container.anthropic : container.mantle;
  const original = client.streamTurn;
  client.streamTurn = (req, onEvent, signal) => {
    if (timing) split.client ??= at();
    return original.call(client, req, (e) => {
      if (timing && (e.kind === 'text' || e.kind === 'reasoning')) split.firstEvent ??= at();
      onEvent(e);
    }, signal);
  };
  const composer = controller.core.composer;
  const take = composer.takeForSend;
  composer.takeForSend = async (...args: unknown[]) => {
    if (timing) split.pickStart ??= at();
    try { return await take.apply(composer, args); } finally { if (timing) split.pickEnd ??= at(); }
  };
  (globalThis as Record<string, unknown>).__mantleMark = (name: string) => { if (timing) (split.marks ??= []).push([name, Number(at().toFixed(2))]); };
  const globalFetch = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const mine = timing;
    if (mine) split.fetch ??= at();
    const res = await globalFetch(input, init);
    if (mine) split.headers ??= at();
    return res;
  };
  let bareSplit: Split = {};
  let b0 = 0;
  const bareStream = bareStreamer(target.api, emulatorUrl, apiKey, () => bareSplit, () => b0);
  const host: number[] = [];
  const clientPart: number[] = [];
  const bare: number[] = [];
  const splits: Split[] = [];
  const bareSplits: Split[] = [];
  let body: Record<string, unknown> | undefined;
  try {
    for (let i = 0; i < warmup + reps; i++) {
      const thread = await controller.newThread(target.model);
      if (pacedMs) await paceNextResponse(emulatorUrl, pacedMs);
      const delivered = new Promise<number>((r) => { onFirstDelta = r; });
      split = {};
      t0 = performance.now();
      timing = true;
      const done = controller.receive({ type: 'send', threadId: thread.id, text: PROMPT, background: false });
      // A turn that ends without a delta says why (its error) rather than timing out.
      const ended = done.then(() => sleep(200)).then(() => {
        const last = controller.activeThread?.turns.at(-1);
        throw new Error(`the ${target.api} turn ended ${last?.status} without a delta reaching the webview: ${last?.error?.message ?? ''}`);
      });
      ended.catch(() => undefined);
      const t1 = await Promise.race([delivered, ended, sleep(20_000).then(() => { throw new Error('no delta reached the webview within 20 s'); })]);
      timing = false;
      split.delta = t1 - t0;
      await done;
      const turn = controller.activeThread?.turns.at(-1);
      if (turn?.status !== 'done') throw new Error(`host turn (${target.api}) ended ${turn?.status}: ${turn?.error?.message ?? ''}`);
      body ??= await lastPostBody(emulatorUrl);

      // The bare SDK streams exactly the body the host sent.
      if (pacedMs) await paceNextResponse(emulatorUrl, pacedMs);
      bareSplit = {};
      b0 = performance.now();
      const b1 = await bareStream(body);
      if (b1 === undefined) throw new Error(`the bare SDK stream (${target.api}) had no delta`);
      if (i >= warmup) {
        host.push(t1 - t0); clientPart.push(split.firstEvent ?? t1 - t0); bare.push(b1 - b0);
        splits.push(split); bareSplits.push({ ...bareSplit, delta: b1 - b0 });
      }
    }
  } finally {
    delete (client as Partial<ClientLike>).streamTurn; // back to the prototype's method
    delete (composer as { takeForSend?: unknown }).takeForSend;
    globalThis.fetch = globalFetch;
    delete (globalThis as Record<string, unknown>).__mantleMark;
    detach.dispose();
  }
  return {
    api: target.api, model: target.model, prompt: PROMPT, pacedMs, request: body, host, clientFirstEvent: clientPart, bare,
    split: splits, bareSplit: bareSplits, firstDeltaFlushedByState: flushedByState, turns: warmup + reps,
  };
}

async function memory(container: ContainerLike) {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = async () => { for (let i = 0; i < 3; i++) { gc(); await sleep(20); } return process.memoryUsage().heapUsed; };
  const controller = container.chat.controller;
  let say: ((m: unknown) => unknown) | undefined;
  const detach = controller.attach({
    postMessage: () => Promise.resolve(true),
    onDidReceiveMessage: (listener: (m: unknown) => unknown) => { say = listener; return { dispose: () => undefined }; },
  } as unknown as vscode.Webview);
  await say?.({ type: 'ready' }); // a ready page gets every post, as a shown chat does
  try {
    const thread = await controller.newThread();
    const samples: { turns: number; heapUsed: number }[] = [{ turns: 0, heapUsed: await heap() }];
    const t0 = performance.now();
    for (let i = 0; i < MEMORY_TURNS; i++) {
      await controller.receive({ type: 'send', threadId: thread.id, text: `Turn ${i + 1}: please reply with 150 tokens about keeping a web service healthy.`, background: false });
      const turn = controller.activeThread?.turns.at(-1);
      if (turn?.status !== 'done') throw new Error(`memory turn ${i + 1} ended ${turn?.status}: ${turn?.error?.message ?? ''}`);
      if ((i + 1) % 50 === 0 || i + 1 === MEMORY_TURNS) samples.push({ turns: i + 1, heapUsed: await heap() });
    }
    const transcriptBytes = Buffer.byteLength(JSON.stringify(controller.activeThread));
    return { turns: MEMORY_TURNS, samples, transcriptBytes, ms: performance.now() - t0 };
  } finally {
    detach.dispose();
  }
}

/** Control: with an AWS profile, the credential code must load (otherwise "not loaded" above would mean nothing). */
async function profileControl(container: ContainerLike, emulatorUrl: string) {
  const config = vscode.workspace.getConfiguration('bedrockMantle');
  try {
    await config.update('endpoint', emulatorUrl, vscode.ConfigurationTarget.Global);
    await config.update('awsProfile', 'bench', vscode.ConfigurationTarget.Global);
    await config.update('auth', 'awsProfile', vscode.ConfigurationTarget.Global);
    await sleep(1000); // the auth service rebuilds the connection on the configuration change
    const models = await container.mantle.listModels();
    return { listedModels: models.length };
  } catch (e) {
    // The request may fail; what matters here is which modules the attempt loaded (reported next to it).
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export async function run(): Promise<void> {
  const result: Record<string, unknown> = {};
  try {
    const emulatorUrl = env.MANTLE_EMULATOR_URL;
    const apiKey = env.AWS_BEARER_TOKEN_BEDROCK;
    if (!emulatorUrl || !apiKey) throw new Error('MANTLE_EMULATOR_URL and AWS_BEARER_TOKEN_BEDROCK must be set');
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not loaded`);
    const container = (await ext.activate()) as ContainerLike;
    result.modulesAtActivation = moduleReport(modules());
    result.moduleIdsAtActivation = modules();
    result.evaluationAtActivation = evaluationTimes(modules(), moduleTimes());
    await sleep(500); // let activation's own first requests (model list) settle before timing turns
    result.latency = await latency(container, emulatorUrl, apiKey);
    // The same for the other two APIs (Chat Completions, Anthropic Messages): each has its own request path.
    result.latencyByApi = { responses: result.latency };
    for (const target of APIS.slice(1)) (result.latencyByApi as Record<string, unknown>)[target.api] = await latency(container, emulatorUrl, apiKey, target);
    result.latencyPaced = await latency(container, emulatorUrl, apiKey, APIS[0], 20, Math.max(3, Math.round(LATENCY_REPS / 2)), 1);
    result.modulesAfterTurns = moduleReport(modules());
    result.memory = await memory(container);
    result.profile = await profileControl(container, emulatorUrl);
    result.modulesAfterProfile = moduleReport(modules());
  } catch (e) {
    result.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  writeFileSync(env.MANTLE_BENCH_OUT ?? '/dev/null', JSON.stringify(result));
}
