// `npm test`: every tier in order, each named by what it runs — static checks; unit (plain Node); emulator (the real
// SDKs and the extension's client against the Mantle emulator); webview (the built chat and compare pages in
// Chromium, no editor); host (the extension-host suite in a real editor); e2e (the UI in a real editor and browser).
// Each tier's mocha summary is read and summed into one closing line. MANTLE_TIERS=unit,emulator runs a subset.
//
// No tier can hang the run (see tierRunner.mjs): each has a time limit (MANTLE_TIER_LIMIT_MIN overrides them all)
// and RESULTS_GRACE_MS to exit after mocha's summary, or it is stopped and counted as failed with one line saying why.
import { killGroup, runTier } from './tierRunner.mjs';

const MINUTE = 60_000;
const RESULTS_GRACE_MS = Number(process.env.MANTLE_RESULTS_GRACE_MS ?? 20_000);

const tiers = [
  // Three type environments: the host (no DOM), the webview (DOM, no Node), the tests (both).
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'], counts: false, limitMin: 10 },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'], counts: false, limitMin: 10 },
  { name: 'build', cmd: 'node', args: ['esbuild.mjs'], counts: false, limitMin: 5 },
  { name: 'unit', cmd: 'npx', args: ['mocha', '--config', 'test/unit/.mocharc.json'], counts: true, limitMin: 10 },
  { name: 'emulator', cmd: 'npx', args: ['mocha', '--config', 'test/client/.mocharc.json'], counts: true, limitMin: 20 },
  { name: 'webview', cmd: 'npx', args: ['mocha', '--config', 'test/webview/.mocharc.json'], counts: true, limitMin: 15 },
  { name: 'host', cmd: 'npx', args: ['tsx', 'test/integration/runInCodeServer.ts'], counts: true, limitMin: 25 },
  { name: 'e2e', cmd: 'npx', args: ['tsx', 'test/e2e/run.ts'], counts: true, limitMin: 40 },
];

const only = process.env.MANTLE_TIERS?.split(',').map((s) => s.trim()).filter(Boolean);
const selected = only ? tiers.filter((t) => only.includes(t.name)) : tiers;
const unknown = only?.filter((n) => !tiers.some((t) => t.name === n)) ?? [];
if (unknown.length) {
  console.error(`MANTLE_TIERS: unknown tier ${unknown.join(', ')} (tiers: ${tiers.map((t) => t.name).join(', ')})`);
  process.exit(2);
}

let current; // the running tier's child, for Ctrl+C
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    // The tier is in its own process group, so the terminal's Ctrl+C does not reach it: pass it on, let its own
    // cleanup run, then make sure nothing of it is left.
    if (current?.pid) {
      const pgid = current.pid;
      killGroup(pgid, signal);
      setTimeout(() => { killGroup(pgid, 'SIGKILL'); process.exit(130); }, 10_000).unref();
      current.once('close', () => { killGroup(pgid, 'SIGKILL'); process.exit(130); });
    } else {
      process.exit(130);
    }
  });
}

async function run(tier) {
  console.log(`\n━━ ${tier.name} ━━`);
  const r = await runTier({
    cmd: tier.cmd, args: tier.args, out: process.stdout, err: process.stderr,
    limitMs: Number(process.env.MANTLE_TIER_LIMIT_MIN ?? tier.limitMin) * MINUTE, graceMs: RESULTS_GRACE_MS,
    onStart: (child) => { current = child; },
  });
  current = undefined;
  return { name: tier.name, ...r };
}

const results = [];
for (const tier of selected) {
  const r = await run(tier);
  results.push(r);
  if (r.abnormal) console.log(`\n${tier.name}: FAILED — ${r.abnormal}`);
  else if (r.leftovers) console.log(`${tier.name}: processes it started were still running after it ended; they were killed`);
  if (r.code !== 0 && !tier.counts) break; // a broken build makes the test tiers meaningless
}

console.log('\n━━ summary ━━');
for (const r of results) {
  const counts = tiers.find((t) => t.name === r.name).counts ? ` ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped` : '';
  const why = r.abnormal ? ` — ${r.abnormal}` : '';
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)}${counts} (${r.seconds.toFixed(1)} s)${why}`);
}
const failedTiers = results.filter((r) => r.code !== 0);
const passed = results.reduce((s, r) => s + r.passed, 0);
// A tier that exited non-zero (or was stopped) without a mocha failure line still counts as one failure.
const failed = results.reduce((s, r) => s + (r.failed || (r.code !== 0 ? 1 : 0)), 0);
const skipped = results.reduce((s, r) => s + r.pending, 0);
const missing = selected.length - results.length;
console.log(`\ntests: ${passed} passed, ${failed + missing} failed, ${skipped} skipped`);
process.exit(failedTiers.length || missing ? 1 : 0);
