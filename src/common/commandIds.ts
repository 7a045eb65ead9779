// Every command the extension contributes, named once. package.json's contributes.commands lists the same ids (a
// unit test keeps the two equal); code refers to these constants so a renamed command cannot leave a stale string.
export const COMMAND = {
  setApiKey: 'bedrockMantle.setApiKey',
  clearApiKey: 'bedrockMantle.clearApiKey',
  useAwsProfile: 'bedrockMantle.useAwsProfile',
  selectRegion: 'bedrockMantle.selectRegion',
  testConnection: 'bedrockMantle.testConnection',
  selectProject: 'bedrockMantle.selectProject',
  showLogs: 'bedrockMantle.showLogs',
  modelsRefresh: 'bedrockMantle.models.refresh',
  modelsFilter: 'bedrockMantle.models.filter',
  modelsClearFilter: 'bedrockMantle.models.clearFilter',
  modelsOpenChat: 'bedrockMantle.models.openChat',
  modelsSetDefaultChat: 'bedrockMantle.models.setDefaultChat',
  modelsSetDefaultCoder: 'bedrockMantle.models.setDefaultCoder',
  modelsCopyId: 'bedrockMantle.models.copyId',
  compareModels: 'bedrockMantle.compareModels',
  editorExplain: 'bedrockMantle.editor.explain',
  editorRefactor: 'bedrockMantle.editor.refactor',
  editorFix: 'bedrockMantle.editor.fix',
  editorAddDocumentation: 'bedrockMantle.editor.addDocumentation',
  editorGenerateTests: 'bedrockMantle.editor.generateTests',
  editorAsk: 'bedrockMantle.editor.ask',
  editorSendToChat: 'bedrockMantle.editor.sendToChat',
  editorRunWithModel: 'bedrockMantle.editor.runWithModel',
  editorAcceptProposal: 'bedrockMantle.editor.acceptProposal',
  editorRejectProposal: 'bedrockMantle.editor.rejectProposal',
  manageLanguageModels: 'bedrockMantle.manageLanguageModels',
  askInVsCodeChat: 'bedrockMantle.askInVsCodeChat',
  openChat: 'bedrockMantle.openChat',
  newThread: 'bedrockMantle.newThread',
  exportThread: 'bedrockMantle.exportThread',
  toggleReasoning: 'bedrockMantle.toggleReasoning',
  stopChat: 'bedrockMantle.stopChat',
  toggleAutocomplete: 'bedrockMantle.autocomplete.toggle',
  chatAttach: 'bedrockMantle.chat.attach',
} as const;

export type CommandId = (typeof COMMAND)[keyof typeof COMMAND];

/** VS Code's own command that opens the Settings editor, filtered to our settings by its argument. */
export const OPEN_SETTINGS = 'workbench.action.openSettings';
export const SETTINGS_PREFIX = 'bedrockMantle';
