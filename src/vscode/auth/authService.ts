// Who the requests authenticate as: the API key (secret storage, else AWS_BEARER_TOKEN_BEDROCK) or an AWS profile.
// Builds the plain ConnectionConfig the Node client consumes, and fires onDidChange whenever a secret or a
// connection setting changes so the client and the status bar rebuild.
import vscode = require('vscode');
import { MantleError } from '../../common/mantle/errors';
import type { Redactor } from '../../common/redact';
import { effectiveProject } from '../../common/account/projects';
import { createProfileCredentials } from '../../node/awsCredentials';
import { FIRST_BYTE_TIMEOUT_MS, type ConnectionAuth, type ConnectionConfig, type CredentialsProvider } from '../../node/connection';
import type { Log } from '../log';
import type { Settings } from '../settings';

const SECRET_KEY = 'bedrockMantle.apiKey';
const withProject = (project: string | undefined) => (project ? { project } : {});
export const ENV_KEY = 'AWS_BEARER_TOKEN_BEDROCK';

export class AuthService implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private profileCredentials?: { profile: string; provider: CredentialsProvider };
  /** This workspace's Project pick (account/projectPicker.ts); set by the container. */
  workspaceProject: () => string | undefined = () => undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly settings: Settings,
    private readonly redactor: Redactor,
    private readonly log: Log,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.redactor.add(env[ENV_KEY]?.trim());
    this.subscriptions.push(
      secrets.onDidChange((e) => { if (e.key === SECRET_KEY) this.changed(); }),
      settings.onDidChange((e) => {
        if (settings.affectsConnection(e)) this.changed();
      }),
    );
  }

  /** The Project choice changed outside the settings (a workspace pick): rebuild like a settings change. */
  projectChanged(): void {
    this.changed();
  }

  private changed(): void {
    this.profileCredentials = undefined;
    this.emitter.fire();
  }

  async storedApiKey(): Promise<string | undefined> {
    const key = (await this.secrets.get(SECRET_KEY))?.trim();
    this.redactor.add(key);
    return key || undefined;
  }

  async setApiKey(key: string): Promise<void> {
    const trimmed = key.trim();
    if (!trimmed) throw new Error('The API key is empty.');
    this.redactor.add(trimmed);
    await this.secrets.store(SECRET_KEY, trimmed);
    this.log.info('API key stored in secret storage');
  }

  async clearApiKey(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.log.info('API key removed from secret storage');
  }

  get environmentKey(): string | undefined {
    return this.env[ENV_KEY]?.trim() || undefined;
  }

  /** The credentials the next request would use, or a MantleError 'noCredentials' saying how to provide some. */
  async resolveAuth(): Promise<ConnectionAuth> {
    if (this.settings.auth === 'awsProfile') {
      const profile = this.settings.awsProfile;
      if (this.profileCredentials?.profile !== profile) {
        // createProfileCredentials require()s the AWS SDK packages only when credentials are first resolved.
        this.profileCredentials = {
          profile,
          provider: createProfileCredentials(profile, {
            logger: this.log,
            redact: (s) => this.redactor.redact(s),
            addSecret: (s) => this.redactor.add(s),
            env: this.env,
          }),
        };
      }
      return { mode: 'awsProfile', profile, credentials: this.profileCredentials.provider };
    }
    const stored = await this.storedApiKey();
    if (stored) return { mode: 'apiKey', apiKey: stored, source: 'secretStorage' };
    const fromEnv = this.environmentKey;
    if (fromEnv) return { mode: 'apiKey', apiKey: fromEnv, source: 'environment' };
    throw new MantleError({
      kind: 'noCredentials',
      message: `No Bedrock API key is set. Use "Set API Key", set ${ENV_KEY} before starting VS Code, or sign requests with an AWS profile.`,
      actions: ['setApiKey', 'useAwsProfile'],
    });
  }

  async connection(): Promise<ConnectionConfig> {
    const endpoint = this.settings.endpoint();
    return {
      baseURL: endpoint.baseURL,
      region: endpoint.region,
      customEndpoint: endpoint.custom,
      endpoint: endpoint.type,
      auth: await this.resolveAuth(),
      ...withProject(effectiveProject(this.workspaceProject(), this.settings.project)),
      maxRetries: this.settings.maxRetries,
      stallTimeoutMs: this.settings.stallTimeoutSeconds * 1000,
      firstByteTimeoutMs: FIRST_BYTE_TIMEOUT_MS,
    };
  }

  dispose(): void {
    for (const d of this.subscriptions.splice(0)) d.dispose();
    this.emitter.dispose();
  }
}
