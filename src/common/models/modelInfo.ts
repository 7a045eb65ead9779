// One model as every feature sees it (tree, chat, editor commands, compare): the live id plus what we know about it.

import type { ApiKind, RoutePrefix } from '../mantle/types';
import { MODEL_CATALOG, type ModelKind } from './catalog';
import type { CapabilitySource } from './capabilities';
import { apiLabel, type ModelRouteView, type RouteSource } from './router';
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
  /** The API a conversation uses for this model now: Responses when it takes it, else what it takes. */
  api: ApiKind;
  /** The APIs the router knows or is told it takes, on `prefix`. */
  apis: ApiKind[];
  /** Its route family (/v1, /openai/v1, /anthropic/v1). */
  prefix: RoutePrefix;
  /** Where `apis`/`prefix` came from: learned here, the catalogue, the id family, or a plain default. */
  routeSource: RouteSource;
  /** Mantle Regions the catalogue names for it, when known. */
  regions?: readonly string[];
  /** Listed with `status:"unavailable"`: the server's reason (shown greyed in the tree). */
  unavailable?: string;
  /** Where `responses` came from: learned live in this Region+endpoint, the shipped catalogue, or nowhere. */
  capabilitySource: CapabilitySource;
  /** The catalogue saw it send its reasoning (chain of thought). */
  reasoning: boolean;
  /** Listed in the shipped catalogue. */
  inCatalog: boolean;
}

const catalogById = new Map(MODEL_CATALOG.map((e) => [e.id, e]));

/** The API a conversation prefers among those a model takes (Responses chains on the server). */
export function conversationApi(apis: readonly ApiKind[]): ApiKind {
  return (['responses', 'chat', 'messages'] as const).find((a) => apis.includes(a)) ?? 'chat';
}

/** Builds the descriptor of a live model id from what the router says about it. */
export function describeModel(id: string, route: ModelRouteView, unavailable?: string): ModelDescriptor {
  const entry = catalogById.get(id);
  const known = route.source !== 'default';
  return {
    id,
    name: displayName(id),
    vendor: vendorOf(id),
    kind: entry?.kind ?? 'unknown',
    responses: known ? route.apis.includes('responses') : undefined,
    api: conversationApi(route.apis),
    apis: route.apis,
    prefix: route.prefix,
    routeSource: route.source,
    capabilitySource: route.source === 'learned' ? 'learned' : known ? 'catalog' : 'none',
    reasoning: entry?.reasoning === true,
    inCatalog: entry !== undefined,
    ...(entry?.regions ? { regions: entry.regions } : {}),
    ...(unavailable ? { unavailable } : {}),
  };
}

/** "Responses only", "Responses + Chat", "Chat only", "Messages", or "unknown API" before anything is known. */
export function modelApiLabel(m: Pick<ModelDescriptor, 'apis' | 'routeSource'>): string {
  return m.routeSource === 'default' ? 'unknown API' : apiLabel(m.apis);
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
