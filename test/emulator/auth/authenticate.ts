// Decides who is calling: a Bedrock API key (Authorization: Bearer, or x-api-key as AWS's own examples send it on every
// Mantle route, §5) or an AWS SigV4 signature. Anything else is 401.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http';
import { verifySigV4, type SigV4Config } from './sigv4Verify';

export interface AuthConfig extends SigV4Config { apiKeys: string[] }

function sameSecret(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

/**
 * §6, §9.4: a short-term key is a presigned URL; past X-Amz-Date + X-Amz-Expires it is refused, and it works only in
 * the Region named in its X-Amz-Credential. Status and texts are the emulator's choice (README.md).
 */
function checkShortTermKey(key: string, cfg: AuthConfig, now: number): void {
  if (!key.startsWith('bedrock-api-key-')) return;
  const query = Buffer.from(key.slice('bedrock-api-key-'.length), 'base64').toString('utf8').split('?')[1];
  if (!query) return;
  const params = new URLSearchParams(query);
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(params.get('X-Amz-Date') ?? '');
  const ttl = Number(params.get('X-Amz-Expires'));
  if (date && ttl > 0 && now >= Date.UTC(+date[1], +date[2] - 1, +date[3], +date[4], +date[5], +date[6]) + Math.min(ttl, 43_200) * 1000) {
    throw new HttpError(401, { code: 'expired_api_key', type: 'authentication_error', message: 'The security token included in the request is expired.' });
  }
  const region = (params.get('X-Amz-Credential') ?? '').split('/')[2];
  if (region && region !== cfg.region) {
    throw new HttpError(401, { code: 'invalid_api_key', type: 'authentication_error', message: `The API key is not valid in ${cfg.region}: it was generated for ${region}.` });
  }
}

function checkKey(key: string, cfg: AuthConfig): void {
  checkShortTermKey(key, cfg, Date.now());
  // Never echo the key back: error text ends up in logs and UIs.
  if (!cfg.apiKeys.some((k) => sameSecret(k, key))) throw new HttpError(401, { code: 'invalid_api_key', type: 'authentication_error', message: 'The API key is invalid or has expired.' });
}

export async function authenticate(req: IncomingMessage, body: Buffer, cfg: AuthConfig): Promise<'bearer' | 'x-api-key' | 'sigv4'> {
  const header = req.headers.authorization;
  const apiKeyHeader = req.headers['x-api-key'];
  if (!header && typeof apiKeyHeader === 'string') {
    checkKey(apiKeyHeader.trim(), cfg);
    return 'x-api-key';
  }
  if (!header) {
    throw new HttpError(401, {
      code: 'missing_authentication',
      type: 'authentication_error',
      message: "Missing Authorization header: send 'Authorization: Bearer <Bedrock API key>' (or 'x-api-key') or sign the request with AWS SigV4 (service bedrock-mantle).",
    });
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) {
    checkKey(bearer[1].trim(), cfg);
    return 'bearer';
  }
  if (header.startsWith('AWS4-HMAC-SHA256')) {
    const result = await verifySigV4({ method: req.method ?? 'GET', rawUrl: req.url ?? '/', headers: req.headers, body }, cfg);
    if (result.ok) return 'sigv4';
    throw new HttpError(result.status, { code: result.code, type: result.status === 401 ? 'authentication_error' : 'permission_error', message: result.message });
  }
  throw new HttpError(401, { code: 'invalid_authorization', type: 'authentication_error', message: 'Unsupported Authorization scheme: use Bearer or AWS4-HMAC-SHA256.' });
}
