// Which settings a workspace may not choose, and what a valid value of the settings that feed requests and messages
// looks like. A cloned repository's .vscode/settings.json must not decide who the requests are signed as (auth mode,
// AWS profile, and so the profile's credential_process), where they go (endpoint, Region) or whether the server keeps
// them (chat.store), which Project pays (project) or what a turn is said to cost (pricing.overrides). Pure so the
// settings module and the unit tests share one definition; package.json declares the same keys machine-scoped and
// restricted in untrusted workspaces.
import { quoteInert } from './inertText';
import { isMantleRegion } from './mantle/regions';
import type { SettingKey } from './settingKeys';

/** Keys under bedrockMantle.* read only from the person's own (user) settings. */
export const USER_ONLY_SETTINGS = ['endpoint', 'endpointType', 'region', 'auth', 'awsProfile', 'chat.store', 'pricing.overrides', 'project'] as const satisfies readonly SettingKey[];
export type UserOnlySetting = (typeof USER_ONLY_SETTINGS)[number];

/** The parts of WorkspaceConfiguration.inspect() that matter here (kept free of 'vscode'). */
export interface SettingInspection<T> {
  defaultValue?: T;
  globalValue?: T;
  workspaceValue?: T;
  workspaceFolderValue?: T;
}

export interface UserOnlyValue<T> {
  /** The user's value, else the default; undefined when neither is set. */
  value?: T;
  /** A workspace or folder value that was ignored, for a one-time notice. */
  ignoredWorkspaceValue?: T;
}

function present<T>(v: T | undefined, isValue: (v: unknown) => v is T): v is T {
  return v !== undefined && isValue(v) && (typeof v !== 'string' || v.trim() !== '');
}

/**
 * The value from user settings only (or the default). VS Code already drops workspace values of a machine-scoped
 * setting, but an older VS Code or a hand-edited file may still supply one, so this never trusts get().
 */
export function userOnlyValue<T>(i: SettingInspection<T> | undefined, isValue: (v: unknown) => v is T): UserOnlyValue<T> {
  const ignored = [i?.workspaceFolderValue, i?.workspaceValue].find((v) => present(v, isValue));
  const chosen = [i?.globalValue, i?.defaultValue].find((v) => present(v, isValue));
  const trim = (v: T | undefined): T | undefined => (typeof v === 'string' ? (v.trim() as T) : v);
  return { value: trim(chosen), ignoredWorkspaceValue: trim(ignored) };
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ValueCheck = { ok: true } | { ok: false; problem: string };

// The AWS CLI accepts almost anything between the brackets; these are the characters real profile names use
// (`prod-admin`, `team.dev`, `sso@org`), and nothing that can form link, icon, shell or INI syntax.
// package.json gives the same patterns to the Settings editor (a unit test keeps them equal).
export const PROFILE_NAME_PATTERN = '^[A-Za-z0-9_.@+=,-]{1,128}$';
// Mantle model ids: `openai.gpt-oss-120b`, `qwen.qwen3-coder-480b-a35b-instruct`, `vendor.model:0`, `org/model`.
export const MODEL_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:/@+-]{0,199}$';
const PROFILE_NAME = new RegExp(PROFILE_NAME_PATTERN);
const MODEL_ID = new RegExp(MODEL_ID_PATTERN);

export function checkProfileName(name: string): ValueCheck {
  return PROFILE_NAME.test(name)
    ? { ok: true }
    : { ok: false, problem: `bedrockMantle.awsProfile ${quoteInert(name)} is not an AWS profile name (letters, digits and . _ - @ + = , only, at most 128). Choose one with "Use AWS Profile…".` };
}

export function checkModelId(setting: string, id: string): ValueCheck {
  return MODEL_ID.test(id)
    ? { ok: true }
    : { ok: false, problem: `${setting} ${quoteInert(id)} is not a model id (such as openai.gpt-oss-120b). Choose one from the Models view.` };
}

export function checkRegion(region: string): ValueCheck {
  return isMantleRegion(region)
    ? { ok: true }
    : { ok: false, problem: `bedrockMantle.region ${quoteInert(region)} is not a Region where Bedrock Mantle is offered. Choose one with "Select Region…".` };
}

/** The one-time notice for a workspace value that was ignored. */
export function ignoredWorkspaceNotice(key: UserOnlySetting, value: unknown): string {
  return `This workspace's settings choose bedrockMantle.${key} = ${quoteInert(value)}; it is ignored. Identity, Region, endpoint and server-side storage come only from your user settings.`;
}
