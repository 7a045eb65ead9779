// The Regions where Mantle is offered and the URL rules for the endpoint. Pure so the settings module, the client
// factory and the tests share one definition (package.json's enum lists the same Regions).
import { decodeApiKey } from '../account/apiKeys';

/** AWS "Supported Regions and Endpoints" for bedrock-mantle (ap-southeast-2 from the newer revision of the page). */
export const MANTLE_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-south-1',
  'ap-northeast-1',
  'eu-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-south-1',
  'eu-north-1',
  'sa-east-1',
] as const;

export type MantleRegion = (typeof MANTLE_REGIONS)[number];

export function isMantleRegion(value: string): value is MantleRegion {
  return (MANTLE_REGIONS as readonly string[]).includes(value);
}

/** The Regional base URL. `/v1` (not the SDK helpers' `/openai/v1`) serves the open-weight models and gpt-oss. */
export function regionalBaseUrl(region: string): string {
  return `https://bedrock-mantle.${region}.api.aws/v1`;
}

/** bedrock-runtime's OpenAI-compatible endpoint (PROTOCOL-2026-12 §2): the same APIs under /openai/v1, signed as `bedrock`. */
export function runtimeBaseUrl(region: string): string {
  return `https://bedrock-runtime.${region}.amazonaws.com/openai/v1`;
}

/** Which service a request goes to: Mantle (default) or bedrock-runtime's OpenAI endpoint. */
export type EndpointType = 'mantle' | 'runtime';

/** The SigV4 service name each endpoint verifies. */
export function signingServiceOf(endpoint: EndpointType): string {
  return endpoint === 'runtime' ? 'bedrock' : 'bedrock-mantle';
}

/**
 * The base URL of one route family: the configured base (…/v1, or an override such as an emulator's …/v1) with its
 * family suffix replaced by `prefix`. Every family hangs off the same root (PROTOCOL-2026-12 §1.2).
 */
export function routeBaseUrl(baseURL: string, prefix: string): string {
  const root = baseURL.replace(/\/+$/, '').replace(/(\/openai|\/anthropic)?\/v1$/, '');
  return `${root}${prefix}`;
}

export type EndpointCheck = { ok: true; url: string } | { ok: false; problem: string };

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Validates an endpoint override. Plain http is accepted only for loopback hosts (the emulator, a local proxy):
 * anywhere else the API key or the SigV4 session token would cross the network unencrypted.
 */
export function checkEndpointUrl(raw: string): EndpointCheck {
  const text = raw.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `"${text}" is not a URL. Use a full base URL such as https://bedrock-mantle.us-east-1.api.aws/v1.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, problem: `"${text}" uses ${url.protocol.replace(':', '')}; the endpoint must be an https:// URL.` };
  }
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    return { ok: false, problem: `"${text}" uses plain http to a non-local host; use https:// so credentials are not sent unencrypted.` };
  }
  if (url.username || url.password) {
    return { ok: false, problem: 'The endpoint URL must not contain a user name or password.' };
  }
  if (url.search || url.hash) {
    return { ok: false, problem: `"${text}" has a query or fragment; give only the base URL (for example …/v1).` };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/**
 * The Region a signature must name. For a custom endpoint it is taken from a bedrock-mantle host name when there is
 * one (a VPC endpoint keeps it), otherwise the configured Region is used.
 */
export function signingRegionFor(baseUrl: string, configuredRegion: string): string {
  const m = /bedrock-mantle[.-]([a-z]{2}(?:-[a-z]+)+-\d)\./.exec(new URL(baseUrl).hostname);
  return m?.[1] ?? configuredRegion;
}

/**
 * The Region a short-term Bedrock API key was generated in. Such a key is `bedrock-api-key-` + base64 of a SigV4
 * presigned URL whose X-Amz-Credential names the Region; it works only there. Long-term keys (ABSK…) carry none.
 */
export function regionOfShortTermKey(key: string): string | undefined {
  const info = decodeApiKey(key);
  return info.kind === 'shortTerm' ? info.region : undefined;
}
