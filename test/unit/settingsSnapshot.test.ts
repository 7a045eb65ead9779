// src/vscode/settings.ts reads the bedrockMantle section once and each user-only setting's inspect() once, until the
// editor says the configuration, the folders or the trust changed: a chat send reads settings a few dozen times, and
// each editor call deep-copies the section or walks the defaults' language overrides. Plain Node, with a stand-in
// `vscode` (test/kit/vscodeStandIn.cjs) whose configuration counts the editor calls.
import { strict as assert } from 'node:assert';
import type { Settings as SettingsClass } from '../../src/vscode/settings';
import { quietLog } from '../kit/log';

const { answerVscodeWith, apiNames } = require('../kit/vscodeStandIn.cjs') as {
  answerVscodeWith(vscode: unknown): void; apiNames(): Record<string, unknown>;
};

type Listener = (e: unknown) => void;
class EventEmitter {
  private readonly listeners = new Set<Listener>();
  readonly event = (l: Listener) => { this.listeners.add(l); return { dispose: () => this.listeners.delete(l) }; };
  fire(e: unknown): void { for (const l of [...this.listeners]) l(e); }
  dispose(): void { this.listeners.clear(); }
}

/** The editor's side: user and workspace values, and how often the extension asked for them. */
const editor = {
  user: {} as Record<string, unknown>,
  workspace: {} as Record<string, unknown>,
  calls: { getConfiguration: 0, inspect: 0 },
  configuration: new EventEmitter(),
  folders: new EventEmitter(),
  trust: new EventEmitter(),
};

function section(): unknown {
  editor.calls.getConfiguration++;
  // A snapshot of the values at this call, as the editor's getConfiguration() gives.
  const values = { ...editor.workspace, ...editor.user };
  return {
    get: (key: string) => values[key],
    inspect: (key: string) => {
      editor.calls.inspect++;
      return { key, globalValue: editor.user[key], workspaceValue: editor.workspace[key] };
    },
    update: () => Promise.resolve(),
  };
}

answerVscodeWith({
  ...apiNames(),
  EventEmitter,
  workspace: {
    getConfiguration: section,
    onDidChangeConfiguration: editor.configuration.event,
    onDidChangeWorkspaceFolders: editor.folders.event,
    onDidGrantWorkspaceTrust: editor.trust.event,
  },
  window: { showWarningMessage: () => Promise.resolve(undefined) },
});
const { Settings } = require('../../src/vscode/settings') as { Settings: typeof SettingsClass };

const changed = (ids: string[]) => ({ affectsConfiguration: (id: string) => ids.some((k) => k === id || k.startsWith(`${id}.`)) });

/** What a chat send reads: its state (store, Region, prices, reasoning), its plan and its request. */
function readLikeASend(s: SettingsClass): unknown[] {
  return [s.region, s.chatStore, s.pricingOverrides, s.chatShowReasoning, s.chatReasoningEffort, s.chatDefaultModel, s.endpoint(), s.project, s.maxRetries];
}

describe('settings: one read of the section until the configuration changes (src/vscode/settings.ts)', () => {
  let settings: SettingsClass;
  beforeEach(() => {
    editor.user = { region: 'us-west-2', 'chat.showReasoning': true };
    editor.workspace = {};
    settings = new Settings(quietLog() as unknown as ConstructorParameters<typeof Settings>[0]);
    editor.calls = { getConfiguration: 0, inspect: 0 };
  });
  afterEach(() => settings.dispose());

  it('reads the section once and each user-only setting once however often it is read', () => {
    const first = readLikeASend(settings);
    for (let i = 0; i < 5; i++) assert.deepEqual(readLikeASend(settings), first);
    assert.equal(editor.calls.getConfiguration, 1);
    // region, chat.store, pricing.overrides, endpoint, endpointType, project: each inspected once.
    assert.equal(editor.calls.inspect, 6);
  });

  it('reads the new values after a configuration change, also in the listeners told of it', () => {
    assert.equal(settings.region, 'us-west-2');
    assert.equal(settings.chatShowReasoning, true);
    const seen: [string, boolean][] = [];
    settings.onDidChange(() => seen.push([settings.region, settings.chatShowReasoning]));
    editor.user = { region: 'eu-west-1', 'chat.showReasoning': false };
    editor.configuration.fire(changed(['bedrockMantle.region', 'bedrockMantle.chat.showReasoning']));
    assert.deepEqual(seen, [['eu-west-1', false]]);
    assert.equal(settings.region, 'eu-west-1');
    assert.equal(settings.chatShowReasoning, false);
  });

  it('reads again after a change of another section (it may be one the values depend on), without telling its listeners', () => {
    assert.equal(settings.region, 'us-west-2');
    let told = 0;
    settings.onDidChange(() => told++);
    editor.user = { region: 'eu-west-1' };
    editor.configuration.fire(changed(['editor.fontSize']));
    assert.equal(settings.region, 'eu-west-1');
    assert.equal(told, 0);
  });

  it('reads again when the folders or the trust change: a workspace value is still ignored', () => {
    assert.equal(settings.region, 'us-west-2');
    editor.workspace = { region: 'ap-south-1' };
    editor.folders.fire({});
    assert.equal(settings.region, 'us-west-2');
    assert.equal(editor.calls.inspect, 2);
    editor.trust.fire(undefined);
    assert.equal(settings.region, 'us-west-2');
    assert.equal(editor.calls.inspect, 3);
  });
});
