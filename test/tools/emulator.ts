// Starts the Mantle emulator (test/emulator/server.ts) in this process for the real-editor tiers and `npm start`,
// and says what a test editor needs from it: the base URL (setting `bedrockMantle.endpoint`) and the key (given to
// the editor as AWS_BEARER_TOKEN_BEDROCK in its environment, never in settings).
import { DEFAULT_API_KEY, startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/server';

export interface TestEmulator {
  /** Base URL including /v1, e.g. http://127.0.0.1:PORT/v1. */
  url: string;
  port: number;
  /** The API key the emulator accepts. */
  apiKey: string;
  /** The emulator's own handle (log, setFaults, waitFor, …) for tests running in this process. */
  handle: RunningEmulator;
  close(): Promise<void>;
}

export async function startTestEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  const handle = await startEmulator({ port: 0, apiKeys: [DEFAULT_API_KEY], ...opts });
  return { url: handle.url, port: handle.port, apiKey: DEFAULT_API_KEY, handle, close: () => handle.close() };
}

/**
 * Like startTestEmulator, but returns undefined (after printing why) when the emulator cannot start, so the suites
 * that do not need it still run; those that do skip themselves when MANTLE_EMULATOR_URL is absent.
 */
export async function tryStartTestEmulator(tier: string, opts: EmulatorOptions = {}): Promise<TestEmulator | undefined> {
  try {
    return await startTestEmulator(opts);
  } catch (e) {
    console.error(`${tier}: running without the Mantle emulator (${(e as Error).message.split('\n')[0]})`);
    return undefined;
  }
}
