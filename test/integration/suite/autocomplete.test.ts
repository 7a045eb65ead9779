// Autocomplete inside the real extension host against the runner's emulator: off by default (no provider, nothing
// sent), the toggle command turns it on, the provider returns the emulator's completion for a document position,
// a newer keystroke closes the pending request (clientClosedEarly in the emulator's log), and excluded files or
// languages are never sent.
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import { emulatorLog, setEmulatorFaults } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';

interface LogEntry { seq: number; path: string; model?: string; clientClosedEarly: boolean; body?: { messages?: { content: string }[] } }

const HOLE = '<|fill_here|>';
const MODEL = 'qwen.qwen3-coder-30b-a3b-instruct';
const SOURCE = 'export function add(a: number, b: number): number {\n  \n}\n';

async function holeRequests(): Promise<LogEntry[]> {
  return (await emulatorLog<LogEntry>()).filter((e) => e.path === '/v1/chat/completions' && e.body?.messages?.some((m) => m.content.includes(HOLE)));
}

const setFaults = setEmulatorFaults;

const AUTOMATIC: vscode.InlineCompletionContext = { triggerKind: vscode.InlineCompletionTriggerKind.Automatic, selectedCompletionInfo: undefined };

describe('autocomplete (inline completions)', () => {
  let container: Container;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('bedrockMantle').update('autocomplete.enabled', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('is off by default: only the status item exists, and typing sends nothing', async () => {
    assert.equal(vscode.workspace.getConfiguration('bedrockMantle').inspect('autocomplete.enabled')?.defaultValue, false);
    assert.equal(container.autocomplete.provider, undefined);
    assert.match(container.autocomplete.status.text, /circle-slash/);
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: SOURCE });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(1, 2, 1, 2);
    await vscode.commands.executeCommand('type', { text: 'ret' });
    await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
    assert.equal((await holeRequests()).length, 0);
  });

  it('Toggle Autocomplete turns it on; the provider returns the emulator\'s completion for the cursor position', async () => {
    await vscode.commands.executeCommand('bedrockMantle.autocomplete.toggle');
    const provider = (await eventually(() => container.autocomplete.provider, 'the inline completion provider'))!;
    assert.match(container.autocomplete.status.text, /sparkle/);
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: SOURCE });
    const before = (await holeRequests()).length;
    const items = await provider.provideInlineCompletionItems(doc, new vscode.Position(1, 2), AUTOMATIC, new vscode.CancellationTokenSource().token);
    assert.equal(items?.length, 1);
    assert.equal(items![0].insertText, 'return a + b;');
    assert.ok(items![0].range?.isEqual(new vscode.Range(1, 2, 1, 2)));
    const sent = (await holeRequests()).slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].model, MODEL);
    assert.match(container.autocomplete.status.text, /sparkle\) Mantle \d+ ms/);
  });

  it('typing while a request is pending cancels it: the HTTP request is closed, the newer position gets its completion', async () => {
    const provider = container.autocomplete.provider!;
    const doc = await vscode.workspace.openTextDocument({ language: 'typescript', content: 'export function multiply(x: number, y: number): number {\n  \n}\n' });
    const before = (await holeRequests()).length;
    await setFaults([{ kind: 'slow-first-token', ms: 5000, path: '/chat/completions', times: 1 }]);
    const first = new vscode.CancellationTokenSource();
    const pending = provider.provideInlineCompletionItems(doc, new vscode.Position(1, 2), AUTOMATIC, first.token);
    const [slow] = (await eventually(async () => { const r = (await holeRequests()).slice(before); return r.length ? r : undefined; }, 'the first request to reach the emulator'))!;
    // A keystroke: the editor cancels the previous ask and asks again at the new position.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), '// math\n');
    await vscode.workspace.applyEdit(edit);
    first.cancel();
    const items = await provider.provideInlineCompletionItems(doc, new vscode.Position(2, 2), AUTOMATIC, new vscode.CancellationTokenSource().token);
    assert.equal(await pending, undefined);
    assert.equal(items?.[0].insertText, 'return x * y;');
    const closed = await eventually(async () => (await emulatorLog<LogEntry>()).find((e) => e.seq === slow.seq && e.clientClosedEarly), 'clientClosedEarly on the first request');
    assert.equal(closed?.clientClosedEarly, true);
  });

  it('never sends an excluded (.env-like) file or a language turned off', async () => {
    const provider = container.autocomplete.provider!;
    const root = vscode.workspace.workspaceFolders![0].uri;
    const env = vscode.Uri.joinPath(root, '.env');
    await vscode.workspace.fs.writeFile(env, Buffer.from('API_TOKEN=\n'));
    const envDoc = await vscode.workspace.openTextDocument(env);
    const markdown = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Notes\n' });
    const before = (await holeRequests()).length;
    assert.equal(provider.eligible(envDoc), false);
    assert.equal(provider.eligible(markdown), false);
    assert.equal(
      await provider.provideInlineCompletionItems(envDoc, new vscode.Position(0, 10), AUTOMATIC, new vscode.CancellationTokenSource().token), undefined,
    );
    assert.equal(
      await provider.provideInlineCompletionItems(markdown, new vscode.Position(0, 7), AUTOMATIC, new vscode.CancellationTokenSource().token), undefined,
    );
    assert.equal((await holeRequests()).length, before);
    await vscode.workspace.fs.delete(env);
  });

  it('turning it off removes the provider', async () => {
    await vscode.commands.executeCommand('bedrockMantle.autocomplete.toggle');
    await eventually(() => container.autocomplete.provider === undefined, 'the provider to be dropped');
    assert.match(container.autocomplete.status.text, /circle-slash/);
  });
});
