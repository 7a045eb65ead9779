// The chat's view of the settings: reads go through the one typed Settings module; the two toolbar toggles
// (reasoning shown, reasoning effort) write the user setting, so the choice holds in every window and shows in the
// Settings editor.
import vscode = require('vscode');
import type { ReasoningEffort } from '../../common/mantle/types';
import type { PricingContext } from '../../common/account/pricing';
import type { RetentionMemory } from '../../common/account/retention';
import type { Settings } from '../settings';

export class ChatSettings {
  /** Set by the container: the Region/Project memory of refused stored responses (account feature). */
  retention?: RetentionMemory;

  constructor(private readonly settings: Settings) {}

  /** Off when the setting is, or when this Region/Project refused stored responses before (then background is hidden too). */
  get store(): boolean { return this.settings.chatStore && !this.retention?.refusesStore(); }
  get showReasoning(): boolean { return this.settings.chatShowReasoning; }
  get defaultModel(): string { return this.settings.chatDefaultModel; }
  get effort(): ReasoningEffort { return this.settings.chatReasoningEffort; }
  get pricing(): PricingContext { return { region: this.settings.region, overrides: this.settings.pricingOverrides }; }

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
