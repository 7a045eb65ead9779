// `npm run bench`: runs each measurement in its own Node 24 process (bench/*.ts through tsx), collects what they
// report into bench/results.json, prints the table of figures against the targets of issue 9, and rewrites the
// README block between <!-- bench:start --> and <!-- bench:end -->.
//
//   npm run bench                      full run (about 5–10 minutes on a 2-core machine)
//   BENCH_SMOKE=1 npm run bench        one repetition, small sizes: checks the bench works; writes nothing committed
//   npm run bench -- --only size,webview   a subset (results.json and the README are left alone)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { replaceBlock } from '../test/tools/readmeTables.mjs';
import { figures, markdownReport, textTable } from './report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const smoke = process.env.BENCH_SMOKE === '1';
const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? process.argv[onlyArg + 1].split(',') : undefined;

/** In order: size packages the .vsix that the later steps measure. */
const STEPS = [
  { name: 'size', script: 'bench/size.ts', what: 'package (.vsix), bundle sizes and their largest inputs' },
  { name: 'activation', script: 'bench/activation.ts', what: 'plain-Node require() + activate() of the activation bundle' },
  { name: 'bytesPerTurn', script: 'bench/bytesPerTurn.ts', what: 'request bytes per turn: Responses vs Chat Completions' },
  { name: 'modelList', script: 'bench/modelList.ts', what: 'model list: first load and cached' },
  { name: 'webview', script: 'bench/webview.ts', what: 'webview: 20k-token stream render, heap with 1,000 messages' },
  { name: 'autocomplete', script: 'bench/autocomplete.ts', what: 'autocomplete: requests per 100 typed characters, first answer bytes → offered, share cancelled' },
  { name: 'editor', script: 'bench/editor.ts', what: 'code-server: activation, modules, added latency, host memory' },
];

/**
 * Node 24 from the project's provisioning (the system Node may be too old for openai@7). Only Node: the steps that
 * need Chromium or code-server provision them when they start (test/tools/browser.ts, codeServer.ts).
 */
function node24() {
  const r = spawnSync('bash', [join(root, 'test/tools/provision.sh'), 'node24'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = r.stdout.split('\n').find((l) => l.startsWith('NODE24='));
  if (r.status !== 0 || !line) throw new Error('bench: test/tools/provision.sh did not provide Node 24');
  return line.slice('NODE24='.length);
}

function machine(node) {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  return { cpu: model, cores: cpus().length, node: version, platform: `${process.platform} ${process.arch}` };
}

function runStep(node, step, env, work) {
  return new Promise((resolve) => {
    const out = join(work, `${step.name}.json`);
    const started = Date.now();
    const loadBefore = loadavg()[0];
    console.log(`\n━━ ${step.name}: ${step.what}`);
    const child = spawn(node, ['--import', 'tsx', step.script, '--out', out], { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => {
      const seconds = (Date.now() - started) / 1000;
      const load = { before: round(loadBefore), after: round(loadavg()[0]) };
      if (code !== 0) { resolve({ ok: false, seconds, load, error: `exited with ${code}` }); return; }
      try { resolve({ ok: true, seconds, load, result: JSON.parse(readFileSync(out, 'utf8')) }); }
      catch (e) { resolve({ ok: false, seconds, load, error: `no result: ${e.message}` }); }
    });
  });
}

const round = (x) => Number(x.toFixed(2));

function writeReadme(markdown) {
  const file = join(root, 'README.md');
  // Re-read right before writing: others edit README.md too; only the bench block changes.
  writeFileSync(file, replaceBlock(readFileSync(file, 'utf8'), 'bench', markdown.trim()));
}

async function main() {
  const node = node24();
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'mantle-bench-'));
  const vsix = join(work, 'bedrock-mantle.vsix');
  const env = { ...process.env, BENCH_VSIX_OUT: vsix, PATH: `${dirname(node)}:${process.env.PATH}` };
  const steps = {};
  const loadStart = loadavg().map(round);
  try {
    for (const step of STEPS.filter((s) => !only || only.includes(s.name))) {
      // Later steps measure the .vsix the size step packaged (or package their own when run alone).
      const stepEnv = steps.size?.ok ? { ...env, BENCH_VSIX: vsix } : env;
      steps[step.name] = await runStep(node, step, stepEnv, work);
      if (!steps[step.name].ok) console.error(`bench: ${step.name} failed (${steps[step.name].error})`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const results = {
    date: new Date().toISOString(),
    smoke,
    machine: machine(node),
    loadAverage: { start: loadStart, end: loadavg().map(round) },
    seconds: Math.round((Date.now() - started) / 1000),
    steps,
  };
  results.figures = figures(results);
  console.log(`\n${textTable(results)}`);
  const failed = Object.entries(steps).filter(([, s]) => !s.ok).map(([n]) => n);
  if (smoke || only) {
    const file = join(tmpdir(), `bedrock-mantle-bench-${smoke ? 'smoke' : 'partial'}.json`);
    writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${smoke ? 'smoke' : 'partial'} run: results in ${file} (bench/results.json and README.md left alone)`);
  } else {
    writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeReadme(markdownReport(results));
    console.log('\nwrote bench/results.json and the README block');
  }
  if (failed.length) { console.error(`bench: failed steps: ${failed.join(', ')}`); process.exit(1); }
}

main().catch((e) => { console.error(e.stack ?? e.message); process.exit(1); });
