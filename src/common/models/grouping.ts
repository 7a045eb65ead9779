// Grouping, ordering and filtering of the live models for the tree (and anything else that lists them).

import { modelApiLabel, KIND_ORDER, type ModelDescriptor } from './modelInfo';
import { familyOf, sizeInBillions } from './modelNames';
import { vendorRank } from './vendors';

export interface VendorGroup {
  vendor: string;
  models: ModelDescriptor[];
}

// Built on first use, not at module load: creating a Collator costs 6–30 ms, and this module is loaded at activation.
let collator: Intl.Collator | undefined;
const natural = {
  compare: (a: string, b: string): number => (collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })).compare(a, b),
};

/**
 * Order inside a vendor, chosen so the list reads like a product line-up:
 * 1. by kind (general, reasoning, code, vision, audio, safety, unknown): models one would compare sit together;
 * 2. by family, the family with the largest model first (Nemotron Super before Nemotron Nano, Mistral Large before
 *    Ministral), ties by family name;
 * 3. by size, largest first (the flagship leads; 480B before 30B);
 * 4. then by id, newest version first (GLM 5 before GLM 4.7, MiniMax M2.5 before M2.1), using a numeric collation.
 */
export function sortModels(models: readonly ModelDescriptor[]): ModelDescriptor[] {
  const familyMax = new Map<string, number>();
  for (const m of models) {
    const key = `${m.kind}\u0000${familyOf(m.id)}`;
    familyMax.set(key, Math.max(familyMax.get(key) ?? -1, sizeInBillions(m.id) ?? -1));
  }
  const kindRank = (m: ModelDescriptor) => KIND_ORDER.indexOf(m.kind);
  return [...models].sort((a, b) =>
    kindRank(a) - kindRank(b)
    || (familyMax.get(`${b.kind}\u0000${familyOf(b.id)}`) ?? -1) - (familyMax.get(`${a.kind}\u0000${familyOf(a.id)}`) ?? -1)
    || natural.compare(familyOf(a.id), familyOf(b.id))
    || (sizeInBillions(b.id) ?? -1) - (sizeInBillions(a.id) ?? -1)
    || natural.compare(b.id, a.id));
}

/**
 * A filter matches when every whitespace-separated word occurs (case-insensitively) in the model's id, name, vendor,
 * kind or API label, so "qwen code" finds Qwen's coder models and "responses" finds the Responses-capable ones.
 */
export function matchesFilter(m: ModelDescriptor, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [m.id, m.name, m.vendor, m.kind, modelApiLabel(m)].join(' ').toLowerCase();
  return words.every((w) => haystack.includes(w));
}

/** Vendors in their fixed order (unknown vendors, i.e. "Other", last), each with its sorted, filtered models. */
export function groupByVendor(models: readonly ModelDescriptor[], filter = ''): VendorGroup[] {
  const byVendor = new Map<string, ModelDescriptor[]>();
  for (const m of models) {
    if (!matchesFilter(m, filter)) continue;
    const list = byVendor.get(m.vendor) ?? [];
    list.push(m);
    byVendor.set(m.vendor, list);
  }
  return [...byVendor.entries()]
    .sort(([a], [b]) => vendorRank(a) - vendorRank(b) || natural.compare(a, b))
    .map(([vendor, list]) => ({ vendor, models: sortModels(list) }));
}
