// The status bar item: which credentials, which Region (or the custom endpoint), and whether the last request got
// through. Clicking it opens the connection commands.
import vscode = require('vscode');
import { isMantleError } from '../common/mantle/errors';
import { describeAuth, type ConnectionAuth } from '../node/connection';
import type { ConnectionHealth, MantleClient } from '../node/mantleClient';
import type { AuthService } from './auth/authService';
import type { Settings } from './settings';
import { inert } from '../common/inertText';

export const STATUS_MENU_COMMAND = 'bedrockMantle.connectionMenu';

export interface AccountLines {
  statusLines(auth: ConnectionAuth | undefined): string[];
  readonly project: string | undefined;
  onDidChange: vscode.Event<void>;
}

type State = { kind: 'unknown' } | { kind: 'ok'; detail?: string } | { kind: 'error'; message: string };

export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('bedrockMantle.connection', vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private state: State = { kind: 'unknown' };
  private refreshing = 0;

  /** The account lines of the tooltip (key, Project, total since the window opened); set by the container. */
  private account?: AccountLines;

  constructor(private readonly settings: Settings, private readonly auth: AuthService, mantle: MantleClient) {
    this.item.name = 'Bedrock Mantle Connection';
    this.item.command = STATUS_MENU_COMMAND;
    this.subscriptions.push(
      auth.onDidChange(() => { this.state = { kind: 'unknown' }; void this.refresh(); }),
      mantle.onHealth((h) => this.onHealth(h)),
    );
    void this.refresh();
    this.item.show();
  }

  /**
   * Adds the account's lines to the tooltip and redraws when they change. Set right after construction, so the first
   * refresh (still awaiting the credentials) already includes them: no second refresh at activation.
   */
  setAccount(account: AccountLines): void {
    this.account = account;
    this.subscriptions.push(account.onDidChange(() => void this.refresh()));
  }

  /** Test Connection reports its result here so the tooltip can repeat the figures. */
  setConnected(detail: string): void {
    this.state = { kind: 'ok', detail };
    void this.refresh();
  }

  private onHealth(h: ConnectionHealth): void {
    if (h.ok && this.state.kind === 'ok') return;
    this.state = h.ok ? { kind: 'ok' } : { kind: 'error', message: h.error.message };
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const ticket = ++this.refreshing;
    let where: string;
    let endpointLine: string;
    try {
      const ep = this.settings.endpoint();
      where = ep.custom ? 'custom endpoint' : ep.region;
      endpointLine = ep.custom ? `Custom endpoint ${ep.baseURL} (emulator, proxy or VPC endpoint)` : `Region ${ep.region} — ${ep.baseURL}`;
    } catch (e) {
      where = 'invalid settings';
      endpointLine = isMantleError(e) ? e.message : String(e);
    }
    let authLine: string;
    let authIcon: string;
    let resolved: ConnectionAuth | undefined;
    try {
      const a = await this.auth.resolveAuth();
      resolved = a;
      authLine = describeAuth(a);
      authIcon = a.mode === 'apiKey' ? '$(key)' : '$(account)';
    } catch {
      authLine = 'No credentials: set an API key or choose an AWS profile';
      authIcon = '$(circle-slash)';
    }
    if (ticket !== this.refreshing) return; // a newer refresh is on its way
    const stateIcon = this.state.kind === 'ok' ? '$(pass)' : this.state.kind === 'error' ? '$(error)' : '$(circle-large-outline)';
    const stateLine = this.state.kind === 'ok'
      ? `Connected${this.state.detail ? ` — ${this.state.detail}` : ''}`
      : this.state.kind === 'error' ? `Last request failed: ${this.state.message}` : 'Not checked yet (run Test Connection)';
    const project = this.account?.project;
    this.item.text = `${authIcon} Mantle ${inert(where)}${project ? ` · ${inert(project)}` : ''} ${stateIcon}`;
    this.item.backgroundColor = this.state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown('**Bedrock Mantle**\n\n');
    // appendText escapes Markdown; inert also bounds a server's long error text and drops control characters.
    tip.appendText(inert(`Auth: ${authLine}\n\n${endpointLine}\n\n${stateLine}`));
    for (const line of this.account?.statusLines(resolved) ?? []) tip.appendText(inert(`\n\n${line}`));
    tip.appendMarkdown('\n\nClick for connection commands.');
    this.item.tooltip = tip;
  }

  /** Text shown in the status bar, for tests. */
  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.item.dispose();
  }
}
