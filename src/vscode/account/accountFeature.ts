// The account as the editor shows it: the cost meter since the window opened, what the API key says about itself
// (kind, Region, expiry: decoded locally, never logged), the warning before a short-term key expires, and the Project
// requests are attributed to (Select Project…, a pick per workspace). Nothing here runs at activation: the status
// bar asks for its lines when it refreshes, and the Project list is fetched only when the person opens the picker.
import vscode = require('vscode');
import { decodeApiKey, describeKey, EXPIRY_WARNING_MS, expiryWarning, keyProblem, type ApiKeyInfo } from '../../common/account/apiKeys';
import { formatTotal } from '../../common/account/pricing';
import { checkProjectId, describeProject, effectiveProject, type ProjectSummary } from '../../common/account/projects';
import { UsageMeter } from '../../common/account/usageMeter';
import { retentionMemory, type RetentionMemory } from '../../common/account/retention';
import { COMMAND } from '../../common/commandIds';
import { settingId } from '../../common/settingKeys';
import { formatCount } from '../../common/chat/usage';
import { inert } from '../../common/inertText';
import type { ConnectionAuth } from '../../node/connection';
import { registerGuarded } from '../commandBoundary';
import type { ErrorPresenter } from '../errorPresenter';
import type { Log } from '../log';
import type { Settings } from '../settings';

/** workspaceState key of this workspace's Project pick: written only by "Select Project…", never by a settings file. */
export const WORKSPACE_PROJECT_KEY = 'bedrockMantle.workspaceProject';

export interface AccountDeps {
  workspaceState: vscode.Memento;
  globalState: vscode.Memento;
  settings: Settings;
  /** The connection's side of the Project (AuthService): where the workspace's pick comes from, and a nudge when it changes. */
  auth: { workspaceProject: () => string | undefined; projectChanged(): void };
  listProjects: (signal?: AbortSignal) => Promise<ProjectSummary[]>;
  errors: ErrorPresenter;
  log: Log;
}

export class AccountFeature implements vscode.Disposable {
  readonly meter: UsageMeter;
  /** Region/endpoint + Project scopes whose retention mode refused stored responses (remembered across windows). */
  readonly retention: RetentionMemory;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when the window total or the Project changes (the status bar redraws). */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [];
  private expiryTimer?: ReturnType<typeof setTimeout>;
  /** The expiry already warned about (or armed), so each key warns once. */
  private armedFor?: number;

  constructor(private readonly deps: AccountDeps) {
    this.meter = new UsageMeter(() => ({ region: deps.settings.region, overrides: deps.settings.pricingOverrides }));
    this.retention = retentionMemory(deps.globalState, () => `${deps.settings.region}|${deps.settings.endpointOverride ?? ''}|${this.project ?? 'default'}`);
    const sub = this.meter.onChange(() => this.emitter.fire());
    this.disposables.push({ dispose: () => sub.dispose() }, this.emitter,
      registerGuarded(deps.errors, COMMAND.selectProject, 'Select Project', () => this.selectProject()));
    deps.auth.workspaceProject = () => this.workspacePick();
  }

  workspacePick(): string | undefined {
    const v = this.deps.workspaceState.get<string>(WORKSPACE_PROJECT_KEY);
    return typeof v === 'string' && checkProjectId(v).ok ? v : undefined;
  }

  get project(): string | undefined {
    return effectiveProject(this.workspacePick(), this.deps.settings.project);
  }

  /** Tooltip lines: the key (and arms its expiry warning), the Project, the total since the window opened. */
  statusLines(auth: ConnectionAuth | undefined): string[] {
    const lines: string[] = [];
    if (auth?.mode === 'apiKey') {
      const info = decodeApiKey(auth.apiKey);
      lines.push(`Key: ${describeKey(info, Date.now())}`);
      // A key for another Region is named here too, before any request meets it.
      const problem = this.endpointProblem(info);
      if (problem) lines.push(problem);
      this.armExpiryWarning(info);
    }
    lines.push(describeProject(this.project));
    const t = this.meter.total;
    const cost = formatTotal(t);
    lines.push(t.priced + t.unpriced === 0
      ? 'Since this window opened: no answers yet'
      : `Since this window opened: in ${formatCount(t.inputTokens)} · out ${formatCount(t.outputTokens)} · cached ${formatCount(t.cachedTokens)}${cost ? ` · ${cost}` : ''}`);
    return lines;
  }

  private endpointProblem(info: ApiKeyInfo): string | undefined {
    try {
      const ep = this.deps.settings.endpoint();
      const p = keyProblem(info, ep.region, ep.custom, Date.now());
      return p?.kind === 'wrongRegion' ? p.message : undefined;
    } catch {
      return undefined; // invalid settings are the status bar's own line
    }
  }

  /** The key line for Test Connection. */
  keyLine(auth: ConnectionAuth): string | undefined {
    return auth.mode === 'apiKey' ? describeKey(decodeApiKey(auth.apiKey), Date.now()) : undefined;
  }

  private armExpiryWarning(info: ApiKeyInfo): void {
    if (info.kind !== 'shortTerm' || info.expiresAt === undefined || info.expiresAt === this.armedFor) return;
    this.armedFor = info.expiresAt;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const delay = info.expiresAt - EXPIRY_WARNING_MS - Date.now();
    if (info.expiresAt <= Date.now()) return; // already expired: requests say so before they are sent
    this.expiryTimer = setTimeout(() => this.warnExpiry(info), Math.max(0, delay));
  }

  private warnExpiry(info: ApiKeyInfo): void {
    const text = expiryWarning(info, Date.now());
    if (!text) return;
    this.deps.log.warn(text);
    void vscode.window.showWarningMessage(text, 'Set API Key').then((b) => {
      if (b) void vscode.commands.executeCommand(COMMAND.setApiKey);
    });
  }

  /** Lists the account's Projects and keeps the pick for this workspace (or clears it). Returns the pick. */
  async selectProject(): Promise<string | undefined> {
    const projects = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Bedrock Mantle: listing Projects…', cancellable: true },
      async (_p, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try { return await this.deps.listProjects(abort.signal); } finally { sub.dispose(); }
      },
    );
    const current = this.project;
    const userDefault = this.deps.settings.project;
    type Item = vscode.QuickPickItem & { id?: string };
    const items: Item[] = [
      { label: userDefault ? `Your default (${userDefault})` : 'The account default', description: settingId('project'), detail: 'Clear this workspace\'s pick' },
      ...projects.map((p) => ({
        // Names are the server's text: plain labels, never links.
        label: inert(p.name), id: p.id,
        description: [p.id, p.status !== 'active' ? p.status : '', p.id === current ? 'current' : ''].filter(Boolean).join(' · '),
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Bedrock Mantle: Project for this workspace', placeHolder: 'Requests from this workspace are attributed to the Project you pick' });
    if (!picked) return undefined;
    await this.deps.workspaceState.update(WORKSPACE_PROJECT_KEY, picked.id);
    this.deps.log.info(`Project for this workspace: ${picked.id ?? 'the default'}`);
    this.deps.auth.projectChanged();
    this.emitter.fire();
    return picked.id ?? userDefault;
  }

  dispose(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
