// Which company a Mantle model comes from. /v1/models says nothing useful about it (owned_by is not reliable), but
// every Mantle id starts with the vendor's prefix ("qwen.qwen3-32b"), so the prefix is the one stable signal.

export const OTHER_VENDOR = 'Other';

/**
 * Known prefixes in the order the tree shows them: OpenAI first (the only Responses-capable models and the default
 * chat model), then the vendors roughly by how many models they offer. A fixed order, rather than alphabetical or by
 * count, keeps a vendor in the same place when a Region lists a few more or fewer models.
 */
const VENDORS: readonly (readonly [prefix: string, name: string])[] = [
  ['openai', 'OpenAI'],
  ['mistral', 'Mistral'],
  ['qwen', 'Qwen'],
  ['deepseek', 'DeepSeek'],
  ['google', 'Google'],
  ['nvidia', 'NVIDIA'],
  ['minimax', 'MiniMax'],
  ['moonshotai', 'Moonshot'],
  ['zai', 'Z.ai'],
  ['writer', 'Writer'],
  ['anthropic', 'Anthropic'],
  ['xai', 'xAI'],
];

const BY_PREFIX = new Map(VENDORS.map(([prefix, name]) => [prefix, name]));
const ORDER = new Map(VENDORS.map(([, name], i) => [name, i]));

/** The id's prefix before the first dot ("qwen" for "qwen.qwen3-32b"), or '' when there is no dot. */
export function vendorPrefix(modelId: string): string {
  const dot = modelId.indexOf('.');
  return dot > 0 ? modelId.slice(0, dot).toLowerCase() : '';
}

/** Display name of the model's vendor; anything not on the list is "Other" so no model is ever dropped. */
export function vendorOf(modelId: string): string {
  return BY_PREFIX.get(vendorPrefix(modelId)) ?? OTHER_VENDOR;
}

/** Sort key for vendors: the fixed order above, "Other" last. */
export function vendorRank(vendor: string): number {
  return ORDER.get(vendor) ?? VENDORS.length;
}

/** The id without its vendor prefix ("qwen3-32b" for "qwen.qwen3-32b"); unchanged for an id of the "Other" vendor. */
export function modelSlug(modelId: string): string {
  return BY_PREFIX.has(vendorPrefix(modelId)) ? modelId.slice(modelId.indexOf('.') + 1) : modelId;
}
