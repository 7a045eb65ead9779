// The chat's model picker entries. The live list (models tree service) is preferred; until it answers, the shipped
// catalogue is the hint for which API each model takes. Audio models are left out: the chat sends text only.
import type { ApiKind } from '../mantle/types';
import { CATALOG } from '../models/catalog';
import { effortsFor } from '../models/reasoningEfforts';
import type { ModelOption } from '../protocol';

export function catalogApiFor(modelId: string): ApiKind {
  return CATALOG.find((m) => m.id === modelId)?.responses ? 'responses' : 'chat';
}

export function catalogModelOptions(): ModelOption[] {
  return CATALOG.filter((m) => m.kind !== 'audio').map((m) => ({ id: m.id, api: m.responses ? 'responses' : 'chat', ...(m.reasoning ? { reasoning: true, efforts: [...effortsFor(m.id)] } : {}) }));
}

/** Models as the picker shows them: Responses-capable first (they chain server-side), then by id. */
export function sortModelOptions(options: ModelOption[]): ModelOption[] {
  return [...options].sort((a, b) => (a.api === b.api ? a.id.localeCompare(b.id) : a.api === 'responses' ? -1 : 1));
}
