// Shared setup for the client tests: a MantleClient wired to an in-process emulator, with a logger sink that keeps
// every line so tests can assert on what would reach the Output channel; and the bare openai SDK for the emulator's own tests.
import OpenAI, { type ClientOptions } from 'openai';
import { routedEngine, type TurnEngine } from '../../src/common/mantle/turnEngine';
import { ModelRouter } from '../../src/common/models/router';
import { Redactor } from '../../src/common/redact';
import type { ConnectionAuth, ConnectionConfig } from '../../src/node/connection';
import { MantleClient } from '../../src/node/mantleClient';
import type { FetchFn } from '../../src/node/sigv4Fetch';

export interface CapturedLog {
  lines: string[];
  logger: { trace(m: string): void; debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string, e?: unknown): void };
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const at = (level: string) => (m: string, e?: unknown) => lines.push(`${level} ${m}${e instanceof Error ? ` ${e.message}` : ''}`);
  return { lines, logger: { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

export interface TestClientOptions {
  baseURL: string;
  auth: ConnectionAuth;
  maxRetries?: number;
  stallTimeoutMs?: number;
  fetch?: FetchFn;
  redactor?: Redactor;
}

export function testClient(o: TestClientOptions): { client: MantleClient; log: CapturedLog; config: ConnectionConfig } {
  const log = captureLog();
  const config: ConnectionConfig = {
    baseURL: o.baseURL,
    region: 'us-east-1',
    customEndpoint: true,
    auth: o.auth,
    maxRetries: o.maxRetries ?? 2,
    stallTimeoutMs: o.stallTimeoutMs ?? 10_000,
  };
  const redactor = o.redactor ?? new Redactor();
  const client = new MantleClient({ connection: async () => config, logger: log.logger, redact: (s) => redactor.redact(s), fetch: o.fetch });
  return { client, log, config };
}

export const bearer = (apiKey: string): ConnectionAuth => ({ mode: 'apiKey', apiKey, source: 'secretStorage' });

/** The bare openai SDK on an emulator: its default key, no organization/project headers, no retries unless asked. */
export function emulatorSdk(baseURL: string, opts: ClientOptions = {}): OpenAI {
  return new OpenAI({ apiKey: 'mantle-emulator-key', baseURL, organization: null, project: null, maxRetries: 0, ...opts });
}

/** Awaits a call that must fail with the SDK's APIError, and returns that error. */
export async function sdkError(p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const e = await p.then(() => undefined, (err: unknown) => err);
  if (!(e instanceof OpenAI.APIError)) throw new Error(`expected an APIError, got ${String(e)}`);
  return e;
}

/** The product's turn engine over a client: the model router (in memory unless given) and the client for chat and responses. */
export function routedTurns(client: MantleClient, router = new ModelRouter(), scope = 'us-east-1|test'): TurnEngine {
  return {
    ...routedEngine({ plan: (model, accept) => router.plan(scope, model, accept) }, { chat: client, responses: client }),
    prefixFor: (model) => router.view(scope, model).prefix,
  };
}
