// One model as every feature sees it (tree, chat, editor commands, compare): the live id plus what we know about it.

import type { ApiKind } from '../mantle/types';
import type { ModelKind } from './catalog';
import { apiForCapability, catalogEntry, resolveCapability, type CapabilitySource } from './capabilities';
import { displayName } from './modelNames';
import { vendorOf } from './vendors';

/** A catalogue kind, or 'unknown' for a model the catalogue has never seen. */
export type ModelKindOrUnknown = ModelKind | 'unknown';

export interface ModelDescriptor {
  id: string;
  /** Readable label, e.g. "Qwen3 Coder 480B A35B Instruct". */
  name: string;
  /** "OpenAI", "Qwen", … or "Other". */
  vendor: string;
  kind: ModelKindOrUnknown;
  /** Accepts /v1/responses: true, false, or undefined when nothing is known yet. */
  responses: boolean | undefined;
  /** The API to call for this model now: 'responses' only when known or hinted capable. */
  api: ApiKind;
  /** Where `responses` came from: learned live in this Region+endpoint, the shipped catalogue, or nowhere. */
  capabilitySource: CapabilitySource;
  /** The catalogue saw it send its reasoning (chain of thought). */
  reasoning: boolean;
  /** Listed in the shipped catalogue. */
  inCatalog: boolean;
}

/** Builds the descriptor of a live model id, given the learned answer for it (if any). */
export function describeModel(id: string, learned: boolean | undefined): ModelDescriptor {
  const entry = catalogEntry(id);
  const cap = resolveCapability(id, learned);
  return {
    id,
    name: displayName(id),
    vendor: vendorOf(id),
    kind: entry?.kind ?? 'unknown',
    responses: cap.responses,
    api: apiForCapability(cap),
    capabilitySource: cap.source,
    reasoning: entry?.reasoning === true,
    inCatalog: entry !== undefined,
  };
}

/** "Responses + Chat", "Chat only" or "unknown API": the model row's description. */
export function apiLabel(responses: boolean | undefined): string {
  if (responses === true) return 'Responses + Chat';
  if (responses === false) return 'Chat only';
  return 'unknown API';
}

/** Codicon per kind; the tree shows it as the row's ThemeIcon. */
export const KIND_ICONS: Readonly<Record<ModelKindOrUnknown, string>> = {
  code: 'code',
  general: 'comment-discussion',
  reasoning: 'lightbulb',
  vision: 'eye',
  audio: 'unmute',
  safety: 'shield',
  unknown: 'question',
};

/** Sort rank per kind: what a person picks most often first, the unknown last. */
export const KIND_ORDER: readonly ModelKindOrUnknown[] = ['general', 'reasoning', 'code', 'vision', 'audio', 'safety', 'unknown'];

export function capabilitySourceLabel(source: CapabilitySource, catalogDate: string): string {
  switch (source) {
    case 'learned': return 'learned live from this Region/endpoint';
    case 'catalog': return `catalogue hint (measured ${catalogDate}); not yet confirmed live`;
    case 'none': return 'unknown: not in the catalogue and not yet used';
  }
}
