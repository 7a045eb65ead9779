// The connection commands: Set/Clear API Key, Use AWS Profile…, Select Region…, Test Connection, and the status
// bar's menu of all of them.
import vscode = require('vscode');
import { MANTLE_REGIONS } from '../../common/mantle/regions';
import { inspectSharedFiles } from '../../node/awsCredentials';
import { describeAuth, type ConnectionAuth } from '../../node/connection';
import type { MantleClient } from '../../node/mantleClient';
import { ENV_KEY, type AuthService } from './authService';
import { COMMAND } from '../../common/commandIds';
import { registerGuarded } from '../commandBoundary';
import type { ErrorPresenter } from '../errorPresenter';
import type { Log } from '../log';
import type { Settings } from '../settings';
import { STATUS_MENU_COMMAND, type ConnectionStatusBar } from '../statusBar';
import { inert } from '../../common/inertText';
import { checkProfileName } from '../../common/settingsPolicy';

export interface ConnectionCommandDeps {
  settings: Settings;
  auth: AuthService;
  mantle: MantleClient;
  errors: ErrorPresenter;
  statusBar: ConnectionStatusBar;
  log: Log;
  /** What the key says about itself (kind, Region, expiry), for Test Connection; absent in tests without it. */
  keyLine?: (auth: ConnectionAuth) => string | undefined;
}

export interface TestConnectionResult {
  count: number;
  latencyMs: number;
  auth: string;
  /** The key's kind, Region and expiry (never the key), for API keys. */
  key?: string;
}

export function registerConnectionCommands(d: ConnectionCommandDeps): vscode.Disposable[] {
  const setApiKey = async (): Promise<boolean> => {
    const value = await vscode.window.showInputBox({
      title: 'Bedrock Mantle: Set API Key',
      prompt: 'Paste a Bedrock API key (short-term or long-term). It is kept in VS Code\'s secret storage, never in settings.',
      password: true,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'The key cannot be empty.'),
    });
    if (value === undefined) return false;
    if (!value.trim()) {
      void vscode.window.showWarningMessage('The API key was empty, so nothing was stored.');
      return false;
    }
    await d.auth.setApiKey(value);
    if (d.settings.auth !== 'apiKey') await d.settings.update('auth', 'apiKey');
    void vscode.window.showInformationMessage('Bedrock API key saved in secret storage.', 'Test Connection').then((b) => {
      if (b) void vscode.commands.executeCommand(COMMAND.testConnection);
    });
    return true;
  };

  const clearApiKey = async (): Promise<void> => {
    const had = (await d.auth.storedApiKey()) !== undefined;
    await d.auth.clearApiKey();
    const env = d.auth.environmentKey ? ` ${ENV_KEY} from the environment will be used instead.` : '';
    void vscode.window.showInformationMessage(had ? `Bedrock API key removed from secret storage.${env}` : `No API key was stored.${env}`);
  };

  const useAwsProfile = async (): Promise<string | undefined> => {
    const report = await inspectSharedFiles();
    for (const p of report.problems) d.log.warn(p);
    if (!report.profiles.length) {
      void vscode.window.showErrorMessage(inert(`No AWS profiles found. ${report.problems.join(' ')}`), 'Show Logs').then((b) => {
        if (b) d.log.show();
      });
      return undefined;
    }
    let current: string | undefined;
    try {
      current = d.settings.auth === 'awsProfile' ? d.settings.awsProfile : undefined;
    } catch {
      current = undefined; // the setting holds no valid name: this picker is how to fix it
    }
    // Only names the setting accepts are offered; the label is inert because the files may hold anything.
    const usable = report.profiles.filter((p) => {
      const check = checkProfileName(p.name);
      if (!check.ok) d.log.warn(`Not offered in "Use AWS Profile…": ${check.problem}`);
      return check.ok;
    });
    const picked = await vscode.window.showQuickPick(
      usable.map((p) => ({
        label: inert(p.name),
        name: p.name,
        description: [p.sso ? 'SSO' : '', p.name === current ? 'current' : ''].filter(Boolean).join(' · '),
        detail: inert(`from ${p.sources.map((s) => (s === 'config' ? report.paths.config : report.paths.credentials)).join(' and ')}`),
      })),
      { title: 'Bedrock Mantle: Sign requests with an AWS profile', placeHolder: inert(report.problems.length ? report.problems.join(' ') : 'Choose a profile (SigV4, service bedrock-mantle)') },
    );
    if (!picked) return undefined;
    await d.settings.update('awsProfile', picked.name);
    await d.settings.update('auth', 'awsProfile');
    void vscode.window.showInformationMessage(inert(`Requests are now signed with AWS profile '${picked.name}'.`), 'Test Connection').then((b) => {
      if (b) void vscode.commands.executeCommand(COMMAND.testConnection);
    });
    return picked.name;
  };

  const selectRegion = async (): Promise<string | undefined> => {
    const current = d.settings.region;
    const override = d.settings.endpointOverride;
    const picked = await vscode.window.showQuickPick(
      MANTLE_REGIONS.map((r) => ({ label: r, description: r === current ? 'current' : undefined })),
      {
        title: 'Bedrock Mantle: Region',
        placeHolder: override ? inert(`bedrockMantle.endpoint (${override}) is set and takes precedence; the Region is still used for signing.`) : 'Regions where Bedrock Mantle is offered',
      },
    );
    if (!picked) return undefined;
    await d.settings.update('region', picked.label);
    return picked.label;
  };

  const testConnection = async (): Promise<TestConnectionResult | undefined> => {
    try {
      return await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Bedrock Mantle: testing the connection…', cancellable: true },
        async (_p, token) => {
          const abort = new AbortController();
          const sub = token.onCancellationRequested(() => abort.abort());
          try {
            const config = await d.mantle.currentConnection();
            const started = Date.now();
            const models = await d.mantle.listModels(abort.signal);
            const key = d.keyLine?.(config.auth);
            const result = { count: models.length, latencyMs: Date.now() - started, auth: describeAuth(config.auth), ...(key ? { key } : {}) };
            const where = config.customEndpoint ? new URL(config.baseURL).host : config.region;
            const summary = `${result.count} models in ${result.latencyMs} ms`;
            d.log.info(`Test Connection: ${where}, ${result.auth}: ${summary}`);
            d.statusBar.setConnected(`${summary} (${result.auth})`);
            void vscode.window.showInformationMessage(inert(`Connected to Bedrock Mantle (${where}) with ${result.auth}: ${summary}.${key ? ` ${key.replace(/\.$/, '')}.` : ''}`));
            return result;
          } finally {
            sub.dispose();
          }
        },
      );
    } catch (e) {
      void d.errors.show(e, 'Test Connection', { retry: () => vscode.commands.executeCommand(COMMAND.testConnection) });
      return undefined;
    }
  };

  const menu = async (): Promise<void> => {
    const items: (vscode.QuickPickItem & { command: string })[] = [
      { label: '$(plug) Test Connection', command: COMMAND.testConnection },
      { label: '$(key) Set API Key', command: COMMAND.setApiKey },
      { label: '$(trash) Clear API Key', command: COMMAND.clearApiKey },
      { label: '$(account) Use AWS Profile…', command: COMMAND.useAwsProfile },
      { label: '$(globe) Select Region…', command: COMMAND.selectRegion },
      { label: '$(organization) Select Project…', command: COMMAND.selectProject },
      { label: '$(output) Show Logs', command: COMMAND.showLogs },
    ];
    const picked = await vscode.window.showQuickPick(items, { title: 'Bedrock Mantle connection' });
    if (picked) await vscode.commands.executeCommand(picked.command);
  };

  // Each command reports its own failures through the ErrorPresenter rather than VS Code's generic handler.
  return [
    registerGuarded(d.errors, COMMAND.setApiKey, 'Set API Key', setApiKey),
    registerGuarded(d.errors, COMMAND.clearApiKey, 'Clear API Key', clearApiKey),
    registerGuarded(d.errors, COMMAND.useAwsProfile, 'Use AWS Profile', useAwsProfile),
    registerGuarded(d.errors, COMMAND.selectRegion, 'Select Region', selectRegion),
    // Test Connection reports its own failure, with a Retry that runs it again.
    vscode.commands.registerCommand(COMMAND.testConnection, testConnection),
    registerGuarded(d.errors, STATUS_MENU_COMMAND, 'Connection menu', menu),
  ];
}
