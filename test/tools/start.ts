// `npm start`: a one-command offline demo. Builds and packages the extension, starts the Mantle emulator (port
// 4010 if free), and a code-server workbench with the .vsix installed, its endpoint set to the emulator and the
// emulator's key in the editor's environment (AWS_BEARER_TOKEN_BEDROCK — never in settings). The editor listens on
// 127.0.0.1 only and asks for a password made up for this run, printed once with the URL; Ctrl+C stops everything
// it started.
//
// Options: --port N (code-server's port; default a free one), --emulator-port N (default 4010, else a free one),
// --vsix FILE (install this package instead of building one).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startCodeServer } from './codeServer';
import { startTestEmulator, type TestEmulator } from './emulator';
import { packageExtension } from './package';
import { artifactPath, repoRoot } from './paths';
import { interrupted, onInterrupt } from './processes';
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

/** What to try, in the order a newcomer would; only commands the manifest really contributes are listed. */
const SUGGESTED = [
  ['bedrockMantle.openChat', ''],
  ['bedrockMantle.testConnection', ''],
  ['bedrockMantle.editor.fix', ' (select the total() function in inventory.py first)'],
  ['bedrockMantle.editor.explain', ''],
  ['bedrockMantle.showLogs', ''],
];

function suggestedCommands(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
    contributes: { commands: { command: string; title: string; category?: string }[] };
  };
  return SUGGESTED.flatMap(([id, hint]) => {
    const c = manifest.contributes.commands.find((x) => x.command === id);
    return c ? [`${c.category ? `${c.category}: ` : ''}${c.title}${hint}`] : [];
  });
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
  const given = process.argv.indexOf('--vsix');
  if (given < 0) console.log('building and packaging the extension…');
  const vsix = given > 0 ? process.argv[given + 1] : await packageExtension(join(artifactPath('start'), 'bedrock-mantle.vsix'));
  const emulator = await startEmulatorPreferring(option('--emulator-port') ?? 4010);
  let stopping = false;
  onInterrupt(async () => { stopping = true; await emulator.close(); });
  console.log(`Mantle emulator on ${emulator.url}`);
  // A code-server editor runs commands and terminals as the person: whoever reaches the port must prove they saw this.
  const password = randomBytes(18).toString('base64url');
  const server = await startCodeServer({
    label: 'start',
    password,
    vsix,
    port: option('--port'),
    settings: { 'bedrockMantle.endpoint': emulator.url, 'workbench.startupEditor': 'readme' },
    env: { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey },
    workspaceFiles: readTree(join(repoRoot, 'test/tools/demo-workspace')),
  });
  console.log([
    '',
    `Open ${server.workbenchUrl()}`,
    `Password: ${password}`,
    '',
    'The editor listens on 127.0.0.1 only and asks for this password (made up for this run, shown only here).',
    'The editor is a real VS Code (code-server) with the packaged extension installed. Its requests go to the',
    `local emulator (${emulator.url}); the API key is preset through AWS_BEARER_TOKEN_BEDROCK.`,
    'Try the Bedrock Mantle icon in the activity bar, then these from the command palette (F1):',
    ...suggestedCommands().map((c) => `  • ${c}`),
    '',
    'Press Ctrl+C to stop the editor and the emulator.',
  ].join('\n'));
  const code = await server.exited;
  if (stopping) return; // Ctrl+C: the interrupt handler finishes and exits
  console.error(`code-server exited (${code}); see ${server.logFile}`);
  await emulator.close();
  process.exit(1);
}

main().catch((e: Error) => { if (interrupted()) return; console.error(`start: ${e.message}`); process.exit(1); });
