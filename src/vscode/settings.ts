// Every bedrockMantle.* setting is read here and nowhere else, typed and validated. Setting ids are declared once.
import * as vscode from 'vscode';
import { checkEndpointUrl, isMantleRegion, regionalBaseUrl, signingRegionFor, userEndpointFrom } from '../common/mantle/regions';
import { MantleError } from '../common/mantle/errors';
import type { ReasoningEffort } from '../common/mantle/types';
import type { Log } from './log';

export const SECTION = 'bedrockMantle';

export type AuthSetting = 'apiKey' | 'awsProfile';

export interface Endpoint {
  baseURL: string;
  region: string;
  custom: boolean;
}

const EFFORTS: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

export class Settings implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.ConfigurationChangeEvent>();
  /** Fires when any bedrockMantle.* setting changes; use `e.affectsConfiguration(key(...))` to narrow. */
  readonly onDidChange = this.emitter.event;
  private readonly listener: vscode.Disposable;
  private warnedWorkspaceEndpoint?: string;

  constructor(private readonly log: Log) {
    this.listener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) this.emitter.fire(e);
    });
  }

  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(SECTION);
  }

  private num(name: string, fallback: number, min: number, max: number): number {
    const v = this.config.get<number>(name);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : fallback;
  }

  private str(name: string, fallback: string): string {
    const v = this.config.get<string>(name);
    return typeof v === 'string' && v.trim() ? v.trim() : fallback;
  }

  get region(): string { return this.str('region', 'us-east-1'); }
  get auth(): AuthSetting { return this.config.get<string>('auth') === 'awsProfile' ? 'awsProfile' : 'apiKey'; }
  get awsProfile(): string { return this.str('awsProfile', 'default'); }
  get maxRetries(): number { return this.num('request.maxRetries', 2, 0, 6); }
  get stallTimeoutSeconds(): number { return this.num('request.stallTimeoutSeconds', 60, 5, 600); }
  get chatDefaultModel(): string { return this.str('chat.defaultModel', 'openai.gpt-oss-120b'); }
  get coderDefaultModel(): string { return this.str('coder.defaultModel', 'qwen.qwen3-coder-480b-a35b-instruct'); }
  get chatStore(): boolean { return this.config.get<boolean>('chat.store') !== false; }
  get chatShowReasoning(): boolean { return this.config.get<boolean>('chat.showReasoning') !== false; }
  get chatReasoningEffort(): ReasoningEffort {
    const v = this.config.get<string>('chat.reasoningEffort');
    return EFFORTS.find((e) => e === v) ?? 'medium';
  }
  get editorMaxSelectionChars(): number { return this.num('editor.maxSelectionChars', 40000, 1000, Number.MAX_SAFE_INTEGER); }
  get editorContextLines(): number { return this.num('editor.contextLines', 30, 0, 500); }

  /**
   * The endpoint override, from user (machine) settings only. The manifest already declares it machine-scoped; this
   * also ignores workspace and folder values in case an older VS Code or a hand-edited file supplies one, because a
   * cloned repository must never redirect requests (and credentials) to another host.
   */
  get endpointOverride(): string | undefined {
    const { value, ignoredWorkspaceValue } = userEndpointFrom(this.config.inspect<string>('endpoint'));
    if (ignoredWorkspaceValue && this.warnedWorkspaceEndpoint !== ignoredWorkspaceValue) {
      this.warnedWorkspaceEndpoint = ignoredWorkspaceValue;
      this.log.warn(`Ignored bedrockMantle.endpoint from workspace settings ("${ignoredWorkspaceValue}"): the endpoint is read only from user settings.`);
    }
    return value;
  }

  /** The base URL and Region requests go to; throws a MantleError 'config' naming the bad setting. */
  endpoint(): Endpoint {
    const region = this.region;
    const override = this.endpointOverride;
    if (override) {
      const check = checkEndpointUrl(override);
      if (!check.ok) throw new MantleError({ kind: 'config', message: `bedrockMantle.endpoint: ${check.problem}`, actions: ['openSettings', 'showLogs'] });
      // A VPC endpoint's host names its Region, which the SigV4 scope must match; otherwise the Region setting.
      return { baseURL: check.url, region: signingRegionFor(check.url, isMantleRegion(region) ? region : 'us-east-1'), custom: true };
    }
    if (!isMantleRegion(region)) {
      throw new MantleError({
        kind: 'config',
        message: `bedrockMantle.region "${region}" is not a Region where Bedrock Mantle is offered. Choose one with "Select Region…".`,
        actions: ['selectRegion', 'openSettings'],
      });
    }
    return { baseURL: regionalBaseUrl(region), region, custom: false };
  }

  update(name: string, value: unknown): Thenable<void> {
    return this.config.update(name, value, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.listener.dispose();
    this.emitter.dispose();
  }
}
