// The editor commands inside the real extension host, against the emulator the runner started: Refactor on a
// selected function opens a diff of the original against the proposal, Accept changes exactly that range, an edit in
// between makes Accept refuse, Reject discards, a reply with no code opens the reply, Generate Tests opens a new
// editor, and a picked model is the one requested.
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import { emulatorLog } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';

interface LogEntry { method: string; path: string; model?: string; stream?: boolean; body?: { messages?: { role: string; content: string }[] } }

async function chatRequests(): Promise<LogEntry[]> {
  return (await emulatorLog<LogEntry>()).filter((e) => e.path === '/v1/chat/completions');
}

const SOURCE = [
  'export function total(items) {',
  '  var sum = 0;',
  '  for (var i = 0; i < items.length; i++) {',
  '    if (items[i] == null) continue;',
  '    sum += items[i];',
  '  }',
  '  return sum;',
  '}',
  '',
  'export const unrelated = 1;',
  '',
].join('\n');

const PROPOSAL_SCHEME = 'bedrock-mantle-proposal';

function proposalDiffTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSAL_SCHEME);
}

/** The one open proposal diff's input, once it is there. */
async function proposalDiff(): Promise<vscode.TabInputTextDiff> {
  const tabs = await eventually(() => (proposalDiffTabs().length === 1 ? proposalDiffTabs() : undefined), 'the proposal diff');
  return tabs![0].input as vscode.TabInputTextDiff;
}

async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

describe('editor commands', () => {
  let file: vscode.Uri;

  before(async function () {
    if (!emulatorUrl) this.skip();
    await activateExtension();
    const root = vscode.workspace.workspaceFolders![0].uri;
    file = vscode.Uri.joinPath(root, 'src', 'editorSample.js');
  });

  /** Writes the sample, opens it and selects lines 1–8 (the whole function, with its last newline). */
  async function openWithFunctionSelected(): Promise<vscode.TextEditor> {
    await closeAllEditors();
    await vscode.workspace.fs.writeFile(file, Buffer.from(SOURCE));
    const doc = await vscode.workspace.openTextDocument(file);
    if (doc.getText() !== SOURCE) {
      // A document still open from an earlier test keeps its own text: put the sample back.
      const edit = new vscode.WorkspaceEdit();
      edit.replace(file, new vscode.Range(0, 0, doc.lineCount, 0), SOURCE);
      await vscode.workspace.applyEdit(edit);
      await doc.save();
    }
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 8, 0);
    return editor;
  }

  afterEach(closeAllEditors);

  it('Refactor with the default coder model opens a diff of the selection, and Accept replaces exactly that range', async () => {
    const editor = await openWithFunctionSelected();
    const before = (await chatRequests()).length;
    await vscode.commands.executeCommand('bedrockMantle.editor.refactor');

    const requests = await chatRequests();
    assert.equal(requests.length, before + 1);
    const sent = requests.at(-1)!;
    assert.equal(sent.model, vscode.workspace.getConfiguration('bedrockMantle').get('coder.defaultModel'));
    assert.equal(sent.stream, true);
    assert.match(sent.body!.messages!.at(-1)!.content, /File: src\/editorSample\.js/);

    const input = await proposalDiff();
    const left = await vscode.workspace.openTextDocument(input.original);
    const right = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(left.getText(), SOURCE.split('\n').slice(0, 8).join('\n') + '\n');
    assert.equal(right.languageId, 'javascript');
    assert.match(right.getText(), /^export function total\(items\) \{\n {2}const sum = 0;/);
    assert.match(right.getText(), /items\[i\] === null/);
    assert.ok(right.getText().endsWith('}\n'), 'the replacement keeps the selection\'s trailing newline');

    assert.equal(await vscode.commands.executeCommand('bedrockMantle.editor.acceptProposal', input.modified), true);
    const text = editor.document.getText();
    assert.equal(text, right.getText() + SOURCE.split('\n').slice(8).join('\n'), 'only the selected range changed');
    await eventually(() => proposalDiffTabs().length === 0, 'the diff to close');

    // One edit, so one Undo puts the selection back.
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('closing the diff by hand discards the proposal', async () => {
    const editor = await openWithFunctionSelected();
    await vscode.commands.executeCommand('bedrockMantle.editor.refactor');
    await proposalDiff();
    await vscode.window.tabGroups.close(proposalDiffTabs());
    await eventually(() => proposalDiffTabs().length === 0, 'the diff to close');
    assert.equal(await vscode.commands.executeCommand('bedrockMantle.editor.acceptProposal'), false, 'nothing left to accept');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('Accept refuses when the document was edited after the proposal was made, and leaves the edit alone', async () => {
    const editor = await openWithFunctionSelected();
    await vscode.commands.executeCommand('bedrockMantle.editor.fix');
    const input = await proposalDiff();
    const edited = `// a line typed while reviewing\n${SOURCE}`;
    // The diff now has the focus; the person goes back to the file and types a line above the function.
    const typing = new vscode.WorkspaceEdit();
    typing.insert(file, new vscode.Position(0, 0), '// a line typed while reviewing\n');
    assert.ok(await vscode.workspace.applyEdit(typing));

    const applied = await vscode.commands.executeCommand('bedrockMantle.editor.acceptProposal', input.modified);
    assert.equal(applied, false);
    assert.equal(editor.document.getText(), edited);
    assert.equal(proposalDiffTabs().length, 1, 'the diff stays open to read or copy from');

    await vscode.commands.executeCommand('bedrockMantle.editor.rejectProposal');
    await eventually(() => proposalDiffTabs().length === 0, 'Reject to close the diff');
    assert.equal(editor.document.getText(), edited);
  });

  it('Reject discards the proposal and leaves the file as it was', async () => {
    const editor = await openWithFunctionSelected();
    await vscode.commands.executeCommand('bedrockMantle.editor.addDocumentation');
    const input = await proposalDiff();
    const right = await vscode.workspace.openTextDocument(input.modified);
    assert.match(right.getText(), /\/\*\*[\s\S]*@param items/, 'a documentation comment was proposed');
    await vscode.commands.executeCommand('bedrockMantle.editor.rejectProposal', input.modified);
    await eventually(() => proposalDiffTabs().length === 0, 'the diff to close');
    assert.equal(editor.document.getText(), SOURCE);
  });

  it('uses the model it is given instead of the default', async () => {
    await openWithFunctionSelected();
    await vscode.commands.executeCommand('bedrockMantle.editor.refactor', { model: 'mistral.devstral-2-123b' });
    assert.equal((await chatRequests()).at(-1)!.model, 'mistral.devstral-2-123b');
    await proposalDiff();
    await vscode.commands.executeCommand('bedrockMantle.editor.rejectProposal');
  });

  it('Generate Tests opens the tests in a new editor of the same language', async () => {
    await openWithFunctionSelected();
    await vscode.commands.executeCommand('bedrockMantle.editor.generateTests');
    const doc = (await eventually(() => vscode.workspace.textDocuments.find((d) => d.isUntitled && d.languageId === 'javascript'), 'an untitled JavaScript editor'))!;
    assert.match(doc.getText(), /total/);
    assert.equal(vscode.window.activeTextEditor?.document, doc);
  });

  it('sends nothing when nothing is selected', async () => {
    const editor = await openWithFunctionSelected();
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    const before = (await chatRequests()).length;
    await vscode.commands.executeCommand('bedrockMantle.editor.refactor');
    assert.equal((await chatRequests()).length, before);
    assert.equal(proposalDiffTabs().length, 0);
  });

  it('a rewrite whose reply has no code opens the reply instead of a diff', async () => {
    await closeAllEditors();
    // The emulator answers "reply with N tokens" with N tokens of Markdown prose, cut off mid-sentence.
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'Please reply with 30 tokens.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 0, 0, 28);
    await vscode.commands.executeCommand('bedrockMantle.editor.refactor');
    const reply = (await eventually(() => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.isUntitled), 'the reply in a Markdown editor'))!;
    assert.match(reply.getText(), /The model replied without any code/);
    assert.equal(proposalDiffTabs().length, 0);
  });
});
