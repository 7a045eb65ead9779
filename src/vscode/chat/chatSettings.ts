// The chat's view of the settings: reads go through the one typed Settings module; the two toolbar toggles
// (reasoning shown, reasoning effort) write the user setting, so the choice holds in every window and shows in the
// Settings editor.
import * as vscode from 'vscode';
import type { ReasoningEffort } from '../../common/mantle/types';
import type { Settings } from '../settings';

export class ChatSettings {
  constructor(private readonly settings: Settings) {}

  get store(): boolean { return this.settings.chatStore; }
  get showReasoning(): boolean { return this.settings.chatShowReasoning; }
  get defaultModel(): string { return this.settings.chatDefaultModel; }
  get effort(): ReasoningEffort { return this.settings.chatReasoningEffort; }

  setShowReasoning(show: boolean): Thenable<void> {
    return this.settings.update('chat.showReasoning', show);
  }

  setEffort(effort: ReasoningEffort): Thenable<void> {
    return this.settings.update('chat.reasoningEffort', effort);
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.settings.onDidChange((e) => { if (this.settings.affects(e, ['chat'])) listener(); });
  }
}
