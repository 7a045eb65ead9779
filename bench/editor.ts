// 1, 3 and 7a in the real editor (code-server, the VS Code workbench in Chromium, offline):
//  - Activation: the packaged .vsix installed as a person installs it; in each of several fresh windows a probe in
//    the extension host reads the host's own performance marks around our require() and activate() and vscode.git's
//    (the workbench's "Activation" figure is not used: its timer includes the require() of extensions queued ahead),
//    and times the first chat request after activation against warm ones (bench/host/probe.ts).
//  - One more window loads the same production bundle with module markers as the development extension and runs
//    bench/host/entry.ts inside its extension host (module lists, added latency, 200-turn heap growth).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/tools/browser';
import { startCodeServer } from '../test/tools/codeServer';
import { COMMAND } from '../src/common/commandIds';
import { DECEMBER_2026_MODELS } from '../test/emulator/server';
import { startTestEmulator } from '../test/tools/emulator';
import { repoRoot } from '../test/tools/paths';
import { reps, runMain, smoke, summarize } from './lib';
import { buildMarkedExtension } from './moduleMarkers';
import { shippedExtension } from './shipped';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The provisioned code-server (test/tools/provision.sh: MANTLE_TEST_CACHE, else .cache in the repository). */
const codeServerDir = join(process.env.MANTLE_TEST_CACHE ?? join(repoRoot, '.cache'), 'code-server/node_modules/code-server');

/** What bench/host/probe.ts reports from one window. */
interface Probe {
  ours: { requireMs?: number; activateMs?: number };
  git: { requireMs?: number; activateMs?: number };
  /** The floor extension (bench/host/floorExtension.cjs) in the same window, and whether it activated before ours. */
  floor?: { requireMs?: number; activateMs?: number; beforeOurs?: boolean };
  builtAtActivation: string[];
  bundlesBeforeFirstRequest: string[];
  chatBuildMs: number;
  containerBuildMs?: number;
  containerBuiltBeforeProbe?: boolean;
  warmUpMs?: number;
  firstRequestMs: number;
  warmRequestMs: number[];
  /** Where the first request's time went, and the last warm one's (bench/host/probe.ts Split). */
  firstSplit?: Record<string, unknown>;
  lastWarmSplit?: Record<string, unknown>;
  bundlesAfterRequests: string[];
  error?: string;
}

/**
 * Opens a fresh window with the installed .vsix (an empty development extension carries the probe as its tests) and
 * returns what the probe read inside that window's extension host.
 */
async function probeWindow(browserContext: { newPage(): Promise<Page> }, url: string, out: string): Promise<Probe> {
  rmSync(out, { force: true });
  const page = await browserContext.newPage();
  try {
    const exited = new Promise<number>((resolve) => { void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)); });
    await page.goto(url, { timeout: 120_000 }); // a loaded machine can take longer than the default 30 s
    const code = await Promise.race([exited, sleep(180_000).then(() => 'timeout' as const)]);
    let probe: Probe;
    try { probe = JSON.parse(readFileSync(out, 'utf8')) as Probe; } catch { throw new Error(`the probe wrote no result (exit ${code})`); }
    if (probe.error) throw new Error(`probe failed: ${probe.error}`);
    return probe;
  } finally { await page.close(); }
}

/** Size of a built-in extension's main file in the provisioned code-server (for comparing Load Code). */
function builtinMainBytes(name: string): number | undefined {
  try {
    const dir = join(codeServerDir, 'lib/vscode/extensions', name);
    const main = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { main?: string }).main ?? '';
    const file = join(dir, main);
    return statSync(existsSync(file) ? file : `${file}.js`).size;
  } catch { return undefined; }
}

/** The floor extension's package.json (bench/host/floorExtension.cjs): what VS Code needs for its registrations. */
function floorManifest(commands: number, activationEvent: 'onStartupFinished' | '*') {
  const id = 'benchFloor';
  return {
    name: 'bench-probe', publisher: 'bench', version: '0.0.0', engines: { vscode: '^1.104.0' }, main: './floorExtension.cjs',
    activationEvents: [activationEvent],
    contributes: {
      commands: Array.from({ length: commands }, (_, i) => ({ command: `${id}.command${i}`, title: `Floor ${i}` })),
      viewsContainers: { activitybar: [{ id, title: 'Floor', icon: 'floor.svg' }] },
      views: { [id]: [{ id: `${id}.tree`, name: 'Tree' }, { type: 'webview', id: `${id}.view`, name: 'View' }] },
      languageModelChatProviders: [{ vendor: id.toLowerCase(), displayName: 'Floor' }],
      chatParticipants: [{ id: `${id}.participant`, name: 'floor', fullName: 'Floor', description: 'Floor' }],
    },
  };
}

/** The numbers among xs (a window may lack a mark). */
const num = (xs: (number | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');

/**
 * The floor's figures, and ours when we are the first to make these calls. In the measured windows the floor activates
 * first ('*'), so it pays for the editor's code behind these registrations running for the first time in the extension
 * host, as the other extensions of a working editor would (and as the peers in issue 23 were measured, after ours).
 * In the extra windows ours activates first and pays it, and the floor after it. A figure is left out when no window
 * had it.
 */
function floorFigures(measured: Probe[], oursFirst: Probe[]) {
  const of = (ps: Probe[], pick: (p: Probe) => number | undefined) => {
    const xs = num(ps.map(pick));
    return xs.length ? summarize(xs, 1) : undefined;
  };
  const floorFirst = measured.filter((p) => p.floor?.beforeOurs === true);
  const first = oursFirst.filter((p) => p.floor?.beforeOurs === false);
  return {
    floorFirstIn: floorFirst.length,
    firstActivateMs: of(floorFirst, (p) => p.floor?.activateMs),
    activateMs: of(first, (p) => p.floor?.activateMs),
    oursFirstActivateMs: of(first, (p) => p.ours.activateMs),
    oursFirstTotalMs: of(first, (p) => total(p.ours)),
    requireMs: of([...measured, ...oursFirst], (p) => p.floor?.requireMs),
    samples: [...measured, ...oursFirst].map((p) => ({ ours: p.ours, floor: p.floor })),
  };
}

/** require() + activate() from one window's marks (NaN when either is missing). */
function total(t: { requireMs?: number; activateMs?: number }): number {
  return (t.requireMs ?? NaN) + (t.activateMs ?? NaN);
}

async function compileEntry(outDir: string, name = 'entry'): Promise<string> {
  const outfile = join(outDir, `${name}.js`);
  await build({
    entryPoints: [join(repoRoot, `bench/host/${name}.ts`)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['vscode'], logLevel: 'warning',
  });
  return outfile;
}

runMain(async () => {
  const shipped = await shippedExtension();
  const work = mkdtempSync(join(tmpdir(), 'mantle-bench-editor-'));
  const probeOut = join(work, 'probe.json');
  // The December 2026 table: it has Claude (Anthropic Messages) beside the Responses and Chat Completions models.
  const emulator = await startTestEmulator({ models: DECEMBER_2026_MODELS });
  // The emulator runs in this process and is shared by every window: one streamed turn shaped like a chat turn
  // (instructions, a function tool, a reasoning effort) first, so the first window's first request does not time the
  // emulator's own first /responses (its code compiled: 6–15 ms from request to headers there, about 1 ms later).
  await fetch(`${emulator.url}/responses`, {
    method: 'POST', headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'openai.gpt-oss-120b', input: [{ role: 'user', content: 'warm-up' }], instructions: 'warm-up', stream: true, store: false,
      reasoning: { effort: 'low' }, tools: [{ type: 'function', name: 'read_file', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
    }),
  }).then((r) => r.text());
  const server = await startCodeServer({
    label: 'bench',
    vsix: shipped.vsix,
    smokeTestDriver: true, // needed for the URL payload of the measuring window; it only hides notification toasts
    settings: { 'bedrockMantle.endpoint': emulator.url },
    env: {
      AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey,
      MANTLE_EMULATOR_URL: emulator.url,
      MANTLE_BENCH_OUT: join(work, 'host.json'),
      MANTLE_BENCH_PROBE_OUT: probeOut,
      MANTLE_BENCH_PROBE_WARM: smoke ? '1' : '5',
      MANTLE_BENCH_REPS: String(reps(25)),
      MANTLE_BENCH_WARMUP: smoke ? '1' : '5',
      MANTLE_BENCH_MEMORY_TURNS: smoke ? '20' : '200',
    },
    workspaceFiles: { 'README.md': '# bench workspace\n' },
  });
  // The profile the host entry switches to at the end (the emulator's SigV4 pair), in the editor's private HOME.
  mkdirSync(join(server.dirs.home, '.aws'), { recursive: true });
  writeFileSync(join(server.dirs.home, '.aws', 'credentials'), '[bench]\naws_access_key_id = AKIDEMULATOR\naws_secret_access_key = emulator-secret-key\n');
  const browser = await launchBrowser({ headless: true });
  try {
    // Fresh windows with the installed .vsix: the extension host's marks around require() and activate(), ours and
    // vscode.git's, and the first chat request after activation next to warm ones (bench/host/probe.ts).
    const probeEntry = await compileEntry(join(work, 'probe'), 'probe');
    // The probe windows' development extension is the floor: the same kinds of registrations as our activate(), and
    // nothing else (bench/host/floorExtension.cjs), as many commands as we register.
    const emptyExtension = join(work, 'probe-extension');
    mkdirSync(emptyExtension, { recursive: true });
    // In the measured windows it activates first ('*'), so the editor's first-call costs behind these registrations
    // fall on it, as on the other extensions of a working editor; a few more windows make it activate after ours
    // (onStartupFinished, registry order), where ours is the first to call those APIs and pays them (floorFigures).
    // The development extension is read again for each window.
    const floorFirst = (first: boolean) => writeFileSync(join(emptyExtension, 'package.json'),
      JSON.stringify(floorManifest(Object.keys(COMMAND).length, first ? '*' : 'onStartupFinished')));
    floorFirst(true);
    cpSync(join(repoRoot, 'bench/host/floorExtension.cjs'), join(emptyExtension, 'floorExtension.cjs'));
    cpSync(join(repoRoot, 'media/mantle.svg'), join(emptyExtension, 'floor.svg'));
    const probeUrl = server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(emptyExtension)],
      ['extensionTestsPath', server.remoteUri(probeEntry)],
      ['skipWelcome', 'true'],
    ]);
    const probes: Probe[] = [];
    // BENCH_HOST_ONLY=1: the measuring window alone, no probe windows (while working on its request-path figures).
    const hostOnly = process.env.BENCH_HOST_ONLY === '1';
    // 15 windows: activate() is read at 1 ms resolution and its spread has a long tail (3–24 ms); with 7 windows its
    // median moved between 4 and 6 ms over three full runs of the same activation code.
    for (let i = 0; i < (hostOnly ? 0 : reps(15)); i++) probes.push(await probeWindow(browser.context, probeUrl, probeOut));
    // Windows where ours goes first: only its activation and the floor's after it are read from them.
    const oursFirstProbes: Probe[] = [];
    floorFirst(false);
    for (let i = 0; i < (hostOnly || smoke ? 0 : 3); i++) oursFirstProbes.push(await probeWindow(browser.context, probeUrl, probeOut));
    floorFirst(true);
    // BENCH_PROBE_ONLY=1: the activation and first-request windows alone (while working on them), no measuring window.
    if (process.env.BENCH_PROBE_ONLY === '1') return { probeOnly: true, probes, oursFirstProbes };

    // The measuring window: the marked production bundle as the development extension (overrides the installed one).
    const devExt = join(work, 'extension');
    cpSync(shipped.extensionDir, devExt, { recursive: true });
    await buildMarkedExtension(join(devExt, 'dist', 'extension.js'));
    const entry = await compileEntry(join(work, 'host'));
    const page = await browser.context.newPage();
    const exited = new Promise<number>((resolve) => { void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)); });
    await page.goto(server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(devExt)],
      ['extensionTestsPath', server.remoteUri(entry)],
      ['skipWelcome', 'true'],
    ]));
    const code = await Promise.race([exited, sleep(600_000).then(() => 'timeout' as const)]);
    let host: Record<string, unknown>;
    try { host = JSON.parse(readFileSync(join(work, 'host.json'), 'utf8')) as Record<string, unknown>; }
    catch { throw new Error(`the extension-host bench wrote no result (exit ${code}); code-server log: ${server.logFile}`); }
    if (host.error) throw new Error(`extension-host bench failed: ${String(host.error)}`);
    await page.close();
    if (hostOnly) return { hostOnly: true, host };
    const builtinBundleBytes = Object.fromEntries(['git', 'git-base'].map((name) => [`vscode.${name}`, builtinMainBytes(name)]));
    const ours = probes.map((p) => p.ours);
    const git = probes.map((p) => p.git);
    const warmMedians = probes.map((p) => summarize(p.warmRequestMs, 1).median);
    const codeServerVersion = spawnSync('node', ['-e', `console.log(require(${JSON.stringify(join(codeServerDir, 'package.json'))}).version)`], { encoding: 'utf8' }).stdout.trim();
    return { codeServer: codeServerVersion, builtinBundleBytes, activation: {
      // The extension host's marks (1 ms resolution), per window.
      ours: {
        requireMs: summarize(num(ours.map((t) => t.requireMs)), 1), activateMs: summarize(num(ours.map((t) => t.activateMs)), 1),
        totalMs: summarize(num(ours.map(total)), 1),
      },
      git: {
        requireMs: summarize(num(git.map((t) => t.requireMs)), 1), activateMs: summarize(num(git.map((t) => t.activateMs)), 1),
        totalMs: summarize(num(git.map(total)), 1),
      },
      // The floor: the same kinds of registrations with empty handlers, in the same windows (whichever of the two
      // activates first pays for the editor's code behind those calls running for the first time).
      floor: floorFigures(probes, oursFirstProbes),
      oursBelowGitRequireIn: probes.filter((p) => total(p.ours) < (p.git.requireMs ?? -Infinity)).length,
      oursBelowGitTotalIn: probes.filter((p) => total(p.ours) < total(p.git)).length,
      builtAtActivation: [...new Set(probes.flatMap((p) => p.builtAtActivation))],
      bundlesBeforeFirstRequest: probes[0]?.bundlesBeforeFirstRequest,
      bundlesAfterRequests: probes[0]?.bundlesAfterRequests,
      samples: probes.map((p) => ({ ours: p.ours, git: p.git, floor: p.floor })),
    }, firstRequest: {
      // Opening the chat the first time: loading dist/features.js and building the chat (its stored threads).
      chatBuildMs: summarize(probes.map((p) => p.chatBuildMs), 1),
      // The services (dist/container.js) built at the probe's first read, in the windows where the idle moment after
      // activation had not built them yet; and the chat's warm-up from opening it until the first request is ready.
      containerBuildMs: probes.some((p) => p.containerBuiltBeforeProbe === false)
        ? summarize(probes.filter((p) => p.containerBuiltBeforeProbe === false).map((p) => p.containerBuildMs ?? NaN), 1) : undefined,
      containerBuiltIdle: probes.filter((p) => p.containerBuiltBeforeProbe === true).length,
      warmUpMs: probes.every((p) => typeof p.warmUpMs === 'number') ? summarize(probes.map((p) => p.warmUpMs as number), 1) : undefined,
      firstMs: summarize(probes.map((p) => p.firstRequestMs), 1),
      warmMs: summarize(warmMedians, 1),
      // Per window: the first request minus the median of the warm ones after it.
      addedMs: summarize(probes.map((p, i) => p.firstRequestMs - warmMedians[i]), 1),
      samples: probes.map((p) => ({ first: p.firstRequestMs, warm: p.warmRequestMs })),
      // Per window, where the first request's time went next to the last warm one's (ms after the send).
      splits: probes.map((p) => ({ first: p.firstSplit, lastWarm: p.lastWarmSplit })),
    }, host };
  } finally {
    await browser.close();
    await server.stop();
    await emulator.close();
    shipped.cleanup();
    rmSync(work, { recursive: true, force: true });
  }
});
