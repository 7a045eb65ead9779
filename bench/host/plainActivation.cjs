// One sample of "plain-Node require() + activate()": in a fresh Node process (run by bench/activation.ts), times
// require() of the activation bundle and the synchronous activate() call, with `vscode` answered by a stand-in that
// accepts any call (every API returns another stand-in, promises of it resolve to undefined). It measures our own
// code's cost without an editor around it; the editor's figures come from bench/editor.ts. Prints one JSON line.
'use strict';
const { join } = require('node:path');
const { performance } = require('node:perf_hooks');
const { answerVscodeWith, apiNames, memento, stub } = require('../../test/kit/vscodeStandIn.cjs');

const extensionDir = process.argv[2];
const vscode = apiNames([process.cwd(), extensionDir]);
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

answerVscodeWith(vscode);
const t0 = performance.now();
const ext = require(join(extensionDir, packageJSON.main));
const t1 = performance.now();
ext.activate(context);
const t2 = performance.now();
const sdks = Object.keys(require.cache).filter((f) => /dist[\\/](openai|aws|anthropic)-sdk\.js$/.test(f)).map((f) => f.replace(/.*[\\/]/, ''));
process.stdout.write(`${JSON.stringify({ requireMs: t1 - t0, activateMs: t2 - t1, sdksLoadedAtActivation: sdks })}\n`);
// Whatever activation started (timers, the model list) is not part of the figure; end here.
process.exit(0);
