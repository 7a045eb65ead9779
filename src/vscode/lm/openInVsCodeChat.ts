// "Ask @mantle in VS Code Chat": opens VS Code's chat in Ask mode with a Mantle model already selected and "@mantle "
// typed. Selecting the model matters: VS Code runs a participant only when the chat has a model, and without a
// Copilot sign-in its model picker offers nothing to pick (it shows "Sign in to use Copilot"), so a person without
// Copilot would otherwise get "Language model unavailable". The chat.open command's modelSelector sets it directly.
import vscode = require('vscode');
import { COMMAND } from '../../common/commandIds';
import { isParticipantCommand, type ParticipantCommand } from '../../common/lm/participantPrompt';
import type { LmDeps } from './lmDeps';
import { LM_VENDOR } from './mantleChatProvider';

export const OPEN_IN_VSCODE_CHAT_COMMAND = COMMAND.askInVsCodeChat;

export interface OpenInChatOptions {
  command?: ParticipantCommand;
  /** Model id; default: the coder model for a command, else the chat model. */
  model?: string;
}

export function chatOpenArgs(opts: OpenInChatOptions, deps: Pick<LmDeps, 'settings'>): Record<string, unknown> {
  const command = isParticipantCommand(opts.command) ? opts.command : undefined;
  const model = opts.model ?? (command ? deps.settings.coderDefaultModel : deps.settings.chatDefaultModel);
  return {
    mode: 'ask',
    query: `@mantle ${command ? `/${command} ` : ''}`,
    isPartialQuery: true,
    modelSelector: { vendor: LM_VENDOR, id: model },
  };
}

export function registerOpenInVsCodeChat(deps: LmDeps): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_IN_VSCODE_CHAT_COMMAND, async (opts: OpenInChatOptions = {}) => {
    const args = chatOpenArgs(opts, deps);
    try {
      await vscode.commands.executeCommand('workbench.action.chat.open', args);
    } catch (e) {
      // An older VS Code without modelSelector, or the model is not listed (yet): open the chat without choosing.
      deps.log.warn(`Opening VS Code chat with a Mantle model failed (${e instanceof Error ? e.message : String(e)}); opening it without a model`);
      const { modelSelector: _m, ...rest } = args;
      await vscode.commands.executeCommand('workbench.action.chat.open', rest);
    }
  });
}
