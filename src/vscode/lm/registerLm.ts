// Registers the language-model provider and the @mantle participant; the container owns what this returns.
import * as vscode from 'vscode';
import type { LmDeps } from './lmDeps';
import { LM_VENDOR, MantleChatProvider } from './mantleChatProvider';
import { registerManageCommand } from './manageCommand';
import { MantleParticipant } from './mantleParticipant';
import { registerOpenInVsCodeChat } from './openInVsCodeChat';

export interface LmFeature extends vscode.Disposable {
  readonly provider: MantleChatProvider;
  readonly participant: MantleParticipant;
}

export function registerLm(deps: LmDeps, extensionUri: vscode.Uri): LmFeature {
  const provider = new MantleChatProvider(deps);
  const registration = vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, provider);
  const participant = new MantleParticipant(deps, extensionUri);
  const manage = registerManageCommand();
  const openInChat = registerOpenInVsCodeChat(deps);
  return {
    provider,
    participant,
    dispose: () => {
      openInChat.dispose();
      manage.dispose();
      participant.dispose();
      registration.dispose();
      provider.dispose();
    },
  };
}
