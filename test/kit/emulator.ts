// The emulator for a mocha suite: started in a before hook (or before each test) and closed after, so a suite says
// what it needs in one line. The returned function gives the running emulator inside the suite's tests and hooks.
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/server';

export function emulatorForSuite(options: EmulatorOptions = {}, per: 'suite' | 'test' = 'suite'): () => RunningEmulator {
  let running: RunningEmulator | undefined;
  (per === 'test' ? beforeEach : before)(async () => { running = await startEmulator(options); });
  (per === 'test' ? afterEach : after)(async () => { await running?.close(); running = undefined; });
  return () => {
    if (!running) throw new Error('The emulator runs only inside the suite\'s tests and hooks.');
    return running;
  };
}
