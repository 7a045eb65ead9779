// Registers the language-model provider and the @mantle participant; the container owns what this returns.
import vscode = require('vscode');
import type { LmDeps } from './lmDeps';
import { MantleChatProvider } from './mantleChatProvider';
import { registerManageCommand } from './manageCommand';
import { MantleParticipant, type ParticipantSurface } from './mantleParticipant';
import { registerOpenInVsCodeChat } from './openInVsCodeChat';

export interface LmFeature extends vscode.Disposable {
  readonly provider: MantleChatProvider;
  readonly participant: MantleParticipant;
}

/** The provider activation registered (src/vscode/standIns.ts): connect() hands it the real one. */
export interface LanguageModelSurface {
  connect(provider: vscode.LanguageModelChatProvider): vscode.Disposable;
}

export function registerLm(deps: LmDeps, surface: LanguageModelSurface, participantSurface: ParticipantSurface): LmFeature {
  const provider = new MantleChatProvider(deps);
  const registration = surface.connect(provider);
  const participant = new MantleParticipant(deps, participantSurface);
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
