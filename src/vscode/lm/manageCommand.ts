// The provider's managementCommand ("Manage" next to Bedrock Mantle in VS Code's model management): the auth setup,
// as one pick of the commands the auth feature already provides.
import vscode = require('vscode');
import { COMMAND } from '../../common/commandIds';

export const MANAGE_COMMAND = COMMAND.manageLanguageModels;

const CHOICES: readonly (vscode.QuickPickItem & { command: string })[] = [
  { label: '$(key) Set API Key', detail: 'Store a Bedrock API key in VS Code\'s secret storage.', command: COMMAND.setApiKey },
  { label: '$(account) Use AWS Profile…', detail: 'Sign requests with credentials from an AWS profile (SigV4).', command: COMMAND.useAwsProfile },
  { label: '$(globe) Select Region…', detail: 'Choose the Region whose Mantle models are listed.', command: COMMAND.selectRegion },
  { label: '$(plug) Test Connection', detail: 'List the models with the current settings and report the result.', command: COMMAND.testConnection },
];

export function registerManageCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(MANAGE_COMMAND, async () => {
    const picked = await vscode.window.showQuickPick(CHOICES, { title: 'Bedrock Mantle: language models', placeHolder: 'Set up access to Mantle' });
    if (picked) await vscode.commands.executeCommand(picked.command);
  });
}
