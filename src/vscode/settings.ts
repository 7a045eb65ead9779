// Every bedrockMantle.* setting is read here and nowhere else, typed and validated. The ids are declared once, in
// common/settingKeys.ts; a name not declared there does not compile.
import vscode = require('vscode');
import { inert } from '../common/inertText';
import { checkEndpointUrl, isMantleRegion, regionalBaseUrl, runtimeBaseUrl, signingRegionFor, type EndpointType } from '../common/mantle/regions';
import { MantleError } from '../common/mantle/errors';
import {
  checkModelId, checkProfileName, checkRegion, ignoredWorkspaceNotice, isBoolean, isObject, isString, userOnlyValue, type SettingInspection,
  type UserOnlySetting,
} from '../common/settingsPolicy';
import type { ReasoningEffort } from '../common/mantle/types';
import { DEFAULT_EXCLUDE } from '../common/autocomplete/eligibility';
import type { CompletionMode } from '../common/autocomplete/prompt';
import { ALL_EFFORTS } from '../common/models/reasoningEfforts';
import { CONNECTION_SETTING_KEYS, SETTING_SECTION, settingId, type SettingGroup, type SettingKey } from '../common/settingKeys';
import type { Log } from './log';
import { parsePriceOverrides, type PriceOverrides } from '../common/account/pricing';
import { checkProjectId } from '../common/account/projects';

export const SECTION = SETTING_SECTION;

export type AuthSetting = 'apiKey' | 'awsProfile';

export interface Endpoint {
  baseURL: string;
  region: string;
  custom: boolean;
  type: EndpointType;
}

const EFFORTS: readonly ReasoningEffort[] = ALL_EFFORTS;

export interface AutocompleteSettings {
  enabled: boolean;
  model: string;
  mode: CompletionMode;
  debounceMs: number;
  maxRequestsPerMinute: number;
  /** Language id → on/off; "*" for the rest. */
  languages: Record<string, boolean>;
  exclude: string[];
}

export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  /** Fires when any bedrockMantle.* setting changes; use `e.affectsConfiguration(key(...))` to narrow. */
  readonly onDidChange = this.emitter.event;
  private readonly listeners: vscode.Disposable[];
  /** `key=value` of every notice already given, so each ignored or invalid value is reported once per session. */
  private readonly noticed = new Set<string>();
  /**
   * The section and each user-only setting's inspect() as last read, kept until the editor says the configuration
   * (or what it depends on: the folders, trust) changed. A chat send reads settings a few dozen times, and in the
   * editor each getConfiguration() deep-copies the section and each inspect() walks every language override of the
   * defaults: in code-server that was the largest part of what the first send did more than a warm one.
   */
  private section?: vscode.WorkspaceConfiguration;
  private readonly inspected = new Map<UserOnlySetting, unknown>();

  constructor(private readonly log: Log) {
    const reread = () => { this.section = undefined; this.inspected.clear(); };
    this.listeners = [
      // Registered before any reader's listener (Settings is built first), so every listener reads the new values.
      vscode.workspace.onDidChangeConfiguration((e) => {
        reread();
        if (e.affectsConfiguration(SECTION)) this.emitter.fire(e);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(reread),
      vscode.workspace.onDidGrantWorkspaceTrust(reread),
    ];
  }

  private get config(): vscode.WorkspaceConfiguration {
    return (this.section ??= vscode.workspace.getConfiguration(SECTION));
  }

  private get<T>(name: SettingKey): T | undefined {
    return this.config.get<T>(name);
  }

  private num(name: SettingKey, fallback: number, min: number, max: number): number {
    const v = this.get<number>(name);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
  }

  private str(name: SettingKey, fallback: string): string {
    const v = this.get<string>(name);
    return typeof v === 'string' && v.trim() ? v.trim() : fallback;
  }

  /**
   * A setting that chooses identity, Region, endpoint or data retention, from user settings only (see
   * common/settingsPolicy.ts). A workspace value is ignored and reported once, in the log and in a notification.
   */
  private userOnly<T>(name: UserOnlySetting, isValue: (v: unknown) => v is T): T | undefined {
    if (!this.inspected.has(name)) this.inspected.set(name, this.config.inspect<T>(name));
    const { value, ignoredWorkspaceValue } = userOnlyValue(this.inspected.get(name) as SettingInspection<T> | undefined, isValue);
    if (ignoredWorkspaceValue !== undefined) this.noticeOnce(`${name}=${String(ignoredWorkspaceValue)}`, ignoredWorkspaceNotice(name, ignoredWorkspaceValue));
    return value;
  }

  private noticeOnce(id: string, message: string): void {
    if (this.noticed.has(id)) return;
    this.noticed.add(id);
    this.log.warn(message);
    void vscode.window.showWarningMessage(inert(message));
  }

  /** A model id from settings, or the built-in default (with a notice) when the value is not a model id. */
  private modelId(name: SettingKey, fallback: string): string {
    const id = this.str(name, fallback);
    const check = checkModelId(settingId(name), id);
    if (check.ok) return id;
    this.noticeOnce(`${name}=${id}`, `${check.problem} Using ${fallback} instead.`);
    return fallback;
  }

  get region(): string { return this.userOnly('region', isString) ?? 'us-east-1'; }
  get auth(): AuthSetting { return this.userOnly('auth', isString) === 'awsProfile' ? 'awsProfile' : 'apiKey'; }
  /** The AWS profile name; throws a MantleError 'config' when it is not one (it is shown and passed to the AWS SDK). */
  get awsProfile(): string {
    const name = this.userOnly('awsProfile', isString) ?? 'default';
    const check = checkProfileName(name);
    if (!check.ok) throw new MantleError({ kind: 'config', message: check.problem, actions: ['useAwsProfile', 'openSettings'] });
    return name;
  }
  get maxRetries(): number { return this.num('request.maxRetries', 2, 0, 6); }
  get stallTimeoutSeconds(): number { return this.num('request.stallTimeoutSeconds', 60, 5, 600); }
  get chatDefaultModel(): string { return this.modelId('chat.defaultModel', 'openai.gpt-oss-120b'); }
  get coderDefaultModel(): string { return this.modelId('coder.defaultModel', 'qwen.qwen3-coder-480b-a35b-instruct'); }
  get chatStore(): boolean { return this.userOnly('chat.store', isBoolean) !== false; }
  get chatToolsEnabled(): boolean { return this.get<boolean>('chat.tools.enabled') !== false; }
  get chatToolsMaxSteps(): number { return this.num('chat.tools.maxSteps', 8, 1, 50); }
  /** bedrockMantle.chat.attachments.* as set; common/attachments/budget.ts readLimits clamps them. */
  get chatAttachmentLimits(): Record<'maxFileTokens' | 'maxTotalTokens' | 'maxImageBytes', unknown> {
    return { maxFileTokens: this.get('chat.attachments.maxFileTokens'), maxTotalTokens: this.get('chat.attachments.maxTotalTokens'), maxImageBytes: this.get('chat.attachments.maxImageBytes') };
  }
  /** bedrockMantle.chat.instructionsFile; common/attachments/instructions.ts refuses a path outside the workspace. */
  get chatInstructionsFile(): string { const v = this.get<unknown>('chat.instructionsFile'); return typeof v === 'string' ? v : ''; }
  get chatShowReasoning(): boolean { return this.get<boolean>('chat.showReasoning') !== false; }
  get chatReasoningEffort(): ReasoningEffort {
    const v = this.get<string>('chat.reasoningEffort');
    return EFFORTS.find((e) => e === v) ?? 'medium';
  }
  get editorMaxSelectionChars(): number { return this.num('editor.maxSelectionChars', 40000, 1000, Number.MAX_SAFE_INTEGER); }
  get editorContextLines(): number { return this.num('editor.contextLines', 30, 0, 500); }

  /**
   * The endpoint override, from user (machine) settings only: a cloned repository must never redirect requests (and
   * credentials) to another host.
   */
  get endpointOverride(): string | undefined {
    return this.userOnly('endpoint', isString) || undefined;
  }

  /** Mantle (default) or bedrock-runtime's OpenAI endpoint, from user (machine) settings only. */
  get endpointType(): EndpointType {
    return this.userOnly('endpointType', isString) === 'bedrockRuntime' ? 'runtime' : 'mantle';
  }

  /** The base URL and Region requests go to; throws a MantleError 'config' naming the bad setting. */
  endpoint(): Endpoint {
    const region = this.region;
    const override = this.endpointOverride;
    if (override) {
      const check = checkEndpointUrl(override);
      if (!check.ok) throw new MantleError({ kind: 'config', message: `bedrockMantle.endpoint: ${check.problem}`, actions: ['openSettings', 'showLogs'] });
      // A VPC endpoint's host names its Region, which the SigV4 scope must match; otherwise the Region setting.
      return { baseURL: check.url, region: signingRegionFor(check.url, isMantleRegion(region) ? region : 'us-east-1'), custom: true, type: this.endpointType };
    }
    const check = checkRegion(region);
    if (!check.ok) throw new MantleError({ kind: 'config', message: check.problem, actions: ['selectRegion', 'openSettings'] });
    const type = this.endpointType;
    return { baseURL: type === 'runtime' ? runtimeBaseUrl(region) : regionalBaseUrl(region), region, custom: false, type };
  }

  /** bedrockMantle.pricing.overrides: negotiated prices, from user settings only; a malformed entry is reported once and skipped. */
  get pricingOverrides(): PriceOverrides {
    const { overrides, problems } = parsePriceOverrides(this.userOnly('pricing.overrides', isObject));
    for (const p of problems) this.noticeOnce(p, p);
    return overrides;
  }

  /** bedrockMantle.project: the Project requests are attributed to unless this workspace's pick says otherwise; undefined = the account's default. */
  get project(): string | undefined {
    const id = this.userOnly('project', isString);
    if (!id) return undefined;
    const check = checkProjectId(id);
    if (check.ok) return id;
    this.noticeOnce(`project=${id}`, `${check.problem} Using the account's default Project instead.`);
    return undefined;
  }

  /** bedrockMantle.autocomplete.*: inline completions, off unless the person turns them on. */
  get autocomplete(): AutocompleteSettings {
    const languages = this.get<unknown>('autocomplete.languages');
    const exclude = this.get<unknown>('autocomplete.exclude');
    return {
      // Machine-scoped: a cloned repository cannot start sending its files (and billing requests) on its own.
      enabled: this.get<boolean>('autocomplete.enabled') === true,
      model: this.modelId('autocomplete.model', 'qwen.qwen3-coder-30b-a3b-instruct'),
      mode: this.get<string>('autocomplete.mode') === 'singleLine' ? 'singleLine' : 'multiLine',
      debounceMs: this.num('autocomplete.debounceMs', 300, 0, 2000),
      maxRequestsPerMinute: this.num('autocomplete.maxRequestsPerMinute', 30, 1, 600),
      languages: languages && typeof languages === 'object' && !Array.isArray(languages)
        ? Object.fromEntries(Object.entries(languages).filter((e): e is [string, boolean] => typeof e[1] === 'boolean'))
        : {},
      exclude: Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string' && g.trim() !== '') : [...DEFAULT_EXCLUDE],
    };
  }

  /** Writes the user (global) setting, so the choice holds in every window and shows in the Settings editor. */
  update(name: SettingKey, value: unknown): Thenable<void> {
    return this.config.update(name, value, vscode.ConfigurationTarget.Global);
  }

  /** True when the change touches any of `keys`; a group ('chat') covers every key under it. */
  affects(e: vscode.ConfigurationChangeEvent, keys: readonly (SettingKey | SettingGroup)[]): boolean {
    return keys.some((k) => e.affectsConfiguration(settingId(k)));
  }

  /** True when the change means a new connection: credentials, Region, endpoint, retries or timeouts. */
  affectsConnection(e: vscode.ConfigurationChangeEvent): boolean {
    return this.affects(e, CONNECTION_SETTING_KEYS);
  }

  dispose(): void {
    for (const l of this.listeners) l.dispose();
    this.emitter.dispose();
  }
}
