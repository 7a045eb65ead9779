// The running total since the window opened: every turn any feature sends (chat, compare, editor commands, VS Code's
// chat, autocomplete) passes through the turn engine's clients, so wrapping those clients sees each answer's usage
// once. Costs are computed when the answer arrives, with the prices in force then.
import type { TurnStreamer } from '../mantle/turnEngine';
import type { TurnUsage } from '../mantle/types';
import { addCost, costOf, emptyTotal, type CostTotal, type PricingContext } from './pricing';

export interface WindowTotals extends CostTotal {
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
}

export class UsageMeter {
  private totals: WindowTotals = { ...emptyTotal(), inputTokens: 0, outputTokens: 0, cachedTokens: 0 };
  private readonly listeners = new Set<() => void>();

  constructor(private readonly pricing: () => PricingContext | undefined) {}

  get total(): WindowTotals {
    return this.totals;
  }

  record(model: string, usage: TurnUsage | undefined): void {
    if (!usage) return;
    const cost = addCost(this.totals, costOf(model, usage, this.pricing()));
    this.totals = {
      ...cost,
      inputTokens: this.totals.inputTokens + usage.inputTokens,
      outputTokens: this.totals.outputTokens + usage.outputTokens,
      cachedTokens: this.totals.cachedTokens + usage.cachedTokens,
    };
    for (const l of this.listeners) l();
  }

  onChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The same client, recording the usage of each completed answer. */
  wrap<T extends TurnStreamer>(client: T): TurnStreamer {
    return {
      streamTurn: async (req, onEvent, signal) => {
        const result = await client.streamTurn(req, onEvent, signal);
        this.record(req.model, result.usage);
        return result;
      },
    };
  }
}
