// Model ids on bedrock-runtime's OpenAI-compatible endpoint (https://bedrock-runtime.{region}.amazonaws.com/openai/v1)
// differ from Mantle's (PROTOCOL-2026-12 §2):
// - GPT-5.x/6.x need a cross-Region inference (CRIS) profile id: `us.openai.gpt-5.6-sol`, `global.…`, `us-gov.…`;
//   "In-Region inference isn't available for these models on this endpoint".
// - gpt-oss carries the versioned suffix: `openai.gpt-oss-120b-1:0`.
// - Anything else: no source names a different id, so it is sent unchanged.
// And the reverse, for ids a person or the runtime gives back. Pure functions.

export type CrisGeography = 'us' | 'us-gov' | 'global';

export interface RuntimeModelId {
  id: string;
  /** cris: a CRIS profile prefix was added; versioned: a runtime version suffix was added; same: unchanged. */
  basis: 'cris' | 'versioned' | 'same';
}

/** Ids that exist on runtime only behind a CRIS profile. */
export function needsCrisProfile(mantleId: string): boolean {
  return /^openai\.gpt-(5|6|daybreak)/.test(mantleId);
}

/**
 * The CRIS geography for a Region: `us-gov` in GovCloud, `us` in the other US Regions, otherwise `global` (the only
 * profile documented outside the US; an `eu.`/`apac.` GPT profile is not documented).
 */
export function crisGeography(region: string): CrisGeography {
  if (region.startsWith('us-gov-')) return 'us-gov';
  if (region.startsWith('us-')) return 'us';
  return 'global';
}

const CRIS_PREFIX = /^(us-gov|us|eu|apac|jp|au|ca|global)\./;

/** The id to send to bedrock-runtime for a Mantle id. `preferGlobal` picks the global profile even in the US. */
export function runtimeModelId(mantleId: string, region: string, opts: { preferGlobal?: boolean } = {}): RuntimeModelId {
  if (CRIS_PREFIX.test(mantleId)) return { id: mantleId, basis: 'same' };
  if (needsCrisProfile(mantleId)) {
    const geo = opts.preferGlobal ? 'global' : crisGeography(region);
    return { id: `${geo}.${mantleId}`, basis: 'cris' };
  }
  if (/^openai\.gpt-oss-(120b|20b)$/.test(mantleId)) return { id: `${mantleId}-1:0`, basis: 'versioned' };
  return { id: mantleId, basis: 'same' };
}

/** The Mantle id for a runtime id: drops a CRIS prefix and a `-1:0`/`-v1:0` version suffix. */
export function mantleModelId(runtimeId: string): string {
  return runtimeId.replace(CRIS_PREFIX, '').replace(/-v?\d+:\d+$/, '');
}

/**
 * What the Models tree shows on bedrock-runtime, which documents no model list (its `/openai/v1/models` answers 404):
 * the catalogued models documented on runtime's OpenAI and Anthropic paths — GPT-5.x/6.x and the rest of the
 * `/openai/v1` family, Claude — and gpt-oss; the `/v1` open-weight models are not documented there. Mantle ids, as
 * the tree shows everywhere; each request maps them with runtimeModelId.
 */
export function runtimeCatalogModelIds(catalog: readonly { id: string; path: string }[]): string[] {
  return catalog
    .filter((e) => e.path === '/openai/v1' || e.path === '/anthropic/v1' || /^openai\.gpt-oss-(120b|20b)$/.test(e.id))
    .map((e) => e.id);
}
