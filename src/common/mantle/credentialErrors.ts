// Phrases a failure to obtain AWS credentials for a profile. An expired or missing SSO session becomes one
// 'ssoExpired' error carrying the exact command to run, so the UI offers "Copy command" instead of retrying.
import { MantleError } from './errors';

const SSO_TROUBLE = /SSO session|sso login|SSO.*(expired|invalid|not found)|token.*(expired|not found|invalid)|UnauthorizedException/i;

export function ssoLoginCommand(profile: string): string {
  // Quote only when needed so the usual case reads (and copies) exactly as people type it.
  return /^[\w.@+-]+$/.test(profile) ? `aws sso login --profile ${profile}` : `aws sso login --profile '${profile.replace(/'/g, `'\\''`)}'`;
}

export function mapCredentialFailure(message: string, profile: string, isSsoProfile: boolean, redact: (s: string) => string): MantleError {
  const said = redact(message.trim());
  if (SSO_TROUBLE.test(said) && (isSsoProfile || /SSO/.test(said))) {
    const command = ssoLoginCommand(profile);
    return new MantleError({
      kind: 'ssoExpired',
      message: `The AWS SSO session for profile '${profile}' has expired or was never started. Run \`${command}\` in a terminal, then try again.`,
      command,
      actions: ['copySsoCommand', 'useAwsProfile', 'showLogs'],
    });
  }
  return new MantleError({
    kind: 'config',
    message: `Could not get AWS credentials for profile '${profile}': ${said}`,
    actions: ['useAwsProfile', 'showLogs'],
  });
}
