// Plain-object inputs of the Node client, so it runs (and is tested) without 'vscode': the editor side builds a
// ConnectionConfig from settings and secrets, and passes a logger that writes to the one LogOutputChannel.

export interface ClientLogger {
  trace(msg: string): void;
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

import type { ErrorContext } from '../common/mantle/errorMapping';
import { regionOfShortTermKey, type EndpointType } from '../common/mantle/regions';

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialsProvider = () => Promise<AwsCredentialIdentity>;

export type ConnectionAuth =
  | { mode: 'apiKey'; apiKey: string; source: 'secretStorage' | 'environment' }
  | { mode: 'awsProfile'; profile: string; credentials: CredentialsProvider };

export interface ConnectionConfig {
  /** Regional endpoint or the (validated) override, without a trailing slash, e.g. https://bedrock-mantle.us-east-1.api.aws/v1. */
  baseURL: string;
  /** Region named in SigV4 signatures and messages. */
  region: string;
  customEndpoint: boolean;
  /** Mantle (default) or bedrock-runtime's OpenAI endpoint: the SigV4 service, model ids and features differ. */
  endpoint?: EndpointType;
  auth: ConnectionAuth;
  maxRetries: number;
  /** The idle-stream watchdog: once the answer has started, this long without data stops it. */
  stallTimeoutMs: number;
  /**
   * How long to wait for the headers and then the first answer text: Mantle has slow starts of 60 s and more
   * (PROTOCOL-2026-12 §7), so this is longer than the watchdog. Absent: the watchdog's value (tests).
   */
  firstByteTimeoutMs?: number;
}

/** The first-byte timeout the extension uses: "about 120 s" for Mantle's slow starts (PROTOCOL-2026-12 §7). */
export const FIRST_BYTE_TIMEOUT_MS = 120_000;

/** The first-byte timeout in effect: never shorter than the watchdog. */
export function firstByteTimeoutOf(config: Pick<ConnectionConfig, 'stallTimeoutMs' | 'firstByteTimeoutMs'>): number {
  return Math.max(config.firstByteTimeoutMs ?? config.stallTimeoutMs, config.stallTimeoutMs);
}

/** How the UI names the credentials in use (status bar tooltip, Test Connection). Never includes the secret. */
export function describeAuth(auth: ConnectionAuth): string {
  if (auth.mode === 'awsProfile') return `AWS profile ${auth.profile}`;
  return auth.source === 'environment' ? 'API key from AWS_BEARER_TOKEN_BEDROCK' : 'API key from secret storage';
}

/** What an error message may say about the connection a request used (both clients phrase errors from it). */
export function errorContextOf(config: ConnectionConfig, extra: Partial<ErrorContext>): ErrorContext {
  return {
    authMode: config.auth.mode,
    profile: config.auth.mode === 'awsProfile' ? config.auth.profile : undefined,
    region: config.region,
    host: new URL(config.baseURL).host,
    customEndpoint: config.customEndpoint,
    keyRegion: config.auth.mode === 'apiKey' ? regionOfShortTermKey(config.auth.apiKey) : undefined,
    retries: config.maxRetries,
    ...extra,
  };
}
