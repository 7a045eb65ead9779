// Runs test/tools/provision.sh (idempotent; fast once its cache is warm) and returns the tool paths it prints.
// A machine that cannot be provisioned fails with provision.sh's own one-line reason.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { realpathSync } from 'node:fs';
import { repoRoot } from './paths';

export interface Tools {
  /** Node 24 binary; code-server and vsce run on it whatever `node` is on PATH. */
  node24: string;
  /** code-server's entry script, run as `node24 codeServerEntry …`. */
  codeServerEntry: string;
  chromium: string;
}

export class ProvisionError extends Error {}

/** Runs provision.sh with its arguments and returns the KEY=VALUE lines it printed. */
function runProvision(args: string[]): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repoRoot, 'test/tools/provision.sh'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => {
      const text = b.toString();
      err += text;
      // Relay the progress of a first, slow install ("installing code-server …"); a failure is reported once, below.
      for (const line of text.split('\n')) if (line.startsWith('provision: installing')) console.error(line);
    });
    child.on('error', (e) => reject(new ProvisionError(`provision: cannot run bash: ${e.message}`)));
    child.on('close', (code) => {
      if (code !== 0) {
        const last = err.trim().split('\n').pop() || `provision.sh exited with ${code}`;
        reject(new ProvisionError(last.startsWith('provision:') ? last : `provision: ${last}`));
        return;
      }
      resolve(Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])));
    });
  });
}

let cached: Promise<Tools> | undefined;
let cachedChromium: Promise<string> | undefined;

/** Everything the editor tiers need: Chromium, Node 24 and code-server. */
export function provision(): Promise<Tools> {
  cached ??= runProvision([]).then((vars) => {
    if (!vars.NODE24 || !vars.CODE_SERVER || !vars.CHROMIUM) {
      throw new ProvisionError('provision: provision.sh did not print NODE24=, CODE_SERVER= and CHROMIUM=');
    }
    return { node24: vars.NODE24, codeServerEntry: realpathSync(vars.CODE_SERVER), chromium: vars.CHROMIUM };
  });
  return cached;
}

/** Only the browser, for tests that drive a page but no editor (they need neither Node 24 nor code-server). */
export function provisionChromium(): Promise<string> {
  cachedChromium ??= cached
    ? cached.then((t) => t.chromium)
    : runProvision(['chromium']).then((vars) => {
      if (!vars.CHROMIUM) throw new ProvisionError('provision: provision.sh chromium did not print CHROMIUM=');
      return vars.CHROMIUM;
    });
  return cachedChromium;
}

/** PATH with Node 24 first, for children that run `node`/`npx` themselves. */
export function pathWithNode24(tools: Tools): string {
  return `${dirname(tools.node24)}:${process.env.PATH ?? ''}`;
}

/**
 * For a runner's main(): provisions or exits the process with one clear line (and a non-zero code, which
 * test/tools/run-all.mjs counts as a failure).
 */
export async function provisionOrExit(tier: string): Promise<Tools> {
  try {
    return await provision();
  } catch (e) {
    console.error(`${tier}: cannot run — ${(e as Error).message}`);
    process.exit(1);
  }
}
