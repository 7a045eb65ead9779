// Phrases a failure to obtain AWS credentials for a profile. An expired or missing SSO session becomes one
// 'ssoExpired' error carrying the exact command to run, so the UI offers "Copy command" instead of retrying.
import { MantleError } from './errors';

// Phrases of @aws-sdk/credential-provider-sso and token-providers ("The SSO session associated with this profile has
// expired…", "…run 'aws sso login'…") and of the SSO service itself. Case-sensitive so a profile *named* sso-… whose
// definition is missing stays a config error.
const SSO_TROUBLE = /SSO session|aws sso login|Session token not found|UnauthorizedException/;

/** `--profile X`, quoted for a POSIX shell only when needed so the usual case reads (and copies) as people type it. */
function profileArg(profile: string): string {
  return /^[\w.@+-]+$/.test(profile) ? `--profile ${profile}` : `--profile '${profile.replace(/'/g, `'\\''`)}'`;
}

export function ssoLoginCommand(profile: string): string {
  return `aws sso login ${profileArg(profile)}`;
}

/** The AWS CLI command that resolves a profile's credentials exactly as this extension does, to check it by hand. */
export function exportCredentialsCommand(profile: string): string {
  return `aws configure export-credentials ${profileArg(profile)}`;
}

/** At most this much of what a credential source said is shown; the rest stays out of every message and log. */
export const MAX_CREDENTIAL_DETAIL_CHARS = 200;

// Node's exec() error reads "Command failed: <the command line>\n<stderr>"; a credential_process command line may
// carry tokens in its arguments, so it is never shown.
const COMMAND_FAILED = /^Command failed:/;
// `"SecretAccessKey": "…"`, `token=…`, `--password …`: the value after a name that says it is a secret.
const NAMED_SECRET = /("?[\w-]*(?:secret|token|password|passwd|credential|key|auth)[\w-]*"?\s*[:=]\s*"?)[^\s",}]+/gi;
const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AROA|AIDA|ABIA|ACCA)[A-Z0-9]{12,}\b/g;
// A long run of letters and digits is a token (a vault token, a session token, a base64 blob), not words.
const OPAQUE = /[A-Za-z0-9+/_.=%-]{24,}/g;

/**
 * What a failing credential source said, reduced to one line that is safe to show: the first line of the SDK's
 * message, or of the process's stderr when the SDK's first line is the command line; registered and recognisable
 * secrets, named values, access key ids and opaque tokens masked; bounded in length. Undefined when nothing is left.
 */
export function credentialFailureDetail(message: string, redact: (s: string) => string): string | undefined {
  const lines = message.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const first = lines[0] !== undefined && COMMAND_FAILED.test(lines[0]) ? lines[1] : lines[0];
  if (!first) return undefined;
  const scrubbed = redact(first)
    .replace(NAMED_SECRET, '$1***')
    .replace(ACCESS_KEY_ID, '***')
    .replace(OPAQUE, (m) => (/\d/.test(m) && /[A-Za-z]/.test(m) ? '***' : m));
  return scrubbed.length > MAX_CREDENTIAL_DETAIL_CHARS ? `${scrubbed.slice(0, MAX_CREDENTIAL_DETAIL_CHARS - 1)}…` : scrubbed;
}

export function mapCredentialFailure(message: string, profile: string, isSsoProfile: boolean, redact: (s: string) => string): MantleError {
  // Matched against the whole text, but only the scrubbed first line is ever shown.
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
  const detail = credentialFailureDetail(message, redact);
  return new MantleError({
    kind: 'config',
    message: `Could not get AWS credentials for profile '${profile}'${detail ? `: ${detail.replace(/\.$/, '')}` : ''}. Check the profile in a terminal with \`${exportCredentialsCommand(profile)}\`.`,
    actions: ['useAwsProfile', 'showLogs'],
  });
}
