// Plain-object inputs of the Node client, so it runs (and is tested) without 'vscode': the editor side builds a
// ConnectionConfig from settings and secrets, and passes a logger that writes to the one LogOutputChannel.

export interface ClientLogger {
  trace(msg: string): void;
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string, err?: unknown): void;
}

export interface AwsCredentialIdentity {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialsProvider = () => Promise<AwsCredentialIdentity>;

export type ConnectionAuth =
  | { mode: 'apiKey'; apiKey: string; source: 'secretStorage' | 'environment' }
  | { mode: 'awsProfile'; profile: string; credentials: CredentialsProvider };

export interface ConnectionConfig {
  /** Regional endpoint or the (validated) override, without a trailing slash, e.g. https://bedrock-mantle.us-east-1.api.aws/v1. */
  baseURL: string;
  /** Region named in SigV4 signatures and messages. */
  region: string;
  customEndpoint: boolean;
  auth: ConnectionAuth;
  maxRetries: number;
  stallTimeoutMs: number;
}

/** How the UI names the credentials in use (status bar tooltip, Test Connection). Never includes the secret. */
export function describeAuth(auth: ConnectionAuth): string {
  if (auth.mode === 'awsProfile') return `AWS profile ${auth.profile}`;
  return auth.source === 'environment' ? 'API key from AWS_BEARER_TOKEN_BEDROCK' : 'API key from secret storage';
}
