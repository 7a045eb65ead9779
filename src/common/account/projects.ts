// Mantle Projects (OpenAI-style `/v1/organization/projects`): which one requests are attributed to and billed under.
// The OpenAI surfaces take it in the `OpenAI-Project` header, Anthropic Messages in `anthropic-workspace` (the same
// resource). A Project comes from the person: the machine-scoped bedrockMantle.project setting, or a pick made with
// "Select Project…" for one workspace (kept in that workspace's state, which no settings file can write).
import { quoteInert } from '../inertText';
import type { ValueCheck } from '../settingsPolicy';

export const OPENAI_PROJECT_HEADER = 'openai-project';
export const ANTHROPIC_WORKSPACE_HEADER = 'anthropic-workspace';

// AWS's ids are `proj_` + lowercase alphanumerics; the account's own default Project is `default`.
const PROJECT_ID = /^(?:default|proj_[A-Za-z0-9]{1,64})$/;

export function checkProjectId(id: string): ValueCheck {
  return PROJECT_ID.test(id)
    ? { ok: true }
    : { ok: false, problem: `bedrockMantle.project ${quoteInert(id)} is not a Mantle Project id (default or proj_…). Choose one with "Select Project…".` };
}

export interface ProjectSummary {
  id: string;
  name: string;
  status: string;
}

/**
 * The `data` of a GET /v1/organization/projects answer, keeping only well-formed entries. Names are the server's
 * text: shown as plain text, never as a link or command.
 */
export function parseProjectList(body: unknown): ProjectSummary[] {
  const data = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) return [];
  const out: ProjectSummary[] = [];
  for (const p of data as Record<string, unknown>[]) {
    if (!p || typeof p.id !== 'string' || !PROJECT_ID.test(p.id)) continue;
    out.push({ id: p.id, name: typeof p.name === 'string' ? p.name.slice(0, 200) : p.id, status: typeof p.status === 'string' ? p.status.slice(0, 40) : 'active' });
  }
  return out;
}

/** The Project in force: this workspace's pick, else the person's setting; undefined = no header (the account default). */
export function effectiveProject(workspacePick: string | undefined, userSetting: string | undefined): string | undefined {
  const pick = workspacePick && checkProjectId(workspacePick).ok ? workspacePick : undefined;
  return pick ?? userSetting;
}

/** How the status bar names it. */
export function describeProject(project: string | undefined): string {
  return project ? `Project ${project}` : 'Project: the account default';
}
