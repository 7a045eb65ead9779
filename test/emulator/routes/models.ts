// GET /v1/models and GET /v1/models/{id} (and /openai/v1/models when switched on): the emulator's model table as
// OpenAI model objects with Mantle's `status` (§1.4). A model blocked by the retention mode is listed as
// `status:"unavailable"` with its `status_reason`.
import type { RequestContext } from '../context';
import { modelNotFound, sendJson } from '../http';
import type { EmulatorModel } from '../models';
import { unavailableReason } from '../routing';

// Mantle's `created` values are not documented; a fixed date keeps responses deterministic. `owned_by` is "system" in
// AWS's example (data-retention.html).
const CREATED = Math.floor(Date.UTC(2026, 2, 27) / 1000);

function modelObject(ctx: RequestContext, m: EmulatorModel): Record<string, unknown> {
  const reason = unavailableReason(m, ctx.state.retentionMode);
  return { id: m.id, object: 'model', created: CREATED, owned_by: 'system', status: reason ? 'unavailable' : 'available', ...(reason ? { status_reason: reason } : {}) };
}

export function listModels(ctx: RequestContext): void {
  sendJson(ctx.res, 200, { object: 'list', data: [...ctx.state.models.values()].map((m) => modelObject(ctx, m)) });
}

export function getModel(ctx: RequestContext, id: string): void {
  const m = ctx.state.models.get(id);
  if (!m) throw modelNotFound(id);
  const mode = ctx.state.retentionMode;
  sendJson(ctx.res, 200, { ...modelObject(ctx, m), data_retention: { mode, source: 'account', allowed_modes: m.requiresRetention ? ['aws_review', 'provider_data_share'] : ['none', 'default', 'aws_review', 'provider_data_share'] } });
}
