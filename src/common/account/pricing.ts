// What a turn costs: the shipped price table (priceTable.ts) or the person's negotiated prices
// (bedrockMantle.pricing.overrides), applied to the usage the server reported. Money is kept in whole micro-dollars
// (millionths of a USD) so that sums over a thread or a window are exact; a price per 1M tokens times a token count
// is a number of micro-dollars, rounded once per turn. An unknown price, or an unknown component a turn needs (a
// cached-input price when cached tokens were read), gives no cost at all: tokens only, never a guess.
import type { TurnUsage } from '../mantle/types';
import { PRICE_TABLE, type PriceRates } from './priceTable';
import { settingId } from '../settingKeys';

export interface ResolvedPrice {
  rates: PriceRates;
  /** Long-context rates and their threshold, when the table has them. */
  longContext?: PriceRates & { overTokens: number };
  source: string;
  asOf: string;
  caveat?: string;
  /** From bedrockMantle.pricing.overrides rather than the shipped table. */
  overridden: boolean;
}

export interface TurnCost {
  /** What the turn cost, in micro-dollars. */
  micros: number;
  /** What the cached input tokens saved against the uncached input price, in micro-dollars. */
  savedMicros: number;
  asOf: string;
  overridden: boolean;
}

export type PriceOverrides = Readonly<Record<string, PriceRates>>;

export const OVERRIDES_SETTING = settingId('pricing.overrides');

// Dated aliases (openai.gpt-5.5-2026-04-23) and AWS's `-v1` spellings name the same model as the bare id.
function baseModelId(model: string): string {
  return model.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-v1$/, '');
}

/**
 * The price in force for a model in a Region. Overrides win: `model@region` first, then `model`; then the table's
 * Region row, then its default row. Undefined when nothing is known.
 */
export function priceFor(model: string, region: string, overrides: PriceOverrides = {}): ResolvedPrice | undefined {
  const ids = [model, baseModelId(model)];
  for (const id of ids) {
    const o = overrides[`${id}@${region}`] ?? overrides[id];
    if (o) return { rates: o, source: `your ${OVERRIDES_SETTING}`, asOf: 'your setting', overridden: true };
  }
  for (const id of ids) {
    const p = PRICE_TABLE[id];
    if (!p) continue;
    const regional = p.regions?.[region];
    // A Region with its own row has no long-context tier sourced, so only the default row carries one.
    return {
      rates: regional ?? { input: p.input, cachedInput: p.cachedInput, output: p.output, ...(p.cacheWrite !== undefined ? { cacheWrite: p.cacheWrite } : {}) },
      ...(p.longContext && !regional ? { longContext: p.longContext } : {}),
      source: p.source, asOf: p.asOf, ...(p.caveat ? { caveat: p.caveat } : {}), overridden: false,
    };
  }
  return undefined;
}

/**
 * The cost of one turn. inputTokens includes the cached reads and cache writes (types.ts); reasoning is part of the
 * output. Undefined when a needed rate is unknown.
 */
export function turnCost(usage: TurnUsage, price: ResolvedPrice | undefined): TurnCost | undefined {
  if (!price) return undefined;
  const rates = price.longContext && usage.inputTokens > price.longContext.overTokens ? price.longContext : price.rates;
  const written = usage.cacheWriteTokens ?? 0;
  const uncached = Math.max(0, usage.inputTokens - usage.cachedTokens - written);
  if (usage.cachedTokens > 0 && (rates.cachedInput === null || rates.cachedInput === undefined)) return undefined;
  if (written > 0 && (rates.cacheWrite === null || rates.cacheWrite === undefined)) return undefined;
  const cachedRate = rates.cachedInput ?? 0;
  const exact = uncached * rates.input + usage.cachedTokens * cachedRate + written * (rates.cacheWrite ?? 0) + usage.outputTokens * rates.output;
  return {
    micros: Math.round(exact),
    savedMicros: Math.round(usage.cachedTokens * (rates.input - cachedRate)),
    asOf: price.asOf,
    overridden: price.overridden,
  };
}

export interface CostTotal {
  micros: number;
  savedMicros: number;
  /** Turns with a computed cost. */
  priced: number;
  /** Turns with usage but no computable cost (unknown price): the total leaves them out and says so. */
  unpriced: number;
}

export function emptyTotal(): CostTotal {
  return { micros: 0, savedMicros: 0, priced: 0, unpriced: 0 };
}

export function addCost(total: CostTotal, cost: TurnCost | undefined): CostTotal {
  return cost
    ? { micros: total.micros + cost.micros, savedMicros: total.savedMicros + cost.savedMicros, priced: total.priced + 1, unpriced: total.unpriced }
    : { ...total, unpriced: total.unpriced + 1 };
}

/**
 * Dollars for people: four decimals under $1 (a turn often costs fractions of a cent), two from $1; a cost above zero
 * that rounds to nothing is "<$0.0001". Rounds half up on whole micro-dollars.
 */
export function formatUsd(micros: number): string {
  if (micros === 0) return '$0';
  if (micros < 50) return '<$0.0001';
  if (micros < 1_000_000) return `$${(Math.round(micros / 100) / 10_000).toFixed(4)}`;
  return `$${(Math.round(micros / 10_000) / 100).toFixed(2)}`;
}

/** The cost part of a usage line: "$0.0123 (cache saved $0.0040)". */
export function formatTurnCost(cost: TurnCost | undefined): string {
  if (!cost) return '';
  return `${formatUsd(cost.micros)}${cost.savedMicros > 0 ? ` (cache saved ${formatUsd(cost.savedMicros)})` : ''}`;
}

/** A total's text: "$0.0421", "$0.0421 + 2 turns without a price"; "" when nothing was priced (tokens only). */
export function formatTotal(total: CostTotal): string {
  if (total.priced === 0) return '';
  const saved = total.savedMicros > 0 ? ` (cache saved ${formatUsd(total.savedMicros)})` : '';
  const unpriced = total.unpriced > 0 ? ` + ${total.unpriced} ${total.unpriced === 1 ? 'turn' : 'turns'} without a price` : '';
  return `${formatUsd(total.micros)}${saved}${unpriced}`;
}

/**
 * Reads bedrockMantle.pricing.overrides: `{ "<model>[@<region>]": { "input": n, "output": n, "cachedInput"?: n,
 * "cacheWrite"?: n } }` in USD per 1M tokens. A malformed entry is skipped with a problem to show, never half-used.
 */
export function parsePriceOverrides(raw: unknown): { overrides: Record<string, PriceRates>; problems: string[] } {
  const overrides: Record<string, PriceRates> = {};
  const problems: string[] = [];
  if (raw === undefined || raw === null) return { overrides, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { overrides, problems: [`${OVERRIDES_SETTING} must be an object keyed by model id.`] };
  const rate = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1_000_000;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const shown = JSON.stringify(key.slice(0, 80));
    if (!/^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,220}$/.test(key)) { problems.push(`${OVERRIDES_SETTING}: ${shown} is not a model id (optionally with @region).`); continue; }
    const v = value as Record<string, unknown> | null;
    if (!v || typeof v !== 'object' || !rate(v.input) || !rate(v.output)
      || (v.cachedInput !== undefined && !rate(v.cachedInput)) || (v.cacheWrite !== undefined && !rate(v.cacheWrite))) {
      problems.push(`${OVERRIDES_SETTING}: ${shown} needs "input" and "output" (and optionally "cachedInput", "cacheWrite") as USD per 1M tokens.`);
      continue;
    }
    overrides[key] = {
      input: v.input, output: v.output,
      cachedInput: rate(v.cachedInput) ? v.cachedInput : null,
      ...(rate(v.cacheWrite) ? { cacheWrite: v.cacheWrite } : {}),
    };
  }
  return { overrides, problems };
}

/** What the chat view needs to price its turns: the Region requests go to and the person's overrides. */
export interface PricingContext {
  region: string;
  overrides: PriceOverrides;
}

/** The cost of one model's usage under a pricing context (undefined: unknown price, or no usage). */
export function costOf(model: string, usage: TurnUsage | undefined, ctx: PricingContext | undefined): TurnCost | undefined {
  return usage && ctx ? turnCost(usage, priceFor(model, ctx.region, ctx.overrides)) : undefined;
}

/** The total over turns that reported usage; those without a computable cost are counted as unpriced. */
export function totalCost(turns: readonly { model: string; usage?: TurnUsage }[], ctx: PricingContext | undefined): CostTotal {
  let total = emptyTotal();
  for (const t of turns) if (t.usage) total = addCost(total, costOf(t.model, t.usage, ctx));
  return total;
}

/** Appends the cost to a usage line ("in 25 · out 120 · cached 0 · $0.0001"); the line unchanged when unknown. */
export function withCost(line: string, cost: TurnCost | undefined): string {
  const c = formatTurnCost(cost);
  return c ? (line ? `${line} · ${c}` : c) : line;
}
