// Phrases a failure to obtain AWS credentials for a profile. An expired or missing SSO session becomes one
// 'ssoExpired' error carrying the exact command to run, so the UI offers "Copy command" instead of retrying.
import { MantleError } from './errors';

// Phrases of @aws-sdk/credential-provider-sso and token-providers ("The SSO session associated with this profile has
// expired…", "…run 'aws sso login'…") and of the SSO service itself. Case-sensitive so a profile *named* sso-… whose
// definition is missing stays a config error.
const SSO_TROUBLE = /SSO session|aws sso login|Session token not found|UnauthorizedException/;

export function ssoLoginCommand(profile: string): string {
  // Quote only when needed so the usual case reads (and copies) exactly as people type it.
  return /^[\w.@+-]+$/.test(profile) ? `aws sso login --profile ${profile}` : `aws sso login --profile '${profile.replace(/'/g, `'\\''`)}'`;
}

export function mapCredentialFailure(message: string, profile: string, isSsoProfile: boolean, redact: (s: string) => string): MantleError {
  const said = redact(message.trim());
  if (SSO_TROUBLE.test(said) || (isSsoProfile && /expired|Unauthorized/i.test(said))) {
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
