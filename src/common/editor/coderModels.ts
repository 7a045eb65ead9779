// Which models the editor commands offer first. Coder models are the point of these commands, so the "with Model"
// pick lists them at the top in a fixed order (largest first) and every other model after them.

/** Matched by substring so that a Region-specific or versioned id (e.g. a `-v2` suffix) still lands in the group. */
export const CODER_MODEL_ORDER: readonly string[] = [
  'qwen3-coder-480b',
  'qwen3-coder-30b',
  'qwen3-coder-next',
  'devstral-2',
];

function coderRank(id: string): number {
  const i = CODER_MODEL_ORDER.findIndex((needle) => id.includes(needle));
  return i === -1 ? Number.POSITIVE_INFINITY : i;
}

export function isCoderModel(id: string): boolean {
  return coderRank(id) !== Number.POSITIVE_INFINITY;
}

/** Coder models first in CODER_MODEL_ORDER, then the rest alphabetically; duplicates removed. */
export function orderModelsForCoder(ids: readonly string[]): { coder: string[]; other: string[] } {
  const unique = [...new Set(ids)];
  const coder = unique.filter(isCoderModel).sort((a, b) => coderRank(a) - coderRank(b) || a.localeCompare(b));
  const other = unique.filter((id) => !isCoderModel(id)).sort((a, b) => a.localeCompare(b));
  return { coder, other };
}
