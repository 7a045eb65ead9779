// AWS credentials for a named profile, from the same shared files the AWS CLI uses (AWS_CONFIG_FILE and
// AWS_SHARED_CREDENTIALS_FILE respected). fromIni handles static keys, session tokens, assume-role, SSO and
// credential_process; this module adds a readable diagnosis of the files, caching with refresh before expiry, and
// one clear error for an expired SSO session. The AWS packages are require()d lazily so an API-key session never
// loads them.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { credentialFailureDetail, mapCredentialFailure } from '../common/mantle/credentialErrors';
import { MantleError, isMantleError } from '../common/mantle/errors';
import type { AwsCredentialIdentity, ClientLogger, CredentialsProvider } from './connection';

/** Refresh this long before the credentials expire, so a signature never uses credentials that lapse mid-request. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export interface SharedFilePaths {
  config: string;
  credentials: string;
}

export function sharedFilePaths(env: NodeJS.ProcessEnv = process.env): SharedFilePaths {
  const aws = join(env.HOME || env.USERPROFILE || homedir(), '.aws');
  return {
    config: env.AWS_CONFIG_FILE || join(aws, 'config'),
    credentials: env.AWS_SHARED_CREDENTIALS_FILE || join(aws, 'credentials'),
  };
}

export interface ProfileInfo {
  name: string;
  /** Which file(s) define it. */
  sources: ('config' | 'credentials')[];
  sso: boolean;
}

export interface SharedFilesReport {
  paths: SharedFilePaths;
  profiles: ProfileInfo[];
  /** Missing files and lines that are not INI, phrased for a person. */
  problems: string[];
}

type Sections = Map<string, Record<string, string>>;

/**
 * A deliberately small INI reader used only to list profiles and point at broken lines; the credentials themselves
 * always come from @aws-sdk/credential-providers, which has its own (lenient) parser.
 */
export function parseSharedIni(text: string, file: string, kind: 'config' | 'credentials', problems: string[]): Sections {
  const sections: Sections = new Map();
  let current: Record<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/(^|\s)[;#].*$/, '').trim();
    if (!line) return;
    const header = /^\[\s*([^\]]+?)\s*\]$/.exec(line);
    if (header) {
      let name = header[1];
      if (kind === 'config') {
        if (name.startsWith('profile ')) name = name.slice('profile '.length).trim();
        else if (name !== 'default') { current = undefined; return; } // sso-session, services: not profiles
      }
      current = sections.get(name) ?? {};
      sections.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq > 0) {
      if (current && /^\S/.test(raw)) current[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
      return;
    }
    if (/^\s/.test(raw)) return; // continuation line of a nested setting (e.g. s3 = …)
    problems.push(`${file} line ${i + 1} is neither a [section] nor "key = value".`);
  });
  return sections;
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new MantleError({ kind: 'config', message: `Could not read ${path}: ${(e as Error).message}`, actions: ['useAwsProfile', 'showLogs'] });
  }
}

export async function inspectSharedFiles(env: NodeJS.ProcessEnv = process.env): Promise<SharedFilesReport> {
  const paths = sharedFilePaths(env);
  const problems: string[] = [];
  const [configText, credText] = await Promise.all([readIfExists(paths.config), readIfExists(paths.credentials)]);
  if (configText === undefined && credText === undefined) {
    problems.push(`Neither ${paths.config} nor ${paths.credentials} exists. Run \`aws configure\` (or \`aws configure sso\`) to create a profile.`);
  }
  const config = configText === undefined ? new Map() as Sections : parseSharedIni(configText, paths.config, 'config', problems);
  const creds = credText === undefined ? new Map() as Sections : parseSharedIni(credText, paths.credentials, 'credentials', problems);
  const names = [...new Set([...config.keys(), ...creds.keys()])].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)));
  const profiles = names.map((name): ProfileInfo => {
    const c = config.get(name);
    return {
      name,
      sources: [...(c ? ['config' as const] : []), ...(creds.has(name) ? ['credentials' as const] : [])],
      sso: !!c && ('sso_start_url' in c || 'sso_session' in c),
    };
  });
  return { paths, profiles, problems };
}

/** Checks that the profile exists before asking the SDK, so the message names the files that were read. */
export async function checkProfile(profile: string, env: NodeJS.ProcessEnv = process.env): Promise<ProfileInfo> {
  const report = await inspectSharedFiles(env);
  const found = report.profiles.find((p) => p.name === profile);
  if (found) return found;
  const known = report.profiles.map((p) => p.name);
  const why = [
    `AWS profile '${profile}' is not defined in ${report.paths.config} or ${report.paths.credentials}.`,
    known.length ? `Profiles found: ${known.join(', ')}.` : '',
    ...report.problems,
  ].filter(Boolean).join(' ');
  throw new MantleError({ kind: 'config', message: why, actions: ['useAwsProfile', 'openSettings', 'showLogs'] });
}

/**
 * A credentials provider for one profile: resolves through fromIni, caches the result and resolves again within
 * five minutes of expiry. Failures become MantleErrors ('ssoExpired' or 'config'); they are not cached, so fixing the
 * files (or running `aws sso login`) is picked up by the next request.
 */
export interface ProfileCredentialsDeps {
  logger: ClientLogger;
  redact: (s: string) => string;
  /** Registers a secret with the Redactor (the secret key and session token of every credentials set). */
  addSecret: (s: string | undefined) => void;
  /**
   * Where the shared files are named (AWS_CONFIG_FILE, …); process.env by default. For SSO profiles the AWS SDK
   * re-reads the files named by process.env itself, so anything else is only for tests of the other profile kinds.
   */
  env?: NodeJS.ProcessEnv;
}

export function createProfileCredentials(profile: string, deps: ProfileCredentialsDeps): CredentialsProvider {
  const { logger, redact, env = process.env } = deps;
  let cached: AwsCredentialIdentity | undefined;
  let inflight: Promise<AwsCredentialIdentity> | undefined;

  const resolve = async (): Promise<AwsCredentialIdentity> => {
    const info = await checkProfile(profile, env);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { fromIni } = require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
    const paths = sharedFilePaths(env);
    try {
      const creds = await fromIni({ profile, filepath: paths.credentials, configFilepath: paths.config, ignoreCache: true })();
      deps.addSecret(creds.secretAccessKey);
      deps.addSecret(creds.sessionToken);
      logger.debug(`AWS profile '${profile}': credentials resolved${creds.expiration ? `, valid until ${creds.expiration.toISOString()}` : ''}`);
      return creds;
    } catch (e) {
      if (isMantleError(e)) throw e;
      // The SDK's message may hold a credential_process command line and its stderr: only the mapped (scrubbed)
      // text reaches the log, like every message shown to the person.
      const raw = e instanceof Error ? e.message : String(e);
      const mapped = mapCredentialFailure(raw, profile, info.sso, redact);
      // An SSO message hides the SDK's words behind the login command; the log keeps them (scrubbed) for diagnosis.
      logger.warn(mapped.kind === 'ssoExpired' ? `${mapped.message} The AWS SDK said: ${credentialFailureDetail(raw, redact) ?? '(nothing)'}` : mapped.message);
      throw mapped;
    }
  };

  return async () => {
    if (cached && (!cached.expiration || cached.expiration.getTime() - Date.now() > REFRESH_MARGIN_MS)) return cached;
    inflight ??= resolve().then(
      (c) => { cached = c; inflight = undefined; return c; },
      (e: unknown) => { cached = undefined; inflight = undefined; throw e; },
    );
    return inflight;
  };
}
