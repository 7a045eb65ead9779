// Real SigV4 verification: parse the Authorization header, rebuild the request from the SignedHeaders list only (raw
// path and query, as received), check the scope, the clock and the body hash, then re-sign with @smithy/signature-v4
// using the caller's secret and compare. Unsigned headers that fetch adds (accept-language, sec-fetch-mode, …) are
// ignored, exactly as a real verifier must.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

export interface SigV4Config {
  credentials: { accessKeyId: string; secretAccessKey: string }[];
  services: string[];
  region: string;
  /** Allowed difference between x-amz-date and the emulator's clock. */
  maxSkewMs?: number;
  now?: () => number;
}

export interface SigV4Request {
  method: string;
  /** The request target exactly as received: raw path plus optional ?query. */
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type SigV4Result =
  | { ok: true; accessKeyId: string; service: string }
  | { ok: false; status: 401 | 403; code: string; message: string };

const HEADER_RE = /^AWS4-HMAC-SHA256\s+Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})\s*$/;

function fail(status: 401 | 403, code: string, message: string): SigV4Result {
  return { ok: false, status, code, message };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** 20250102T030405Z → Date, or undefined when malformed. */
function parseAmzDate(v: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) return undefined;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return query;
}

export async function verifySigV4(req: SigV4Request, cfg: SigV4Config): Promise<SigV4Result> {
  const auth = headerValue(req.headers, 'authorization') ?? '';
  const m = HEADER_RE.exec(auth.trim());
  if (!m) return fail(401, 'invalid_signature', 'Malformed AWS4-HMAC-SHA256 Authorization header.');
  const [, credential, signedHeaderList, signature] = m;

  const scope = credential.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') return fail(401, 'invalid_signature', 'Malformed credential scope in the Authorization header.');
  const [accessKeyId, scopeDate, region, service] = scope;
  if (!cfg.services.includes(service)) {
    return fail(403, 'invalid_signing_service', `Credential should be scoped to the correct service: '${cfg.services[0]}' (got '${service}').`);
  }
  if (region !== cfg.region) return fail(403, 'invalid_signing_region', `Credential should be scoped to a valid region: '${cfg.region}' (got '${region}').`);

  const signedHeaders = signedHeaderList.split(';');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) return fail(401, 'invalid_signature', `The '${required}' header must be signed.`);
  }
  if (req.headers['x-amz-security-token'] !== undefined && !signedHeaders.includes('x-amz-security-token')) {
    return fail(401, 'invalid_signature', "The 'x-amz-security-token' header must be signed.");
  }
  for (const h of signedHeaders) {
    if (req.headers[h] === undefined) return fail(401, 'invalid_signature', `Signed header '${h}' is missing from the request.`);
  }

  const amzDate = headerValue(req.headers, 'x-amz-date') ?? '';
  const signingDate = parseAmzDate(amzDate);
  if (!signingDate || amzDate.slice(0, 8) !== scopeDate) return fail(401, 'invalid_signature', 'x-amz-date is malformed or does not match the credential scope date.');
  const now = cfg.now?.() ?? Date.now();
  const maxSkew = cfg.maxSkewMs ?? 5 * 60_000;
  if (Math.abs(now - signingDate.getTime()) > maxSkew) {
    return fail(403, 'request_time_too_skewed', `Signature expired or not yet valid: x-amz-date ${amzDate} is more than ${maxSkew / 60_000} minutes from the server time.`);
  }

  const declaredHash = headerValue(req.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== 'UNSIGNED-PAYLOAD') {
    const actual = createHash('sha256').update(req.body).digest('hex');
    if (declaredHash !== actual) return fail(401, 'invalid_signature', 'x-amz-content-sha256 does not match the SHA-256 of the request body.');
  }

  const secret = cfg.credentials.find((c) => c.accessKeyId === accessKeyId)?.secretAccessKey;
  if (secret === undefined) return fail(401, 'invalid_signature', 'The security token included in the request is invalid (unknown access key id).');

  const headers: Record<string, string> = {};
  for (const h of signedHeaders) headers[h] = headerValue(req.headers, h) ?? '';
  const q = req.rawUrl.indexOf('?');
  const path = q >= 0 ? req.rawUrl.slice(0, q) : req.rawUrl;
  const host = headers.host;
  const signer = new SignatureV4({
    service,
    region,
    credentials: { accessKeyId, secretAccessKey: secret, sessionToken: headers['x-amz-security-token'] },
    sha256: Hash.bind(null, 'sha256'),
    // Only re-add the payload hash header if the caller signed one (curl --aws-sigv4, for example, does not).
    applyChecksum: signedHeaders.includes('x-amz-content-sha256'),
  });
  const signed = await signer.sign(
    {
      method: req.method,
      protocol: 'http:',
      hostname: host.replace(/:\d+$/, ''),
      path,
      query: q >= 0 ? parseQuery(req.rawUrl.slice(q + 1)) : {},
      headers,
      body: req.body.length ? req.body.toString('utf8') : undefined,
    },
    // Force exactly the caller's list (smithy would otherwise drop e.g. user-agent if a client chose to sign it).
    { signingDate, signableHeaders: new Set(signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
  const expectedList = /SignedHeaders=([^,\s]+)/.exec(String(signed.headers.authorization))?.[1];
  if (expectedList !== signedHeaderList || !timingSafeEqual(Buffer.from(expected), Buffer.from(signature))) {
    return fail(401, 'invalid_signature', 'The request signature we calculated does not match the signature you provided. Check your AWS secret access key and signing method.');
  }
  return { ok: true, accessKeyId, service };
}
