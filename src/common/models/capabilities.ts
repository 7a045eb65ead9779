// What a model can do: the shipped catalogue is a hint measured once in one Region; answers learned from live traffic
// (a 400 "does not support the '/v1/responses' API", or a Responses call that worked) are the truth and win. Learned
// answers are remembered per Region+endpoint, because the same id may be served differently elsewhere.

import type { ApiKind, CapabilityAnswer } from '../mantle/types';
import { CATALOG, type CatalogEntry } from './catalog';

/** Where a model's capability knowledge came from, shown in the tree's tooltip. */
export type CapabilitySource = 'learned' | 'catalog' | 'none';

export interface Capability {
  /** Accepts POST /v1/responses; undefined when nothing is known (a model the catalogue does not list, not yet used). */
  responses: boolean | undefined;
  source: CapabilitySource;
}

/** The subset of vscode.Memento the stores need, so they run (and are tested) in plain Node. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const catalogById = new Map(CATALOG.map((e) => [e.id, e]));

export function catalogEntry(modelId: string): CatalogEntry | undefined {
  return catalogById.get(modelId);
}

/** Merges a learned answer with the catalogue hint: learned wins, then the hint, else unknown. */
export function resolveCapability(modelId: string, learned: boolean | undefined): Capability {
  if (learned !== undefined) return { responses: learned, source: 'learned' };
  const hint = catalogById.get(modelId);
  if (hint) return { responses: hint.responses, source: 'catalog' };
  return { responses: undefined, source: 'none' };
}

/** Which API to call: Responses only when known (or hinted) to work; Chat Completions works for every model. */
export function apiForCapability(c: Capability): ApiKind {
  return c.responses === true ? 'responses' : 'chat';
}

type LearnedByScope = Record<string, Record<string, boolean>>;

/**
 * Learned capability answers, persisted under one key as { [scope]: { [modelId]: responses } }. The scope is the
 * Region+endpoint the answer came from.
 */
export class CapabilityStore {
  static readonly KEY = 'bedrockMantle.models.learnedCapabilities';

  constructor(private readonly storage: KeyValueStore) {}

  private read(): LearnedByScope {
    const raw = this.storage.get<unknown>(CapabilityStore.KEY);
    // Stored state outlives versions of the extension: accept only the shape this version writes.
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
    const out: LearnedByScope = {};
    for (const [scope, models] of Object.entries(raw as Record<string, unknown>)) {
      if (!models || typeof models !== 'object' || Array.isArray(models)) continue;
      const clean: Record<string, boolean> = {};
      for (const [id, v] of Object.entries(models as Record<string, unknown>)) if (typeof v === 'boolean') clean[id] = v;
      out[scope] = clean;
    }
    return out;
  }

  learned(scope: string, modelId: string): boolean | undefined {
    return this.read()[scope]?.[modelId];
  }

  /** All learned answers of one scope. */
  forScope(scope: string): Readonly<Record<string, boolean>> {
    return this.read()[scope] ?? {};
  }

  /** Records an answer; resolves to false when it only repeats what was already known (nothing to redraw). */
  async record(scope: string, answer: CapabilityAnswer): Promise<boolean> {
    const all = this.read();
    if (all[scope]?.[answer.model] === answer.responses) return false;
    all[scope] = { ...all[scope], [answer.model]: answer.responses };
    await this.storage.update(CapabilityStore.KEY, all);
    return true;
  }

  capability(scope: string, modelId: string): Capability {
    return resolveCapability(modelId, this.learned(scope, modelId));
  }
}
