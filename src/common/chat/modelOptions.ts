// The chat's model picker entries. The live list (models tree service) is preferred; until it answers, the shipped
// catalogue is the hint for which API each model takes. Audio models are left out: the chat sends text only.
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

export function catalogModelOptions(): ModelOption[] {
  return CATALOG.filter((m) => m.kind !== 'audio').map((m) => ({ id: m.id, api: conversationApi(m.apis), ...(m.reasoning ? { reasoning: true, efforts: [...effortsFor(m.id)] } : {}) }));
}

const API_ORDER: readonly ApiKind[] = ['responses', 'chat', 'messages'];

/** Models as the picker shows them: Responses-capable first (they chain server-side), then Chat, then Claude, by id. */
export function sortModelOptions(options: ModelOption[]): ModelOption[] {
  return [...options].sort((a, b) => API_ORDER.indexOf(a.api) - API_ORDER.indexOf(b.api) || a.id.localeCompare(b.id));
}
