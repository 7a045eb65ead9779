// `npm start`: a one-command offline demo. Builds and packages the extension, starts the Mantle emulator (port
// 4010 if free), and a code-server workbench with the .vsix installed, its endpoint set to the emulator and the
// emulator's key in the editor's environment (AWS_BEARER_TOKEN_BEDROCK — never in settings). Prints the URL to
// open; Ctrl+C stops everything it started.
//
// Options: --port N (code-server's port; default a free one), --emulator-port N (default 4010, else a free one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startCodeServer } from './codeServer';
import { startTestEmulator, type TestEmulator } from './emulator';
import { packageExtension } from './package';
import { artifactPath, repoRoot } from './paths';
import { onInterrupt } from './processes';
import { provisionOrExit } from './provision';

function option(name: string): number | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
}

function readTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

async function startEmulatorPreferring(port: number): Promise<TestEmulator> {
  // The CLI's pacing, so answers visibly stream in the demo (tests run the emulator at full speed).
  const pacing = { tokenDelayMs: 12, firstTokenDelayMs: 150 };
  try {
    return await startTestEmulator({ port, ...pacing });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return startTestEmulator({ port: 0, ...pacing });
  }
}

async function main(): Promise<void> {
  await provisionOrExit('start');
  console.log('building and packaging the extension…');
  const vsix = await packageExtension(join(artifactPath('start'), 'bedrock-mantle.vsix'));
  const emulator = await startEmulatorPreferring(option('--emulator-port') ?? 4010);
  let stopping = false;
  onInterrupt(async () => { stopping = true; await emulator.close(); });
  console.log(`Mantle emulator on ${emulator.url}`);
  const server = await startCodeServer({
    label: 'start',
    vsix,
    port: option('--port'),
    settings: { 'bedrockMantle.endpoint': emulator.url, 'workbench.startupEditor': 'readme' },
    env: { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey },
    workspaceFiles: readTree(join(repoRoot, 'test/tools/demo-workspace')),
  });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands: { title: string; category?: string }[] };
  };
  const commands = manifest.contributes.commands.map((c) => `${c.category ? `${c.category}: ` : ''}${c.title}`);
  console.log([
    '',
    `Open ${server.workbenchUrl()}`,
    '',
    'The editor is a real VS Code (code-server) with the packaged extension installed. Its requests go to the',
    `local emulator (${emulator.url}); the API key is preset through AWS_BEARER_TOKEN_BEDROCK.`,
    'Try: the Bedrock Mantle icon in the activity bar, select code in inventory.py and run a command, and the',
    'command palette (F1) — the extension contributes:',
    ...commands.map((c) => `  • ${c}`),
    '',
    'Press Ctrl+C to stop the editor and the emulator.',
  ].join('\n'));
  const code = await server.exited;
  if (stopping) return; // Ctrl+C: the interrupt handler finishes and exits
  console.error(`code-server exited (${code}); see ${server.logFile}`);
  await emulator.close();
  process.exit(1);
}

main().catch((e: Error) => { console.error(`start: ${e.message}`); process.exit(1); });
