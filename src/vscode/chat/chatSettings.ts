// The chat's settings (declared in package.json under bedrockMantle.chat.*), read in one place with their types.
import * as vscode from 'vscode';
import type { ReasoningEffort } from '../../common/mantle/types';

const SECTION = 'bedrockMantle.chat';

export class ChatSettings {
  private get config() { return vscode.workspace.getConfiguration(SECTION); }

  get store(): boolean { return this.config.get<boolean>('store', true); }
  get showReasoning(): boolean { return this.config.get<boolean>('showReasoning', true); }
  get defaultModel(): string { return this.config.get<string>('defaultModel', 'openai.gpt-oss-120b') || 'openai.gpt-oss-120b'; }
  get effort(): ReasoningEffort {
    const v = this.config.get<string>('reasoningEffort', 'medium');
    return v === 'low' || v === 'high' ? v : 'medium';
  }

  /** The toolbar toggles change the user setting, so the choice holds in every window and shows in Settings. */
  setShowReasoning(show: boolean): Thenable<void> { return this.config.update('showReasoning', show, vscode.ConfigurationTarget.Global); }
  setEffort(effort: ReasoningEffort): Thenable<void> { return this.config.update('reasoningEffort', effort, vscode.ConfigurationTarget.Global); }

  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration(SECTION)) listener(); });
  }
}
