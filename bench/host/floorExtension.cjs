// The floor for activate(): an extension that makes the same kinds of registrations as ours at activation (a tree
// view, a webview view and a panel serializer, a language-model provider, a chat participant and one command per
// contributed id) with handlers that do nothing, and loads nothing else. The probe windows carry it as their
// development extension (bench/editor.ts writes its package.json: the contributions VS Code needs for these
// registrations, as many commands as ours), so its require() and activate() are timed by the same editor marks in
// the same windows as ours: what is left between the two is our own code, the rest is the editor's.
'use strict';
const vscode = require('vscode');

const ID = 'benchFloor';

module.exports.activate = (context) => {
  const changed = new vscode.EventEmitter();
  const tree = { onDidChangeTreeData: changed.event, getChildren: () => [], getTreeItem: (e) => e };
  const models = { onDidChangeLanguageModelChatInformation: new vscode.EventEmitter().event,
    provideLanguageModelChatInformation: () => [], provideLanguageModelChatResponse: async () => undefined, provideTokenCount: async () => 0 };
  const participant = vscode.chat.createChatParticipant(`${ID}.participant`, () => undefined);
  participant.iconPath = vscode.Uri.joinPath(context.extensionUri, 'floor.svg');
  participant.followupProvider = { provideFollowups: () => [] };
  context.subscriptions.push(
    participant,
    vscode.window.createTreeView(`${ID}.tree`, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
    ...context.extension.packageJSON.contributes.commands.map((c) => vscode.commands.registerCommand(c.command, () => undefined)),
    vscode.lm.registerLanguageModelChatProvider(ID.toLowerCase(), models),
    vscode.window.registerWebviewViewProvider(`${ID}.view`, { resolveWebviewView: () => undefined }),
    vscode.window.registerWebviewPanelSerializer(`${ID}.panel`, { deserializeWebviewPanel: async () => undefined }),
  );
};
