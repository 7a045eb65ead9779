// Activation registers stand-ins only (src/extension.ts, src/vscode/standIns.ts): it loads none of the services, the
// features or an SDK, and the first call of any stand-in (a command, the Models tree, the language-model provider)
// or the idle moment after activation builds the services, which connect the real providers behind the stand-ins.
// Each case runs in a fresh Node process (test/fixtures/activationShell.cjs): this one has loaded the modules already.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COMMAND } from '../../src/common/commandIds';

const run = promisify(execFile);

interface Outcome {
  atActivation: string[];
  builtAtActivation: boolean;
  registered: { commands: string[]; trees: string[]; languageModels: string[]; webviewViews: string[]; serializers: string[]; participants: string[] };
  after: string[];
  builtAfter: boolean;
  connected: { tree: boolean; languageModels: boolean; participant: boolean };
  showLogsRegistrations: number;
  models?: unknown[];
  followups?: { prompt: string; command?: string }[];
}

async function activateThen(step: 'nothing' | 'command' | 'tree' | 'languageModels' | 'participant' | 'idle'): Promise<Outcome> {
  const { stdout } = await run(process.execPath, ['--require', 'tsx/cjs', 'test/fixtures/activationShell.cjs', step], { cwd: process.cwd() });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as Outcome;
}

describe('activation: stand-ins first, the services on first use (src/extension.ts)', function () {
  this.timeout(60_000);

  it('registers every command, the Models tree, the chat surfaces, the language-model provider and @mantle, and loads nothing behind them', async () => {
    const o = await activateThen('nothing');
    assert.deepEqual(o.atActivation, [], 'modules loaded by activate()');
    assert.equal(o.builtAtActivation, false);
    assert.deepEqual([...o.registered.commands].sort(), Object.values(COMMAND).sort());
    assert.deepEqual(o.registered.trees, ['bedrockMantle.models']);
    assert.deepEqual(o.registered.languageModels, ['bedrock-mantle']);
    assert.deepEqual(o.registered.webviewViews, ['bedrockMantle.chat']);
    assert.deepEqual(o.registered.serializers, ['bedrockMantle.chatPanel']);
    assert.deepEqual(o.registered.participants, ['bedrock-mantle.mantle']);
    assert.deepEqual(o.connected, { tree: false, languageModels: false, participant: false });
  });

  it('a command\'s first call builds the services, whose real command replaces the stand-in; no feature or SDK loads with them', async () => {
    const o = await activateThen('command');
    assert.deepEqual(o.after, ['src/container.ts']);
    assert.equal(o.builtAfter, true);
    assert.equal(o.showLogsRegistrations, 2, 'the stand-in, then the real Show Logs');
    assert.deepEqual(o.connected, { tree: true, languageModels: true, participant: true });
  });

  it('the Models tree\'s first getChildren builds the services and is answered by the real tree', async () => {
    const o = await activateThen('tree');
    assert.deepEqual(o.after, ['src/container.ts']);
    assert.equal(o.connected.tree, true);
  });

  it('the language-model provider\'s first question builds the services and is answered by the real provider', async () => {
    const o = await activateThen('languageModels');
    assert.deepEqual(o.after, ['src/container.ts']);
    assert.deepEqual(o.models, [], 'no credentials here: the real provider answers with no models');
    assert.equal(o.connected.languageModels, true);
  });

  it('@mantle\'s first question (its follow-ups) builds the services and is answered by the real participant', async () => {
    const o = await activateThen('participant');
    assert.deepEqual(o.after, ['src/container.ts']);
    assert.ok(o.followups?.length, 'the real participant\'s follow-ups for /explain');
  });

  it('with nothing asked, the services are built in the idle moment after activation (for the status bar items)', async () => {
    const o = await activateThen('idle');
    assert.equal(o.builtAfter, true);
    assert.deepEqual(o.after, ['src/container.ts']);
  });
});
