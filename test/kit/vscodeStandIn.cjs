// A stand-in for the `vscode` module, for running the activation bundle or src/extension.ts in a plain Node process
// (test/fixtures/activationShell.cjs for the unit tier, bench/host/plainActivation.cjs for the bench). CommonJS, so
// both load it with require() before anything else and without a TypeScript loader.
'use strict';
const Module = require('node:module');
const { readFileSync } = require('node:fs');

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

/**
 * The module's top-level names (classes, namespaces, enums, functions), each answered by `stub`: own keys of a plain
 * object, so esbuild's and tsx's ES-module interop copy them. Read from @types/vscode, found from `paths`.
 */
function apiNames(paths = [process.cwd()]) {
  const declarations = readFileSync(require.resolve('@types/vscode/index.d.ts', { paths }), 'utf8');
  return Object.fromEntries([...declarations.matchAll(/^\t(?:export )?(?:class|namespace|enum|const|function|let) (\w+)/gm)].map((m) => [m[1], stub]));
}

/** globalState / workspaceState in memory. */
function memento() {
  const m = new Map();
  return { get: (k, d) => (m.has(k) ? m.get(k) : d), update: async (k, v) => { m.set(k, v); }, keys: () => [...m.keys()], setKeysForSync: () => undefined };
}

/** From now on `require('vscode')` in this process gives `vscode`. */
function answerVscodeWith(vscode) {
  const load = Module._load;
  Module._load = function (request, ...rest) { return request === 'vscode' ? vscode : load.call(this, request, ...rest); };
}

module.exports = { stub, apiNames, memento, answerVscodeWith };
