// An isolated code-server (a real VS Code workbench served to a browser) for the integration and e2e tiers and for
// `npm start`. Each instance gets private user-data, extensions, HOME, XDG and TMPDIR folders, a free port, and
// runs in its own process group that is killed on stop(), on Ctrl+C and on exit.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { artifactPath, runId } from './paths';
import { onInterrupt, stopGroup, trackGroup } from './processes';
import { pathWithNode24, provision } from './provision';

/** Settings that keep a test editor quiet and deterministic (no welcome page, tips, telemetry, updates, AI chat). */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
};

export interface CodeServerOptions {
  /** Short name used in temp-folder and log names ("integration", "e2e", "start"). */
  label: string;
  /** Written to User/settings.json over QUIET_SETTINGS (e.g. `bedrockMantle.endpoint`). Never put a key here. */
  settings?: Record<string, unknown>;
  /**
   * Extra environment for code-server and the extension host it forks, e.g. AWS_BEARER_TOKEN_BEDROCK (the
   * extension's documented key fallback). The parent's AWS_* variables are never passed on unless given here.
   */
  env?: Record<string, string>;
  /** A .vsix installed into the private extensions folder before the server starts. */
  vsix?: string;
  /**
   * Adds `--vscode-option enable-smoke-test-driver`: required for the URL payload (extensionDevelopmentPath /
   * extensionTestsPath) and window.codeAutomationExit, but it hides notification toasts, so UI tests leave it off.
   */
  smokeTestDriver?: boolean;
  /** Files (relative path → content) created in the workspace folder the workbench opens. */
  workspaceFiles?: Record<string, string>;
  /** Fixed port (npm start); default: a free one. */
  port?: number;
  /**
   * Password login (npm start): without it anyone who can reach the port — any local process, or a web page in the
   * person's browser — gets an editor that runs commands as them. The test tiers leave it off (auth none, loopback).
   */
  password?: string;
  /** Keep the temp folders after stop() (also MANTLE_KEEP_DIRS=1), for looking at the editor's own logs. */
  keepDirs?: boolean;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Absolute path of the workspace folder. */
  workspace: string;
  /** The private folders of this instance (user-data holds the editor's own logs under logs/). */
  dirs: { root: string; userData: string; extensions: string; home: string };
  /** code-server's stdout/stderr, kept under .test-artifacts/logs/. */
  logFile: string;
  /** Settles when the code-server process exits (for whatever reason) with its exit code. */
  exited: Promise<number | null>;
  /** The workbench URL with the workspace open, optionally with a URL payload (see payloadFor). */
  workbenchUrl(payload?: [string, string][]): string;
  /** `vscode-remote://` URI of a path on this machine, as the URL payload expects. */
  remoteUri(absPath: string): string;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a collision before code-server binds it is retried). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** The parent's environment minus what must not leak into a test editor: AWS credentials and VS Code IPC hooks. */
function cleanEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || k.startsWith('AWS_') || k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') continue;
    // code-server reads these over its config file: only the password this script chose may open the editor.
    if (k === 'PASSWORD' || k === 'HASHED_PASSWORD') continue;
    env[k] = v;
  }
  return env;
}

function tail(file: string, lines = 25): string {
  try { return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n'); } catch { return ''; }
}

async function waitHealthy(port: number, child: ChildProcess, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return true;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 150));
  }
  return false;
}

/** Settings the extension declares with `machine` scope (see package.json). */
const MACHINE_SCOPED = new Set(['bedrockMantle.endpoint', 'bedrockMantle.region', 'bedrockMantle.auth', 'bedrockMantle.awsProfile', 'bedrockMantle.chat.store']);

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  const tools = await provision();
  const keep = opts.keepDirs || process.env.MANTLE_KEEP_DIRS === '1';
  const root = mkdtempSync(join(tmpdir(), `mantle-${opts.label}-`));
  const dirs = {
    root,
    userData: join(root, 'user-data'),
    extensions: join(root, 'extensions'),
    home: join(root, 'home'),
  };
  const workspace = join(root, 'workspace');
  for (const d of [dirs.userData, dirs.extensions, dirs.home, workspace, join(root, 'tmp'), join(root, 'xdg-config'), join(root, 'xdg-data'), join(root, 'xdg-cache'), join(root, 'xdg-state')]) {
    mkdirSync(d, { recursive: true });
  }
  // code-server is a remote window: settings of `machine` scope (bedrockMantle.endpoint) belong in Machine/settings.json.
  // Left in User/settings.json they are dropped the moment any user setting is written.
  const userSettings: Record<string, unknown> = { ...QUIET_SETTINGS };
  const machineSettings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opts.settings ?? {})) {
    (MACHINE_SCOPED.has(key) ? machineSettings : userSettings)[key] = value;
  }
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(join(dirs.userData, 'Machine'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(userSettings, null, 2));
  writeFileSync(join(dirs.userData, 'Machine', 'settings.json'), JSON.stringify(machineSettings, null, 2));
  for (const [rel, content] of Object.entries(opts.workspaceFiles ?? {})) {
    mkdirSync(dirname(join(workspace, rel)), { recursive: true });
    writeFileSync(join(workspace, rel), content);
  }
  // The password goes into the config file in the instance's private folder (mkdtemp: owner only), not onto the
  // command line where `ps` shows it. A JSON string is valid YAML.
  const config = join(root, 'config.yaml');
  writeFileSync(config, opts.password ? `auth: password\npassword: ${JSON.stringify(opts.password)}\ncert: false\n` : 'auth: none\ncert: false\n', { mode: 0o600 });
  const env: Record<string, string> = {
    ...cleanEnv(),
    PATH: pathWithNode24(tools),
    HOME: dirs.home, // keeps ~/.aws, ~/.vscode and friends of the person running the tests out of the test editor
    TMPDIR: join(root, 'tmp'),
    XDG_CONFIG_HOME: join(root, 'xdg-config'),
    XDG_DATA_HOME: join(root, 'xdg-data'),
    XDG_CACHE_HOME: join(root, 'xdg-cache'),
    XDG_STATE_HOME: join(root, 'xdg-state'),
    ...opts.env,
  };
  const common = ['--config', config, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  // Retries: the extension host may still be flushing its logs for a moment after the group was signalled.
  const cleanupDirs = () => { if (!keep) rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }); };

  if (opts.vsix) {
    const r = spawnSync(tools.node24, [tools.codeServerEntry, ...common, '--install-extension', opts.vsix], { env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) {
      cleanupDirs();
      throw new Error(`code-server could not install ${opts.vsix}: ${(r.stderr || r.stdout || String(r.error)).trim()}`);
    }
  }

  const logFile = join(artifactPath('logs'), `${runId(`code-server-${opts.label}`)}.log`);
  const maxAttempts = opts.port ? 1 : 3;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const port = opts.port ?? (await freePort());
    const args = [
      tools.codeServerEntry, ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
      ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ];
    const fd = openSync(logFile, 'a');
    const child = spawn(tools.node24, args, { env, cwd: workspace, detached: true, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    trackGroup(child, `code-server ${opts.label}`);
    // One stop in flight, shared: Ctrl+C and the runner's own `finally` may both call it, and both must wait for it.
    let stopping: Promise<void> | undefined;
    const stop = () => (stopping ??= (async () => {
      unregister();
      await stopGroup(child);
      cleanupDirs();
    })());
    const unregister = onInterrupt(stop);
    if (await waitHealthy(port, child, 60_000)) {
      const url = `http://127.0.0.1:${port}`;
      const remoteUri = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
      return {
        url, port, workspace, dirs, logFile, exited, stop, remoteUri,
        workbenchUrl: (payload) => `${url}/?folder=${encodeURIComponent(workspace)}` +
          (payload ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : ''),
      };
    }
    const log = tail(logFile);
    unregister();
    await stopGroup(child);
    if (attempt < maxAttempts && /EADDRINUSE/.test(log)) continue; // someone took the port between probe and bind
    cleanupDirs();
    throw new Error(`code-server did not become healthy on port ${port} (log: ${logFile}):\n${log}`);
  }
  throw new Error('unreachable');
}
