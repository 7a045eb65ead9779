// GET /v1/models and GET /v1/models/{id}: the catalogue as OpenAI model objects.
import type { CatalogEntry } from '../../../src/common/models/catalog';
import type { RequestContext } from '../context';
import { modelNotFound, sendJson } from '../http';

// Mantle's `created`/`owned_by` values are not documented; a fixed date keeps responses deterministic.
const CREATED = Math.floor(Date.UTC(2026, 2, 27) / 1000);

function modelObject(m: CatalogEntry): Record<string, unknown> {
  return { id: m.id, object: 'model', created: CREATED, owned_by: m.vendor.toLowerCase() };
}

export function listModels(ctx: RequestContext): void {
  sendJson(ctx.res, 200, { object: 'list', data: [...ctx.state.models.values()].map(modelObject) });
}

export function getModel(ctx: RequestContext, id: string): void {
  const m = ctx.state.models.get(id);
  if (!m) throw modelNotFound(id);
  sendJson(ctx.res, 200, modelObject(m));
}
