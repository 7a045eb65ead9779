// The extension-host entry point (`extensionTestsPath`): VS Code loads this bundle inside the real extension host
// and calls run(). Mocha's console output does not reach the runner there, so results go line by line to the file
// named by MANTLE_TEST_RESULTS (see fileReporter.ts); the runner prints them.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import { FileReporter } from './fileReporter';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.MANTLE_TEST_TIMEOUT_MS ?? 30_000),
    grep: process.env.MANTLE_TEST_GREP || undefined,
    reporter: FileReporter,
    reporterOptions: { output: process.env.MANTLE_TEST_RESULTS },
  });
  // Each *.test.ts was compiled next to this file as its own bundle.
  for (const f of readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) mocha.addFile(join(__dirname, f));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e as Error);
    }
  });
}
