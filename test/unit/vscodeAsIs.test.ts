// The bundles require the editor's API as it is (vscodeAsIs in esbuild.apart.mjs): `import vscode = require('vscode')`
// becomes a plain require with no __toESM copy of the API object, an ES import of 'vscode' fails the build, and a type
// import is erased before it could.
import { strict as assert } from 'node:assert';
import * as esbuild from 'esbuild';
import { repoRoot } from '../tools/paths';

type Apart = typeof import('../../esbuild.apart.mjs', { with: { 'resolution-mode': 'import' } });

async function bundle(plugin: esbuild.Plugin, contents: string): Promise<string> {
  const out = await esbuild.build({
    stdin: { contents, loader: 'ts', resolveDir: repoRoot, sourcefile: 'entry.ts' },
    bundle: true, write: false, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [plugin],
  });
  return out.outputFiles[0].text;
}

/** Any require("vscode") passed to a function: esbuild's __toESM (or another wrapper) around the editor's API. */
const WRAPPED = /[\w$]\s*\(\s*require\("vscode"\)/;

describe('the editor API is required as it is (esbuild.apart.mjs vscodeAsIs)', () => {
  let vscodeAsIs: esbuild.Plugin;
  before(async () => {
    ({ vscodeAsIs } = await import('../../esbuild.apart.mjs') as Apart);
  });

  it('bundles `import vscode = require(…)` in several modules as plain requires, with no copy of the API', async () => {
    const text = await bundle(vscodeAsIs, [
      "import vscode = require('vscode');",
      'export const a = () => vscode.window.createOutputChannel("a");',
      'export class B extends vscode.EventEmitter<number> {}',
    ].join('\n'));
    assert.match(text, /require\("vscode"\)/);
    assert.doesNotMatch(text, WRAPPED);
    assert.doesNotMatch(text, /__toESM/);
  });

  it('fails the build on an ES import of the editor API, naming the file and the fix', async () => {
    await assert.rejects(bundle(vscodeAsIs, "import * as vscode from 'vscode';\nexport const w = vscode.window;"), (e: esbuild.BuildFailure) => {
      assert.equal(e.errors.length, 1);
      assert.match(e.errors[0].text, /import vscode = require\('vscode'\)/);
      assert.equal(e.errors[0].location?.file, 'entry.ts');
      return true;
    });
    await assert.rejects(bundle(vscodeAsIs, "import { window } from 'vscode';\nexport const w = window;"), /import vscode = require/);
  });

  it('accepts type imports, which never reach the bundle', async () => {
    const text = await bundle(vscodeAsIs, "import type * as vscode from 'vscode';\nexport const f = (u: vscode.Uri) => String(u);");
    assert.doesNotMatch(text, /require\("vscode"\)/);
  });

  it('without it, esbuild wraps an ES import in a copy (what the plugin exists to prevent)', async () => {
    const external: esbuild.Plugin = { name: 'external', setup: (b) => b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', external: true })) };
    const text = await bundle(external, "import * as vscode from 'vscode';\nexport const w = () => vscode.window;");
    assert.match(text, WRAPPED);
  });
});
