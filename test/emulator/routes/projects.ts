// Projects (§5): GET /v1/organization/projects[/{id}], the OpenAI-Project / anthropic-workspace header every request
// may carry (recorded in the request log; an unknown or archived Project is refused), and the effective data-retention
// mode (the Project's own unless `inherit`, else the account's). Under mode `none`, `store: true` and background
// responses are refused before anything is generated. Statuses and texts the docs do not give are the emulator's
// choices, listed in README.md.
import { badRequest, HttpError, sendJson } from '../http';
import type { RequestContext } from '../context';
import type { RetentionMode } from '../models';
import { workspaceOf } from '../anthropic/request';

export interface EmulatorProject {
  id: string;
  name: string;
  status: 'active' | 'archived';
  /** The Project's own retention mode; `inherit` (default) = the account's. */
  dataRetention?: RetentionMode | 'inherit';
}

export const DEFAULT_PROJECT: EmulatorProject = { id: 'default', name: 'default', status: 'active' };
const ACCOUNT = '123456789012';

function projectObject(p: EmulatorProject, region: string): Record<string, unknown> {
  return {
    arn: `arn:aws:bedrock-mantle:${region}:${ACCOUNT}:project/${p.id}`, created_at: 1772135628, id: p.id, name: p.name,
    object: 'organization.project', status: p.status, tags: {},
  };
}

export function listProjects(ctx: RequestContext): void {
  const data = [...ctx.state.projects.values()].map((p) => projectObject(p, ctx.state.region));
  sendJson(ctx.res, 200, { data, first_id: data[0]?.id ?? null, has_more: false, last_id: data[data.length - 1]?.id ?? null, object: 'list' });
}

export function getProject(ctx: RequestContext, id: string): void {
  const p = ctx.state.projects.get(id);
  if (!p) throw projectNotFound(id);
  sendJson(ctx.res, 200, projectObject(p, ctx.state.region));
}

function projectNotFound(id: string): HttpError {
  return new HttpError(404, { code: 'not_found_error', type: 'invalid_request_error', message: `Project '${id}' not found.`, param: null });
}

/**
 * The Project a request names (header `openai-project`, or `anthropic-workspace` on Messages), recorded in the log.
 * Mantle only: the runtime endpoint has its own rule in server.ts.
 */
export function resolveProject(ctx: RequestContext): EmulatorProject {
  // A malformed workspace header keeps the Messages route's own 400 (anthropic/request.ts).
  if (ctx.prefix === '/anthropic/v1') workspaceOf(ctx.req);
  const raw = ctx.req.headers[ctx.prefix === '/anthropic/v1' ? 'anthropic-workspace' : 'openai-project'];
  if (typeof raw !== 'string') return ctx.state.projects.get('default') ?? DEFAULT_PROJECT;
  ctx.entry.project = raw;
  const id = raw.replace(/^arn:aws:bedrock-mantle:[^:]*:\d{12}:project\//, '');
  const p = ctx.state.projects.get(id);
  if (!p) throw badRequest(`Project '${raw}' does not exist or you do not have access to it.`, null, 'invalid_project');
  if (p.status === 'archived') throw badRequest(`Project '${raw}' is archived and cannot be used for new requests.`, null, 'invalid_project');
  return p;
}

export function effectiveRetention(project: EmulatorProject, account: RetentionMode): RetentionMode {
  return project.dataRetention && project.dataRetention !== 'inherit' ? project.dataRetention : account;
}

/** §5: under `none`, store defaults to false and `store: true` or `background: true` is refused. Returns `store`. */
export function retentionStore(ctx: RequestContext, mode: RetentionMode): boolean {
  if (mode !== 'none') return ctx.body.store !== false;
  if (ctx.body.store === true) throw badRequest("store=true is not allowed under data retention mode 'none'.", 'store', 'data_retention_violation');
  if (ctx.body.background === true) throw badRequest("Background mode is not available under data retention mode 'none'.", 'background', 'data_retention_violation');
  return false;
}
