// One sample of "plain-Node require() + activate()": in a fresh Node process (run by bench/activation.ts), times
// require() of the activation bundle and the synchronous activate() call, with `vscode` answered by a stand-in that
// accepts any call (every API returns another stand-in, promises of it resolve to undefined). It measures our own
// code's cost without an editor around it; the editor's figures come from bench/editor.ts. Prints one JSON line.
'use strict';
const Module = require('node:module');
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');

const extensionDir = process.argv[2];
const callable = function stub() {};
/** Any property, call or `new` gives another stand-in; it converts to '' and is not a thenable. */
const stub = new Proxy(callable, {
  get(_t, prop) {
    if (prop === 'then') return undefined;
    if (prop === Symbol.toPrimitive) return () => '';
    if (prop === Symbol.iterator) return function* empty() {};
    return stub;
  },
  set: () => true,
  defineProperty: () => true,
  apply: () => stub,
  construct: () => stub,
});
/** The module's top-level names, from the API's type declarations (a plain object, so esbuild's interop copies them). */
const declarations = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [process.cwd(), extensionDir] }), 'utf8');
const vscode = Object.fromEntries([...declarations.matchAll(/^\t(?:export )?(?:class|namespace|enum|const|function|let) (\w+)/gm)].map((m) => [m[1], stub]));
const memento = () => { const m = new Map(); return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => { m.set(k, v); }, keys: () => [...m.keys()], setKeysForSync: () => undefined }; };
const packageJSON = require(join(extensionDir, 'package.json'));
const context = {
  subscriptions: [],
  globalState: memento(),
  workspaceState: memento(),
  secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose() {} }) },
  extension: { id: `${packageJSON.publisher}.${packageJSON.name}`, packageJSON, extensionUri: stub },
  extensionUri: stub,
  globalStorageUri: { fsPath: join(require('node:os').tmpdir(), 'mantle-bench-plain'), scheme: 'file' },
  storageUri: undefined,
  logUri: stub,
  extensionMode: 1,
};

const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
const t0 = performance.now();
const ext = require(join(extensionDir, packageJSON.main));
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
const sdks = Object.keys(require.cache).filter((f) => /dist[\\/](openai|aws|anthropic)-sdk\.js$/.test(f)).map((f) => f.replace(/.*[\\/]/, ''));
process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, sdksLoadedAtActivation: sdks })}\n`);
// Whatever activation started (timers, the model list) is not part of the figure; end here.
process.exit(0);
