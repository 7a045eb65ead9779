// `npm run test:e2e`: provisions (or fails with one line), packages the extension into a private .vsix, then runs
// the e2e specs with mocha (test/e2e/.mocharc.json). The root hooks start the emulator, code-server with the .vsix
// installed, and Chromium. Extra arguments go to mocha, e.g. `npm run test:e2e -- --grep "Show Logs"`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageExtension } from '../tools/package';
import { artifactPath, repoRoot, runId } from '../tools/paths';
import { pathWithNode24, provisionOrExit } from '../tools/provision';

const TIER = 'e2e';

async function main(): Promise<number> {
  const tools = await provisionOrExit(TIER);
  let vsix: string;
  try {
    vsix = await packageExtension(join(artifactPath('e2e'), `${runId('bedrock-mantle')}.vsix`));
  } catch (e) {
    console.error(`${TIER}: packaging failed: ${(e as Error).message}`);
    return 1;
  }
  const mocha = join(repoRoot, 'node_modules/mocha/bin/mocha.js');
  const child = spawn(tools.node24, [mocha, '--config', 'test/e2e/.mocharc.json', ...process.argv.slice(2)], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...process.env, MANTLE_VSIX: vsix, PATH: pathWithNode24(tools) },
  });
  // Ctrl+C reaches mocha through the terminal's process group; its root hooks stop what they started.
  process.on('SIGINT', () => undefined);
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

main().then((code) => process.exit(code), (e: Error) => { console.error(`${TIER}: ${e.stack ?? e.message}`); process.exit(1); });
