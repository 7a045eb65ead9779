// What a Bedrock API key says about itself, decoded locally (the key is never sent anywhere but Mantle, never logged,
// and nothing decoded from it is kept). A short-term key is `bedrock-api-key-` + base64 of a SigV4 presigned URL:
// X-Amz-Credential names the Region, X-Amz-Date + X-Amz-Expires (at most 12 h) give the expiry. A long-term key is
// `ABSK` + base64(`BedrockAPIKey-<id>-at-<account>:<secret>`); its expiry is set in IAM and not in the key.
import { MantleError } from '../mantle/errors';

export type ApiKeyInfo =
  | { kind: 'shortTerm'; region?: string; issuedAt?: number; expiresAt?: number }
  | { kind: 'longTerm'; account?: string }
  | { kind: 'other' };

const SHORT_PREFIX = 'bedrock-api-key-';
/** Warn this long before a short-term key expires. */
export const EXPIRY_WARNING_MS = 15 * 60_000;
const MAX_SHORT_TERM_MS = 12 * 3600_000;

function decodeBase64(s: string): string | undefined {
  try {
    // atob rather than Buffer: common/ also runs in the webview bundle.
    return atob(s);
  } catch {
    return undefined;
  }
}

// X-Amz-Date is ISO 8601 basic format: 20261202T044500Z.
function parseAmzDate(s: string | null): number | undefined {
  const m = s ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s) : null;
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : undefined;
}

export function decodeApiKey(key: string): ApiKeyInfo {
  const k = key.trim();
  if (k.startsWith(SHORT_PREFIX)) {
    const url = decodeBase64(k.slice(SHORT_PREFIX.length));
    const query = url?.split('?')[1];
    if (!query) return { kind: 'shortTerm' };
    const params = new URLSearchParams(query);
    const region = /^[^/]*\/\d{8}\/([a-z]{2}(?:-[a-z]+)+-\d)\//.exec(params.get('X-Amz-Credential') ?? '')?.[1];
    const issuedAt = parseAmzDate(params.get('X-Amz-Date'));
    const ttl = Number(params.get('X-Amz-Expires'));
    // A TTL beyond 12 h is not one AWS issues; cap it rather than promise a longer life.
    const expiresAt = issuedAt !== undefined && Number.isFinite(ttl) && ttl > 0 ? issuedAt + Math.min(ttl * 1000, MAX_SHORT_TERM_MS) : undefined;
    return { kind: 'shortTerm', ...(region ? { region } : {}), ...(issuedAt !== undefined ? { issuedAt } : {}), ...(expiresAt !== undefined ? { expiresAt } : {}) };
  }
  if (k.startsWith('ABSK')) {
    const account = /-at-(\d{12}):/.exec(decodeBase64(k.slice(4)) ?? '')?.[1];
    return { kind: 'longTerm', ...(account ? { account } : {}) };
  }
  return { kind: 'other' };
}

/** ISO-like UTC time for messages: "2026-12-02 16:45 UTC". */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export type KeyProblem =
  | { kind: 'expired'; message: string }
  | { kind: 'wrongRegion'; message: string; keyRegion: string };

/**
 * What stops a request before it is sent: an expired short-term key, or one made for another Region (it works only
 * there). Not checked for a custom endpoint, whose Region is the person's to decide.
 */
export function keyProblem(info: ApiKeyInfo, requestRegion: string, customEndpoint: boolean, now: number): KeyProblem | undefined {
  if (info.kind !== 'shortTerm') return undefined;
  if (info.expiresAt !== undefined && now >= info.expiresAt) {
    return { kind: 'expired', message: `Your Bedrock API key expired at ${formatUtc(info.expiresAt)}. Short-term keys last at most 12 hours: generate a new one and use "Set API Key".` };
  }
  if (!customEndpoint && info.region && info.region !== requestRegion) {
    return {
      kind: 'wrongRegion', keyRegion: info.region,
      message: `Your Bedrock API key is a short-term key made for ${info.region}, and such keys work only there, but requests go to ${requestRegion}. Select ${info.region}, or generate a key in ${requestRegion} and use "Set API Key".`,
    };
  }
  return undefined;
}

/** True when a short-term key expires within the warning window (and has not yet). */
export function expiresSoon(info: ApiKeyInfo, now: number): boolean {
  return info.kind === 'shortTerm' && info.expiresAt !== undefined && now < info.expiresAt && info.expiresAt - now <= EXPIRY_WARNING_MS;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One line for the status bar tooltip and Test Connection. Never contains the key. */
export function describeKey(info: ApiKeyInfo, now: number): string {
  switch (info.kind) {
    case 'shortTerm': {
      const where = info.region ? ` for ${info.region}` : '';
      if (info.expiresAt === undefined) return `Short-term key${where} (expiry not readable)`;
      return now >= info.expiresAt
        ? `Short-term key${where}, expired at ${formatUtc(info.expiresAt)}`
        : `Short-term key${where}, expires at ${formatUtc(info.expiresAt)} (in ${minutes(info.expiresAt - now)})`;
    }
    case 'longTerm':
      return 'Long-term key (its expiry is set in IAM). AWS advises short-term keys for everyday work.';
    case 'other':
      return 'API key of an unrecognised kind (not a Bedrock short-term or long-term key)';
  }
}

/** The warning shown once per key shortly before it expires. */
export function expiryWarning(info: ApiKeyInfo, now: number): string | undefined {
  if (!expiresSoon(info, now) || info.kind !== 'shortTerm' || info.expiresAt === undefined) return undefined;
  return `Your Bedrock API key expires at ${formatUtc(info.expiresAt)} (in ${minutes(info.expiresAt - now)}). Generate a new short-term key and use "Set API Key" to keep working.`;
}

/**
 * The error a request fails with before it is sent, when the key cannot work: expired (Set API Key) or made for
 * another Region (Select Region / Set API Key). Undefined for a key that may work.
 */
export function keyErrorBeforeRequest(apiKey: string, region: string, customEndpoint: boolean, now: number): MantleError | undefined {
  const problem = keyProblem(decodeApiKey(apiKey), region, customEndpoint, now);
  if (!problem) return undefined;
  return new MantleError({
    kind: 'auth', code: problem.kind === 'expired' ? 'key_expired' : 'key_region',
    message: problem.message,
    actions: problem.kind === 'expired' ? ['setApiKey', 'showLogs'] : ['selectRegion', 'setApiKey'],
  });
}
