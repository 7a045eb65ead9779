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
import OpenAI from 'openai';
import * as vscode from 'vscode';

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
}
interface ClientLike {
  streamTurn(req: unknown, onEvent: (e: { kind: string }) => void, signal?: AbortSignal): Promise<unknown>;
  listModels(): Promise<unknown[]>;
}
interface ContainerLike {
  chat: { controller: Controller };
  mantle: ClientLike;
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

/**
 * pacedMs 0: the emulator streams as fast as it can (the setting). pacedMs > 0: tokens arrive that far apart,
 * as from a real model, which shows what the host's delta batching adds when the answer does not arrive all at once.
 */
async function latency(container: ContainerLike, emulatorUrl: string, apiKey: string, pacedMs = 0, reps = LATENCY_REPS, warmup = WARMUP) {
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
  // Timestamps the first event the client hands to the chat, to split the added time into client and host parts.
  const client = container.mantle;
  const original = client.streamTurn;
  let firstEventAt: number | undefined;
  client.streamTurn = (req, onEvent, signal) => original.call(client, req, (e) => {
    if (firstEventAt === undefined && (e.kind === 'text' || e.kind === 'reasoning')) firstEventAt = performance.now();
    onEvent(e);
  }, signal);
  const sdk = new OpenAI({ apiKey, baseURL: emulatorUrl, organization: null, project: null, maxRetries: 0 });
  const host: number[] = [];
  const clientPart: number[] = [];
  const bare: number[] = [];
  let body: Record<string, unknown> | undefined;
  try {
    for (let i = 0; i < warmup + reps; i++) {
      const thread = await controller.newThread();
      if (pacedMs) await paceNextResponse(emulatorUrl, pacedMs);
      firstEventAt = undefined;
      const delivered = new Promise<number>((r) => { onFirstDelta = r; });
      const t0 = performance.now();
      const done = controller.receive({ type: 'send', threadId: thread.id, text: PROMPT, background: false });
      const t1 = await Promise.race([delivered, sleep(20_000).then(() => { throw new Error('no delta reached the webview within 20 s'); })]);
      await done;
      const turn = controller.activeThread?.turns.at(-1);
      if (turn?.status !== 'done') throw new Error(`host turn ended ${turn?.status}: ${turn?.error?.message ?? ''}`);
      body ??= await lastPostBody(emulatorUrl);

      // The bare SDK streams exactly the body the host sent.
      if (pacedMs) await paceNextResponse(emulatorUrl, pacedMs);
      const b0 = performance.now();
      let b1: number | undefined;
      const stream = await sdk.responses.create({ ...body, stream: true } as never) as unknown as AsyncIterable<{ type: string }>;
      for await (const ev of stream) if (b1 === undefined && /(reasoning_text|output_text)\.delta$/.test(ev.type)) b1 = performance.now();
      if (b1 === undefined) throw new Error('the bare SDK stream had no delta');
      if (i >= warmup) { host.push(t1 - t0); clientPart.push((firstEventAt ?? t1) - t0); bare.push(b1 - b0); }
    }
  } finally {
    delete (client as Partial<ClientLike>).streamTurn; // back to the prototype's method
    detach.dispose();
  }
  return { prompt: PROMPT, pacedMs, request: body, host, clientFirstEvent: clientPart, bare, firstDeltaFlushedByState: flushedByState, turns: warmup + reps };
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
    result.latencyPaced = await latency(container, emulatorUrl, apiKey, 20, Math.max(3, Math.round(LATENCY_REPS / 2)), 1);
    result.modulesAfterTurns = moduleReport(modules());
    result.memory = await memory(container);
    result.profile = await profileControl(container, emulatorUrl);
    result.modulesAfterProfile = moduleReport(modules());
  } catch (e) {
    result.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  writeFileSync(env.MANTLE_BENCH_OUT ?? '/dev/null', JSON.stringify(result));
}
