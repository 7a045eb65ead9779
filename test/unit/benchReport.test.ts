// The bench's own logic: how raw measurements become figures with pass/miss against the targets, and the
// module markers that must not change what a bundled module means ("use strict" and a shebang stay first).
import { strict as assert } from 'node:assert';
import { runInNewContext } from 'node:vm';
import { heapSnapshotBytes } from '../../bench/heapSnapshot';
import { withMarker } from '../../bench/moduleMarkers';

type ReportModule = typeof import('../../bench/report.mjs', { with: { 'resolution-mode': 'import' } });

const summary = (median: number) => ({ median, min: median, max: median, runs: 1 });

function results(over: {
  activation?: number; activateCall?: number; gitTotal?: number; firstAdded?: number; vsix?: number; host?: number[]; bare?: number[];
  ratio?: number; longest?: number; cached?: number; toolRatio?: number; attachedTurn2?: number;
}) {
  return {
    date: '2026-01-01T00:00:00.000Z', smoke: false,
    machine: { cpu: 'Test CPU', cores: 2, node: 'v24.0.0', platform: 'linux x64' },
    loadAverage: { start: [0.5, 0.5, 0.5], end: [0.6, 0.6, 0.6] },
    steps: {
      size: { ok: true, result: { vsix: { bytes: over.vsix ?? 500_000, files: 9 }, files: { extensionJs: 1, webviewJs: 2, webviewCss: 3, codiconTtf: 4 }, extension: { inputs: 10, topInputs: [{ input: 'node_modules/openai/index.mjs', bytes: 2048 }], topPackages: [{ input: 'openai', bytes: 2048 }] }, webview: { inputs: 5, topInputs: [{ input: 'src/webview/main.ts', bytes: 1024 }], topPackages: [{ input: 'src/webview', bytes: 1024 }] } } },
      modelList: { ok: true, result: { models: 38, first: { requests: 1, ms: summary(5) }, cached: { requests: over.cached ?? 0, ms: summary(0.1) } } },
      bytesPerTurn: { ok: true, result: {
        responses: { turn1: 200, turn2: 280, turn5: 285, turn10: 285, turn20: 285, ratioLastToSecond: over.ratio ?? 1.02, ratioLastToFirst: 1.43 },
        chat: { turn1: 200, turn2: 400, turn5: 1000, turn10: 2000, turn20: 4000, ratioLastToSecond: 10, ratioLastToFirst: 20 },
        fileBytes: 4000,
        toolLoop: {
          responses: { turn1: 6000, turn2: 6000, turn10: 6000, ratioLastToSecond: over.toolRatio ?? 1 },
          chat: { turn1: 6000, turn2: 6500, turn10: 10000, ratioLastToSecond: 1.54 },
        },
        attachment: {
          responses: { turn1: 4500, turn2: over.attachedTurn2 ?? 290, turn10: 300, ratioLastToSecond: 1.03 },
          chat: { turn1: 4500, turn2: 5000, turn10: 9000, ratioLastToSecond: 1.8 },
        },
      } },
      webview: { ok: true, result: {
        stream: {
          tokens: 20000, totalMs: summary(900), streamMs: summary(800), longestTaskMs: summary(over.longest ?? 30), framesOver50: summary(0),
          frames: summary(60),
        },
        memory: { messages: 1000, totalMb: { baseline: summary(4), withThread: summary(40), afterClose: summary(4.5) }, released: true },
      } },
      editor: { ok: true, result: { activation: {
        ours: { requireMs: summary(8), activateMs: summary(over.activateCall ?? 2), totalMs: summary(over.activation ?? 10) },
        git: { requireMs: summary(30), activateMs: summary(200), totalMs: summary(230) },
        oursBelowGitRequireIn: 1, oursBelowGitTotalIn: (over.gitTotal ?? 230) > (over.activation ?? 10) ? 1 : 0,
        builtAtActivation: [], bundlesBeforeFirstRequest: ['extension.js'], samples: [{}],
      }, firstRequest: { firstMs: summary(30), warmMs: summary(25), addedMs: summary(over.firstAdded ?? 5) }, host: {
        modulesAtActivation: { count: 5, awsModules: 0 }, modulesAfterTurns: { count: 6, awsModules: 0 }, modulesAfterProfile: { count: 9, awsModules: 3 },
        latency: { host: over.host ?? [12, 13, 14], bare: over.bare ?? [10, 10, 10], clientFirstEvent: [11, 11, 11] },
        memory: { turns: 200, samples: [{ turns: 0, heapUsed: 50 * 1024 * 1024 }, { turns: 200, heapUsed: 60 * 1024 * 1024 }] },
      } } },
    },
  };
}

describe('bench report', () => {
  let report: ReportModule;
  before(async () => { report = await import('../../bench/report.mjs'); });

  const status = (r: unknown, id: string) => report.figures(r).find((f) => f.id === id)?.status;

  it('passes every target when the measurements meet them', () => {
    const figs = report.figures(results({}));
    assert.deepEqual(figs.filter((f) => f.status === 'miss').map((f) => f.id), []);
    for (const id of ['activation', 'activateCall', 'activationVsGit', 'firstRequest', 'awsLazy', 'vsix', 'latency', 'longestTask', 'responsesBytes', 'toolStepBytes', 'attachmentBytes', 'modelsCached', 'hostGrowth', 'webviewHeap', 'webviewReleased']) {
      assert.equal(status(results({}), id), 'pass', id);
    }
  });

  it('marks each figure that misses its target', () => {
    assert.equal(status(results({ activation: 21 }), 'activation'), 'miss');
    assert.equal(status(results({ activateCall: 6 }), 'activateCall'), 'miss');
    assert.equal(status(results({ activateCall: 6 }), 'activation'), 'pass');
    assert.equal(status(results({ gitTotal: 9 }), 'activationVsGit'), 'miss');
    assert.equal(status(results({ firstAdded: 11 }), 'firstRequest'), 'miss');
    assert.equal(status(results({ vsix: 600_001 }), 'vsix'), 'miss');
    assert.equal(status(results({ ratio: 1.41 }), 'responsesBytes'), 'miss');
    assert.equal(status(results({ toolRatio: 1.3 }), 'toolStepBytes'), 'miss');
    assert.equal(status(results({ attachedTurn2: 4600 }), 'attachmentBytes'), 'miss');
    assert.equal(status(results({ longest: 51 }), 'longestTask'), 'miss');
    assert.equal(status(results({ cached: 1 }), 'modelsCached'), 'miss');
  });

  it("shows the first request's stages next to a warm one's, with the host's CPU time and how busy the machine was before each", () => {
    const r = results({});
    const editor = r.steps.editor.result as { firstRequest: Record<string, unknown> };
    const split = (clientCalled: number, cpuMs: number, busy: number) => ({
      newThread: 1, settled: true, clientCalled, delta: 20, cpuMs, machineBusyBefore: busy,
    });
    editor.firstRequest.splits = [
      { first: split(3, 18, 0.1), lastWarm: split(2, 14, 0.05) },
      { first: split(5, 22, 0.2), lastWarm: split(2, 16, 0.03) },
      { first: split(4, 20, 0.15), lastWarm: split(1, 15, 0.04) },
    ];
    const row = report.figures(r).find((f) => f.id === 'firstRequestStages');
    assert.match(row?.figure ?? '', /the extension host and the machine were quiet/);
    const [first, warm] = (row?.value ?? '').split(' / ');
    assert.equal(first, 'client called 4, delta posted 20, extension host CPU 20');
    assert.match(warm, /^client called 2, delta posted 20, extension host CPU 15; /);
    assert.match(row?.value ?? '', /quiet before both in 3 of 3 windows, the machine busy 15% \/ 4% before them$/);
  });

  it('judges the paced stream and shows the zero-delay flood for information only', () => {
    const r = results({ longest: 40 });
    const web = r.steps.webview.result as Record<string, unknown>;
    const stream = { ...(web.stream as object), tokensPerSecond: 2000, longestTaskCpuMs: summary(12) };
    const flood = { ...(web.stream as object), longestTaskMs: summary(90), longestTaskCpuMs: summary(20), framesOver50: summary(3) };
    web.stream = stream;
    web.flood = flood;
    web.long = {
      threadMessages: 10_000, stream: { ...stream, longestTaskMs: summary(45) }, flood: { ...flood, longestTaskMs: summary(120) },
      switchMs: summary(50), renderedMessages: 8, memoryMb: { baseline: summary(4), withThread: summary(5), afterClose: summary(4.5) },
    };
    const row = (id: string) => report.figures(r).find((f) => f.id === id);
    assert.equal(row('longestTask')?.status, 'pass');
    assert.match(row('longestTask')?.figure ?? '', /at 2,000 tokens\/s \(its CPU time\)/);
    assert.equal(row('longStreamTask')?.status, 'pass');
    assert.match(row('longStreamTask')?.figure ?? '', /20,000 tokens at 2,000 tokens\/s into a 10,000-message thread/);
    for (const id of ['longestTaskFlood', 'longStreamTaskFlood']) {
      assert.equal(row(id)?.status, 'info', id);
      assert.equal(row(id)?.target, '—', id);
      assert.match(row(id)?.figure ?? '', /zero delay, for information/, id);
    }
    assert.match(row('longestTaskFlood')?.value ?? '', /^longest task 90 ms .*CPU 20 ms.*frames over 50 ms 3 /);
    assert.match(row('longStreamTaskFlood')?.value ?? '', /^longest task 120 ms /);
    // The judged row misses on the paced figure alone, whatever the flood did.
    (web.long as { stream: { longestTaskMs: unknown } }).stream.longestTaskMs = summary(51);
    assert.equal(row('longStreamTask')?.status, 'miss');
  });

  it('pairs host and bare SDK times per repetition for the added latency', () => {
    const lat = report.latencyFigures({ host: [50, 12, 13], bare: [48, 2, 3], clientFirstEvent: [49, 3, 4] });
    assert.ok(lat);
    assert.equal(lat.added.median, 10); // differences 2, 10, 10
    assert.equal(status(results({ host: [50, 12, 13], bare: [48, 2, 3] }), 'latency'), 'miss');
  });

  it('gives Responses one added-latency row when the per-API rows are there too (the host measures it once)', () => {
    const r = results({});
    const host = r.steps.editor.result.host as Record<string, unknown>;
    const responses = { ...(host.latency as object), model: 'openai.gpt-oss-120b' };
    host.latency = responses;
    host.latencyByApi = { responses, chat: { host: [9, 9, 9], bare: [8, 8, 8], clientFirstEvent: [8, 8, 8], model: 'mistral.x' } };
    const ids = report.figures(r).map((f) => f.id).filter((id) => id.startsWith('latency') && !id.startsWith('latencyStages') && !['latencyRatio', 'latencySplit'].includes(id));
    assert.deepEqual(ids, ['latency', 'latency_chat']);
    assert.match(report.figures(r).find((f) => f.id === 'latency')?.figure ?? '', /Responses \(openai\.gpt-oss-120b\)/);
  });

  it('says the measured windows had the floor go first, and shows ours when first beside the floor\'s figures', () => {
    const r = results({});
    const activation = r.steps.editor.result.activation as Record<string, unknown>;
    assert.equal(report.figures(r).find((f) => f.id === 'activationFirst'), undefined);
    assert.doesNotMatch(report.figures(r).find((f) => f.id === 'activation')?.figure ?? '', /same kinds of registrations/);
    activation.floor = {
      floorFirstIn: 1, requireMs: summary(3), firstActivateMs: summary(7), activateMs: summary(2),
      oursFirstActivateMs: summary(6), oursFirstTotalMs: summary(14),
    };
    const figures = report.figures(r);
    assert.match(figures.find((f) => f.id === 'activation')?.figure ?? '', /after an extension making the same kinds of registrations \(first in 1 of 1 windows\)/);
    const row = figures.find((f) => f.id === 'activationFirst');
    assert.match(row?.value ?? '', /^14 ms \(14–14, n=1\) \/ 6 ms \(6–6, n=1\); 7 ms \(7–7, n=1\) \/ 2 ms \(2–2, n=1\)$/);
    assert.equal(row?.status, 'info');
  });

  it('renders the README block with the machine, the date and one row per figure', () => {
    const r = results({});
    const md = report.markdownReport({ ...r, figures: report.figures(r) });
    assert.match(md, /Measured 2026-01-01 .* Test CPU \(2 cores\), Node v24\.0\.0/);
    assert.equal(md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| figure')).length, report.figures(r).length);
  });
});

describe('bench module markers', () => {
  it('records the module when it is evaluated', () => {
    const ctx: Record<string, unknown> = { performance };
    runInNewContext(withMarker('var x = 1;', 'node_modules/a/index.js'), ctx);
    assert.deepEqual([...(ctx.__mantleBenchModules as string[])], ['node_modules/a/index.js']);
    assert.equal((ctx.__mantleBenchModuleTimes as number[]).length, 1);
  });

  it('keeps a "use strict" directive first, so the module stays strict', () => {
    const ctx: Record<string, unknown> = { performance };
    const code = withMarker('"use strict";\nundeclared = 1;', 'm.js');
    assert.ok(code.startsWith('"use strict";'));
    assert.throws(() => runInNewContext(code, ctx), /undeclared is not defined/);
  });

  it('keeps a shebang on the first line', () => {
    assert.ok(withMarker('#!/usr/bin/env node\nrun();', 'cli.js').startsWith('#!/usr/bin/env node\n'));
  });
});

describe('bench heap snapshot', () => {
  // A snapshot in V8's layout: node_fields per node, node_types[0] naming the type numbers.
  const snapshot = (nodes: [type: number, size: number][]) => ({
    snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'object shape', 'native']] } },
    nodes: nodes.flatMap(([type, size], i) => [type, 0, i + 1, size, 0]),
  });

  it('counts compiled code and hidden classes apart from the data', () => {
    const bytes = heapSnapshotBytes(snapshot([[3, 100], [2, 40], [4, 1000], [6, 30], [7, 7], [5, 20]]));
    assert.deepEqual(bytes, { all: 1197, code: 1030, data: 167 });
  });

  it('refuses a snapshot without the fields it reads', () => {
    assert.throws(() => heapSnapshotBytes({ snapshot: { meta: { node_fields: ['name'], node_types: [[]] } }, nodes: [] }), /no type or self_size/);
  });
});
