// The chat's model picker entries. The live list (models tree service) is preferred; until it answers, the shipped
// catalogue is the hint for which API each model takes. Audio models are left out: the chat sends text only.
import { catalogueVision } from '../attachments/vision';
import type { ApiKind } from '../mantle/types';
import { CATALOG, MODEL_CATALOG } from '../models/catalog';
import { conversationApi } from '../models/modelInfo';
import { effortsFor } from '../models/reasoningEfforts';
import type { ModelOption } from '../protocol';

export function catalogApiFor(modelId: string): ApiKind {
  const entry = MODEL_CATALOG.find((m) => m.id === modelId);
  return entry ? conversationApi(entry.apis) : 'chat';
}

/** Whether the shipped catalogue says the model reasons (any route family), until the live list answers. */
export function catalogReasoning(modelId: string): boolean {
  return MODEL_CATALOG.find((m) => m.id === modelId)?.reasoning === true;
}

/** A picker entry: reasoning models with the efforts they take, vision models marked (the catalogue's hints). */
export function modelOption(id: string, api: ApiKind, reasoning: boolean | undefined): ModelOption {
  return { id, api, ...(reasoning ? { reasoning: true, efforts: [...effortsFor(id)] } : {}), ...(catalogueVision(id) ? { vision: true } : {}) };
}

export function catalogModelOptions(): ModelOption[] {
  return CATALOG.filter((m) => m.kind !== 'audio').map((m) => modelOption(m.id, conversationApi(m.apis), m.reasoning));
}

const API_ORDER: readonly ApiKind[] = ['responses', 'chat', 'messages'];

/** Models as the picker shows them: Responses-capable first (they chain server-side), then Chat, then Claude, by id. */
export function sortModelOptions(options: ModelOption[]): ModelOption[] {
  return [...options].sort((a, b) => API_ORDER.indexOf(a.api) - API_ORDER.indexOf(b.api) || a.id.localeCompare(b.id));
}
