// The price table shipped with the extension: USD per 1M tokens, standard tier, Mantle's in-Region rows (Mantle has no
// cross-Region inference). Copied by hand from the project's protocol notes of 2026-12 (the "Price table" section and
// the catalogue's pricePer1M entries), which transcribe the AWS price list through the third parties named in `source`.
// Only models with a sourced price are here; anything else is "unknown" and shown as tokens only. A `null` component
// (e.g. no sourced cached-input price) is unknown too: a cost that needs it is not computed, never guessed.
// Negotiated prices come from the bedrockMantle.pricing.overrides setting (pricing.ts).

export interface PriceRates {
  /** USD per 1M uncached input tokens. */
  input: number;
  /** USD per 1M input tokens read from the prompt cache; null = not sourced. */
  cachedInput: number | null;
  /** USD per 1M output tokens (reasoning tokens are output tokens). */
  output: number;
  /** USD per 1M input tokens written to the prompt cache (Claude's 5-minute cache); null/absent = not sourced. */
  cacheWrite?: number | null;
}

export interface ModelPrice extends PriceRates {
  /** Where the figures come from. */
  source: string;
  /** The date of the source (YYYY-MM-DD or YYYY-MM). */
  asOf: string;
  /** Rates for a request whose input exceeds `overTokens` (OpenAI's long-context tier). */
  longContext?: PriceRates & { overTokens: number };
  /** Regions whose rates differ from the rows above. */
  regions?: Record<string, PriceRates>;
  /** A caveat worth showing with the price (promotional, conflicting sources). */
  caveat?: string;
}

/** The date of the table as a whole: when it was copied from the notes. */
export const PRICE_TABLE_AS_OF = '2026-12-01';

const STDAPI = 'AWS Price List (service bedrock-mantle) as transcribed by stdapi.ai';
const MODELS_DEV = 'aws.amazon.com/bedrock/pricing as transcribed by models.dev';
const LITELLM = 'litellm docs, providers/bedrock_mantle';
const LONG = 272_000;

export const PRICE_TABLE: Readonly<Record<string, ModelPrice>> = {
  'openai.gpt-5.4': { input: 2.75, cachedInput: 0.275, output: 16.5, source: STDAPI, asOf: '2026-09-18', longContext: { overTokens: LONG, input: 5.5, cachedInput: 0.55, output: 24.75 } },
  'openai.gpt-5.5': { input: 5.5, cachedInput: 0.55, output: 33, source: STDAPI, asOf: '2026-09-18', longContext: { overTokens: LONG, input: 11, cachedInput: 1.1, output: 49.5 } },
  'openai.gpt-5.6-sol': {
    input: 4.4, cachedInput: 0.44, output: 22, source: MODELS_DEV, asOf: '2026-08-11',
    longContext: { overTokens: LONG, input: 8.8, cachedInput: 0.88, output: 33 },
    caveat: 'OpenAI called its Sol price promotional through at least 2026-11-21; check the current price.',
  },
  'openai.gpt-5.6-terra': { input: 2.2, cachedInput: 0.22, output: 13.2, source: MODELS_DEV, asOf: '2026-08-11', longContext: { overTokens: LONG, input: 4.4, cachedInput: 0.44, output: 19.8 } },
  'openai.gpt-5.6-luna': { input: 0.22, cachedInput: 0.022, output: 1.32, source: STDAPI, asOf: '2026-09-18', longContext: { overTokens: LONG, input: 0.44, cachedInput: 0.044, output: 1.98 } },
  'openai.gpt-6-astra': { input: 11, cachedInput: null, output: 55, source: 'aws.amazon.com/bedrock/pricing as cited by a third-party price seed', asOf: '2026-10' },
  'xai.grok-4.3': { input: 1.25, cachedInput: 0.2, output: 2.5, source: STDAPI, asOf: '2026-09-18' },
  'google.gemma-4-31b': { input: 0.14, cachedInput: null, output: 0.4, source: STDAPI, asOf: '2026-09-18', regions: { 'eu-central-1': { input: 0.168, cachedInput: null, output: 0.48 } } },
  'google.gemma-4-26b-a4b': { input: 0.13, cachedInput: null, output: 0.4, source: STDAPI, asOf: '2026-09-18', regions: { 'eu-central-1': { input: 0.156, cachedInput: null, output: 0.48 } } },
  'google.gemma-4-e2b': { input: 0.04, cachedInput: null, output: 0.08, source: STDAPI, asOf: '2026-09-18', regions: { 'eu-central-1': { input: 0.048, cachedInput: null, output: 0.096 } } },
  'anthropic.claude-haiku-4-5': { input: 1.1, cachedInput: 0.11, output: 5.5, cacheWrite: 1.375, source: STDAPI, asOf: '2026-09-18' },
  'anthropic.claude-opus-4-8': { input: 5.5, cachedInput: 0.55, output: 27.5, cacheWrite: 6.875, source: STDAPI, asOf: '2026-09-18' },
  'anthropic.claude-sonnet-4-6': { input: 3.3, cachedInput: 0.33, output: 16.5, cacheWrite: 4.125, source: STDAPI, asOf: '2026-09-18' },
  'openai.gpt-oss-120b': {
    input: 0.15, cachedInput: null, output: 0.6, source: LITELLM, asOf: '2026-10-09',
    caveat: 'Another third-party table lists 0.075 / 0.30 for this model.',
  },
  'openai.gpt-oss-20b': { input: 0.075, cachedInput: null, output: 0.3, source: LITELLM, asOf: '2026-10-09' },
  'openai.gpt-oss-safeguard-120b': { input: 0.15, cachedInput: null, output: 0.6, source: LITELLM, asOf: '2026-10-09' },
  'openai.gpt-oss-safeguard-20b': { input: 0.075, cachedInput: null, output: 0.3, source: LITELLM, asOf: '2026-10-09' },
  'mistral.devstral-2-123b': { input: 0.2, cachedInput: null, output: 1, source: MODELS_DEV, asOf: '2026-04-13' },
  'minimax.minimax-m2.5': { input: 0.15, cachedInput: null, output: 0.6, source: MODELS_DEV, asOf: '2026-04-13' },
};
