import { createHash } from 'node:crypto';
import type * as vscode from 'vscode';
import type { ConnectionAuth } from '../../node/connection';
import type { CredentialsSource } from './modelService';

/** The part of container.auth the models need. */
export interface AuthLike {
  readonly onDidChange: vscode.Event<unknown>;
  resolveAuth(): Promise<ConnectionAuth>;
}

/**
 * Who the requests authenticate as, reduced to a string that changes when the identity does: the AWS profile's name,
 * or a SHA-256 of the API key. It lets the models tell "another account, fetch the list again" from a change that
 * leaves the credentials alone (a retry setting, the same key stored again). Kept in memory only, never logged.
 */
export function credentialsIdentity(auth: ConnectionAuth): string {
  return auth.mode === 'awsProfile'
    ? `profile:${auth.profile}`
    : `key:${createHash('sha256').update(auth.apiKey).digest('hex')}`;
}

export function credentialsSourceFrom(auth: AuthLike): CredentialsSource {
  const identity = () => auth.resolveAuth().then(credentialsIdentity, () => undefined);
  return {
    onDidChange: auth.onDidChange,
    identity,
    hasCredentials: async () => (await identity()) !== undefined,
  };
}
