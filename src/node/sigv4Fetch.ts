// SigV4 signing of each HTTP attempt with @smithy/signature-v4 (service `bedrock-mantle`). It runs inside the fetch
// the openai SDK calls per attempt, because the SDK changes x-stainless-retry-count between attempts and a signature
// covers every header it lists (PROTOCOL.md §4.3-4.4). The SDK's own Bedrock provider is not used: it imports
// @aws-sdk/credential-provider-node at load time, which would put the whole default credential chain in the bundle.
import type { CredentialsProvider } from './connection';

export type FetchFn = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Mantle strips headers with '_' before verifying, so signing one would break the signature (openai/codex). */
const UNSIGNABLE = /_/;

export function createSigV4Fetch(opts: { region: string; credentials: CredentialsProvider; fetch: FetchFn; service?: string }): FetchFn {
  // Required lazily: an API-key session never evaluates the AWS signing code.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SignatureV4 } = require('@smithy/signature-v4') as typeof import('@smithy/signature-v4');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Hash } = require('@smithy/hash-node') as typeof import('@smithy/hash-node');
  const signer = new SignatureV4({
    service: opts.service ?? 'bedrock-mantle',
    region: opts.region,
    credentials: opts.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });

  return async (input, init = {}) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    const bag: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      // The SDK put `Authorization: Bearer <placeholder>` in; the signer's own headers must not be stale either.
      if (name === 'authorization' || name.startsWith('x-amz-') || UNSIGNABLE.test(name)) return;
      bag[name] = value;
    });
    // @smithy does not add host and silently leaves it unsigned if it is missing; Mantle requires it signed.
    bag.host = url.host;
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    if (init.body !== undefined && init.body !== null && typeof init.body !== 'string') {
      throw new Error('SigV4 signing needs a replayable string body');
    }
    const signed = await signer.sign({
      method: (init.method ?? 'GET').toUpperCase(),
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query,
      headers: bag,
      body: init.body ?? undefined,
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(signed.headers)) {
      // fetch sets Host itself from the URL (the same value that was signed).
      if (name !== 'host') headers.set(name, value);
    }
    return opts.fetch(url.href, { ...init, headers });
  };
}
