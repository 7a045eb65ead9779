// `npm test`: every tier in order — static checks, unit, emulator-backed client tests, the extension-host suite in a
// real editor, then the end-to-end UI suite. Each tier's mocha summary is read and summed into one closing line.
// Set MANTLE_TIERS=unit,client to run a subset while developing.
import { spawn } from 'node:child_process';

const tiers = [
  { name: 'typecheck', cmd: 'npx', args: ['tsc', '--noEmit', '-p', '.'], counts: false },
  { name: 'lint', cmd: 'npx', args: ['eslint', '.'], counts: false },
  { name: 'build', cmd: 'node', args: ['esbuild.mjs'], counts: false },
  { name: 'unit', cmd: 'npx', args: ['mocha', '--config', 'test/unit/.mocharc.json'], counts: true },
  { name: 'client', cmd: 'npx', args: ['mocha', '--config', 'test/client/.mocharc.json'], counts: true },
  { name: 'integration', cmd: 'npx', args: ['tsx', 'test/integration/runInCodeServer.ts'], counts: true },
  { name: 'e2e', cmd: 'npx', args: ['tsx', 'test/e2e/run.ts'], counts: true },
];

const only = process.env.MANTLE_TIERS?.split(',').map((s) => s.trim()).filter(Boolean);
const selected = only ? tiers.filter((t) => only.includes(t.name)) : tiers;

function run(tier) {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n━━ ${tier.name} ━━`);
    const child = spawn(tier.cmd, tier.args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    const relay = (stream, sink) => stream.on('data', (b) => { out += b.toString(); sink.write(b); });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => {
      // Strip colour codes before reading mocha's "N passing / N failing / N pending" lines.
      // eslint-disable-next-line no-control-regex -- the escape character is exactly what is being removed
      const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
      const num = (re) => [...plain.matchAll(re)].reduce((s, m) => s + Number(m[1]), 0);
      resolve({
        name: tier.name, code: code ?? 1, seconds: (Date.now() - started) / 1000,
        passed: num(/^\s*(\d+) passing/gm), failed: num(/^\s*(\d+) failing/gm), pending: num(/^\s*(\d+) pending/gm),
      });
    });
  });
}

const results = [];
for (const tier of selected) {
  const r = await run(tier);
  results.push(r);
  if (r.code !== 0 && !tier.counts) break; // a broken build makes the test tiers meaningless
}

console.log('\n━━ summary ━━');
for (const r of results) {
  const counts = tiers.find((t) => t.name === r.name).counts ? ` ${r.passed} passed, ${r.failed} failed, ${r.pending} skipped` : '';
  console.log(`${r.code === 0 ? 'ok  ' : 'FAIL'} ${r.name.padEnd(12)}${counts} (${r.seconds.toFixed(1)} s)`);
}
const failedTiers = results.filter((r) => r.code !== 0);
const passed = results.reduce((s, r) => s + r.passed, 0);
// A tier that exited non-zero without a mocha failure line still counts as one failure.
const failed = results.reduce((s, r) => s + (r.failed || (r.code !== 0 ? 1 : 0)), 0);
const skipped = results.reduce((s, r) => s + r.pending, 0);
const missing = selected.length - results.length;
console.log(`\ntests: ${passed} passed, ${failed + missing} failed, ${skipped} skipped`);
process.exit(failedTiers.length || missing ? 1 : 0);
