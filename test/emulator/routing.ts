// PROTOCOL-2026-12 §9 steps 1–3: which model a request names, and whether it may be served on the route it came to.
// Every row of the §1.5 error catalogue that depends on the model is decided here, with Mantle's exact texts.
import type { RequestContext } from './context';
import { HttpError, badRequest, modelNotFound } from './http';
import { RETENTION_MODES, type EmulatorApi, type EmulatorModel, type EmulatorPrefix } from './models';

/** A/B: the model lives on the other route family. */
export function routeMismatch(model: string): HttpError {
  return new HttpError(400, { code: 'validation_error', type: 'invalid_request_error', message: `model \`${model}\` isn't supported on this route`, param: null });
}

/** C/D/E: the model is not served by the API at this path (the path is echoed as requested). */
export function apiMismatch(model: string, path: string): HttpError {
  return new HttpError(400, { code: 'validation_error', type: 'invalid_request_error', message: `The model '${model}' does not support the '${path}' API`, param: null });
}

/** C′: what some accounts answer instead of A/C. */
export function bermNotEnabled(): HttpError {
  return new HttpError(401, { code: 'access_denied', type: 'permission_denied_error', message: 'Berm is not enabled for this account', param: null });
}

/** J: status and code are UNCERTAIN; the text is the models list's status_reason (see README). */
export function modelUnavailable(reason: string): HttpError {
  return new HttpError(403, { code: 'model_unavailable', type: 'permission_denied_error', message: reason, param: null });
}

/** bedrock-runtime's one answer for an unknown model, or one that does not serve this API (§2, live). */
export function runtimeModelNotFound(): HttpError {
  return new HttpError(404, { code: 'model_not_found', type: 'not_found_error', message: "The model doesn't exist or doesn't support this API. Retry your request with a different model ID." });
}

/** H: the Claude model is not granted to the account. The source is truncated after the first sentence. */
export function claudeNotEnabled(model: string): HttpError {
  return new HttpError(403, { code: 'permission_error', type: 'permission_error', message: `${model} is not available for this account.` });
}

/** Where a path belongs: the longest matching family prefix, or undefined (an unknown path). */
export function prefixOf(pathname: string): EmulatorPrefix | undefined {
  if (pathname === '/openai/v1' || pathname.startsWith('/openai/v1/')) return '/openai/v1';
  if (pathname === '/anthropic/v1' || pathname.startsWith('/anthropic/v1/')) return '/anthropic/v1';
  if (pathname === '/v1' || pathname.startsWith('/v1/')) return '/v1';
  return undefined;
}

/** The status_reason of a model under the emulator's retention mode, or undefined when it is available. */
export function unavailableReason(model: EmulatorModel, mode: (typeof RETENTION_MODES)[number]): string | undefined {
  if (!model.requiresRetention) return undefined;
  if (RETENTION_MODES.indexOf(mode) >= RETENTION_MODES.indexOf(model.requiresRetention)) return undefined;
  return `This model is not available under data retention mode '${mode}'.`;
}

/**
 * The model for an inference request on `api`, after the decision table: F unknown id, J unavailable, then route family
 * (A/B/C/C′/D for Claude on OpenAI paths/E), then API (D). On Mantle a Responses request may leave out `model` when it
 * chains: the model is inherited from the previous response.
 */
export function resolveModel(ctx: RequestContext, api: EmulatorApi): EmulatorModel {
  const runtime = ctx.state.endpoint === 'runtime';
  let id = ctx.body.model;
  // On bedrock-runtime `model` is required even when chaining (§1.2).
  if ((id === undefined || id === null) && api === 'responses' && !runtime && typeof ctx.body.previous_response_id === 'string') {
    id = ctx.state.store.get(ctx.body.previous_response_id)?.response.model;
  }
  if (typeof id !== 'string' || !id) throw badRequest("Missing required parameter: 'model'.", 'model');
  const model = ctx.state.models.get(id);
  if (!model) throw runtime ? runtimeModelNotFound() : modelNotFound(id);
  const reason = unavailableReason(model, ctx.state.retentionMode);
  if (reason) throw modelUnavailable(reason);

  const prefix = ctx.prefix;
  if (runtime && (model.path !== prefix || !model.apis.includes(api))) throw runtimeModelNotFound();
  const path = ctx.url.pathname.replace(/\/+$/, '');
  if (prefix === '/anthropic/v1' && model.path !== '/anthropic/v1') throw apiMismatch(id, path); // E
  if (model.path === '/anthropic/v1' && prefix !== '/anthropic/v1') throw apiMismatch(id, path); // D (Claude)
  if (model.path === '/openai/v1' && prefix === '/v1') {
    if (ctx.state.bermOnV1) throw bermNotEnabled(); // C′
    throw api === 'responses' ? apiMismatch(id, path) : routeMismatch(id); // C, A
  }
  if (model.path === '/v1' && prefix === '/openai/v1') throw routeMismatch(id); // B
  if (!model.apis.includes(api)) throw apiMismatch(id, path); // D
  if (api === 'messages' && ctx.state.claudeNotEnabled.has(id)) throw claudeNotEnabled(id); // H
  return model;
}
