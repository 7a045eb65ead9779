// `npm run test:electron`: the same extension-host suite under desktop VS Code via @vscode/test-electron, for
// machines with internet (it downloads VS Code into .vscode-test/). Offline it prints one line and exits 1; the
// offline-capable runner is runInCodeServer.ts (`npm run test:host`), which is what `npm test` uses.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadAndUnzipVSCode, runTests, SilentReporter } from '@vscode/test-electron';
import { QUIET_SETTINGS } from '../tools/codeServer';
import { tryStartTestEmulator } from '../tools/emulator';
import { artifactPath, repoRoot, runId } from '../tools/paths';
import { compileSuite } from './compileSuite';
import { ResultPrinter } from './results';

const TIER = 'test:electron';

async function main(): Promise<number> {
  const started = Date.now();
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version: process.env.MANTLE_VSCODE_VERSION ?? 'stable',
      reporter: new SilentReporter(), // offline, the one line below is all that is printed
    });
  } catch (e) {
    console.error(`${TIER}: cannot download VS Code (${(e as Error).message.split('\n')[0]}); offline, use \`npm run test:host\` (code-server) instead`);
    return 1;
  }
  const runDir = artifactPath('integration', runId('electron'));
  const entry = await compileSuite(join(runDir, 'suite'));
  const resultsFile = join(runDir, 'results.jsonl');
  const emulator = await tryStartTestEmulator(TIER);
  const root = mkdtempSync(join(tmpdir(), 'mantle-electron-'));
  const userData = join(root, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify({
    ...QUIET_SETTINGS,
    ...(emulator ? { 'bedrockMantle.endpoint': emulator.url } : {}),
  }, null, 2));
  const workspace = join(root, 'workspace');
  mkdirSync(workspace);
  try {
    const code = await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: entry,
      launchArgs: [workspace, '--user-data-dir', userData, '--extensions-dir', join(root, 'extensions'), '--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: {
        MANTLE_TEST_RESULTS: resultsFile,
        MANTLE_TEST_GREP: process.env.MANTLE_TEST_GREP,
        ...(emulator ? { MANTLE_EMULATOR_URL: emulator.url, AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey } : {}),
      },
    }).catch(() => 1); // runTests rejects when the suite fails; the results file says why
    const summary = new ResultPrinter(resultsFile).finish(Date.now() - started);
    return code === 0 && summary.finished && summary.failures === 0 ? 0 : 1;
  } finally {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(runDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (e: Error) => { console.error(`${TIER}: ${e.stack ?? e.message}`); process.exit(1); });
