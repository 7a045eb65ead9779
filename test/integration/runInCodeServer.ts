// `npm run test:host`: runs the mocha suite in test/integration/suite/ inside the real extension host of a
// code-server workbench, with the extension loaded from this checkout (extensionDevelopmentPath = repo root).
//
// code-server refuses --extensionDevelopmentPath on its command line, but its web workbench takes the same
// arguments as a URL payload when started with the smoke-test driver; the workbench then calls
// window.codeAutomationExit(code) when the tests finish. Results come back through a file (see suite/index.ts).
//
// Env: MANTLE_TEST_GREP=<regexp> runs a subset; MANTLE_INTEGRATION_TIMEOUT_S (default 600) bounds the whole run;
// MANTLE_KEEP_DIRS=1 keeps code-server's folders (its logs are in user-data/logs).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from '../tools/browser';
import { startCodeServer } from '../tools/codeServer';
import { tryStartTestEmulator } from '../tools/emulator';
import { artifactPath, repoRoot, runId } from '../tools/paths';
import { interrupted } from '../tools/processes';
import { provisionOrExit } from '../tools/provision';
import { compileSuite } from './compileSuite';
import { ResultPrinter } from './results';

const TIER = 'integration';

async function main(): Promise<number> {
  const started = Date.now();
  const tools = await provisionOrExit(TIER);

  const build = spawnSync(tools.node24, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) { console.error(`${TIER}: the extension build (node esbuild.mjs) failed`); return 1; }
  const runDir = artifactPath('integration', runId('run'));
  const entry = await compileSuite(join(runDir, 'suite'));
  const resultsFile = join(runDir, 'results.jsonl');

  const emulator = await tryStartTestEmulator(TIER);
  const server = await startCodeServer({
    label: TIER,
    smokeTestDriver: true,
    settings: emulator ? { 'bedrockMantle.endpoint': emulator.url } : {},
    env: {
      MANTLE_TEST_RESULTS: resultsFile,
      ...(process.env.MANTLE_TEST_GREP ? { MANTLE_TEST_GREP: process.env.MANTLE_TEST_GREP } : {}),
      ...(emulator ? { MANTLE_EMULATOR_URL: emulator.url, AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey } : {}),
    },
    workspaceFiles: { 'README.md': '# integration workspace\n', 'src/sample.ts': 'export const answer = 42;\n' },
  });
  const browser = await launchBrowser();
  try {
    const exitCode = new Promise<number>((resolve) => {
      void browser.page.exposeFunction('codeAutomationExit', (code: number) => { resolve(code); });
    });
    const pageErrors: string[] = [];
    browser.page.on('pageerror', (e) => pageErrors.push(e.message));
    await browser.page.goto(server.workbenchUrl([
      ['extensionDevelopmentPath', server.remoteUri(repoRoot)],
      ['extensionTestsPath', server.remoteUri(entry)],
      ['skipWelcome', 'true'],
    ]));
    const timeoutS = Number(process.env.MANTLE_INTEGRATION_TIMEOUT_S ?? 600);
    const printer = new ResultPrinter(resultsFile);
    const progress = setInterval(() => printer.poll(), 500); // each test's line as it finishes
    const code = await Promise.race([
      exitCode,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutS * 1000).unref()),
    ]);
    clearInterval(progress);
    const summary = printer.finish(Date.now() - started);
    if (code === 'timeout') {
      console.error(`${TIER}: the workbench did not finish within ${timeoutS} s (code-server log: ${server.logFile})`);
      return 1;
    }
    if (!summary.finished) {
      console.error(`${TIER}: the suite did not run to the end (exit code ${code}); page errors: ${pageErrors.slice(0, 3).join(' | ') || 'none'}; code-server log: ${server.logFile}`);
      return 1;
    }
    return code === 0 && summary.failures === 0 ? 0 : 1;
  } finally {
    await browser.close();
    await server.stop();
    await emulator?.close();
    if (process.env.MANTLE_KEEP_DIRS !== '1') rmSync(runDir, { recursive: true, force: true });
  }
}

// After Ctrl+C the interrupt handler (processes.ts) exits once everything is stopped; the run's own failure
// ("browser has been closed") is a consequence, not news.
main().then(
  (code) => { if (!interrupted()) process.exit(code); },
  (e: Error) => { if (interrupted()) return; console.error(`${TIER}: ${e.stack ?? e.message}`); process.exit(1); },
);
