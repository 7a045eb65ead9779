// What the runner hands to the suites running inside the extension host (through code-server's environment).
import vscode = require('vscode');

export const EXTENSION_ID = 'bedrock-mantle.bedrock-mantle';

/** The emulator's base URL (…/v1), or undefined when the run has no emulator (suites that need it skip). */
export const emulatorUrl: string | undefined = process.env.MANTLE_EMULATOR_URL || undefined;

/** The extension under test, activated. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this editor`);
  await ext.activate();
  return ext;
}

/** Polls until `check` returns a truthy value (UI and extension state settle asynchronously). */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100)); // a poll interval: extension state outside this test has no event to await
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`);
}
