// What the editor commands need from the composition root, stated structurally so the feature depends on the
// seams (MantleApi, the error presenter, typed settings, the model list) and not on the classes behind them.
import type { ChatOpener } from '../../common/chat/openChat';
import type { TurnEngine } from '../../common/mantle/turnEngine';
import type { Log } from '../log';
import type { PriceOverrides } from '../../common/account/pricing';

export interface EditorCommandServices {
  readonly log: Log;
  readonly settings: {
    readonly coderDefaultModel: string;
    readonly editorMaxSelectionChars: number;
    readonly editorContextLines: number;
    /** For the cost of an answer (common/account/pricing.ts); absent in tests that do not price. */
    readonly region?: string;
    readonly pricingOverrides?: PriceOverrides;
  };
  /** container.turns: the model router and one client per API. */
  readonly turns: TurnEngine;
  /** Explain, Fix with chat delivery and Send to Chat hand the selection to the chat here. */
  readonly chat: ChatOpener;
  readonly errors: { show(err: unknown, what: string, opts?: { retry?: () => unknown }): Promise<void> };
  /** The live model list (models tree); absent or failing, the shipped catalogue is offered instead. */
  readonly models?: { getModels(): Promise<readonly { id: string; name?: string }[]> };
}
