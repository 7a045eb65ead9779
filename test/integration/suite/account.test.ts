// The account inside the real extension host, against the runner's emulator: a Project picked for this workspace is
// sent on every request and shown in the status bar; an expired short-term key fails Test Connection before anything
// is sent; every answer adds to the window's total.
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import type { TestConnectionResult } from '../../../src/vscode/auth/connectionCommands';
import { WORKSPACE_PROJECT_KEY } from '../../../src/vscode/account/accountFeature';
import { emulatorLog } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';

type Entry = { method: string; path: string; project?: string };

function shortTermKey(issued: Date, ttlSeconds: number): string {
  const amzDate = issued.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const url = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Credential=AKIDEXAMPLE%2F${amzDate.slice(0, 8)}%2Fus-east-1%2Fbedrock%2Faws4_request&X-Amz-Date=${amzDate}&X-Amz-Expires=${ttlSeconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&Version=1`;
  return `bedrock-api-key-${Buffer.from(url).toString('base64')}`;
}

describe('account: Project, key expiry, window total', () => {
  let container: Container;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
    await container.auth.clearApiKey();
  });

  after(async () => {
    if (!container) return;
    await container.context.workspaceState.update(WORKSPACE_PROJECT_KEY, undefined);
    container.auth.projectChanged();
    await container.auth.clearApiKey();
  });

  it('a Project picked for this workspace goes on every request and shows in the status bar', async () => {
    await container.context.workspaceState.update(WORKSPACE_PROJECT_KEY, 'default');
    container.auth.projectChanged();
    const seen = (await emulatorLog<Entry>()).length;
    const result = await vscode.commands.executeCommand<TestConnectionResult>('bedrockMantle.testConnection');
    assert.equal(result?.count, 38);
    const sent = (await emulatorLog<Entry>()).slice(seen);
    assert.ok(sent.length >= 1);
    for (const e of sent) assert.equal(e.project, 'default', `${e.method} ${e.path}`);
    await eventually(() => container.statusBar.text.includes('· default'), 'the status bar to name the Project');
  });

  it('an expired short-term key fails Test Connection before anything is sent', async () => {
    await container.context.workspaceState.update(WORKSPACE_PROJECT_KEY, undefined);
    container.auth.projectChanged();
    await container.auth.setApiKey(shortTermKey(new Date(Date.now() - 3 * 3600_000), 3600));
    const seen = (await emulatorLog<Entry>()).length;
    const failed = await container.mantle.listModels().then(() => undefined, (e: unknown) => e as { kind: string; message: string; actions: string[] });
    assert.equal(failed?.kind, 'auth');
    assert.match(failed?.message ?? '', /Your Bedrock API key expired at/);
    assert.ok(failed?.actions.includes('setApiKey'));
    assert.equal((await emulatorLog<Entry>()).length, seen, 'nothing was sent');
    await container.auth.clearApiKey();
  });

  it('every answer adds to the total since the window opened', async () => {
    const before = container.account.meter.total;
    const outcome = await container.turns.clientFor('chat').streamTurn({ model: 'openai.gpt-oss-120b', api: 'chat', messages: [{ role: 'user', content: 'hello' }] }, () => undefined);
    assert.ok(outcome.usage);
    const after = container.account.meter.total;
    assert.equal(after.inputTokens - before.inputTokens, outcome.usage.inputTokens);
    // gpt-oss-120b: $0.15 in / $0.60 out per 1M tokens, so µ$ = in × 0.15 + out × 0.60 (no cached tokens on Chat Completions here).
    assert.equal(after.micros - before.micros, Math.round(outcome.usage.inputTokens * 0.15 + outcome.usage.outputTokens * 0.6));
  });
});
