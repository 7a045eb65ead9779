// SigV4 against the emulator: requests signed by the openai SDK's own Bedrock provider and by @smithy/signature-v4
// in a custom fetch are accepted; a changed body, wrong secret, service, region or date is rejected.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import OpenAI from 'openai';
import { bedrock } from 'openai/providers/bedrock/aws';
import { startEmulator, type RunningEmulator } from '../emulator/server';

const AKID = 'AKIDEMULATOR';
const SECRET = 'emulator-secret-key';

interface SignOptions {
  service?: string;
  region?: string;
  secret?: string;
  sessionToken?: string;
  signingDate?: Date;
  /** Applied to the request after signing, to simulate tampering or a proxy adding headers. */
  afterSigning?: (req: { headers: Record<string, string>; body?: string }) => void;
}

/** A fetch for the SDK that signs every attempt with @smithy/signature-v4, like a hand-rolled SigV4 client would. */
function signingFetch(o: SignOptions = {}): typeof fetch {
  const signer = new SignatureV4({
    service: o.service ?? 'bedrock-mantle',
    region: o.region ?? 'us-east-1',
    credentials: { accessKeyId: AKID, secretAccessKey: o.secret ?? SECRET, sessionToken: o.sessionToken },
    sha256: Hash.bind(null, 'sha256'),
  });
  return async (input, init) => {
    const url = new URL(String(input));
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => { if (k !== 'authorization') headers[k] = v; });
    headers.host = url.host;
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const query: Record<string, string> = {};
    url.searchParams.forEach((v, k) => { query[k] = v; });
    const signed = await signer.sign(
      { method: init?.method ?? 'GET', protocol: url.protocol, hostname: url.hostname, port: Number(url.port), path: url.pathname, query, headers, body },
      { signingDate: o.signingDate },
    );
    const out = { headers: { ...(signed.headers as Record<string, string>) }, body };
    o.afterSigning?.(out);
    delete out.headers.host; // fetch sets it from the URL
    return fetch(input, { ...init, headers: out.headers, body: out.body });
  };
}

function signedClient(emu: RunningEmulator, o: SignOptions = {}): OpenAI {
  return new OpenAI({ apiKey: 'unused', defaultHeaders: { Authorization: null }, baseURL: emu.url, organization: null, project: null, maxRetries: 0, fetch: signingFetch(o) });
}

describe('emulator: SigV4', () => {
  let emu: RunningEmulator;
  before(async () => { emu = await startEmulator(); });
  after(() => emu.close());

  it('accepts requests signed by the SDK\'s own Bedrock provider (endpoint mantle)', async () => {
    const client = new OpenAI({
      provider: bedrock({ region: 'us-east-1', endpoint: 'mantle', baseURL: emu.url, accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: 'session-token-1' }),
      organization: null, project: null, maxRetries: 0,
    });
    const models = await client.models.list();
    assert.equal(models.data.length, 38);
    const res = await client.responses.create({ model: 'openai.gpt-oss-20b', input: 'My name is Alice and I like cats.' });
    const next = await client.responses.create({ model: 'openai.gpt-oss-20b', input: 'What is my name and what do I like?', previous_response_id: res.id });
    assert.match(next.output_text, /Alice[\s\S]*cats/);
    const stream = client.responses.stream({ model: 'openai.gpt-oss-20b', input: 'hello' });
    assert.equal((await stream.finalResponse()).status, 'completed');
    assert.ok(emu.log.slice(-4).every((e) => e.auth === 'sigv4' && e.status === 200));
  });

  it('accepts a hand-signed request, including a query string and a session token', async () => {
    const client = signedClient(emu, { sessionToken: 'temporary-session' });
    const res = await client.responses.create({ model: 'openai.gpt-oss-20b', input: [{ role: 'user', content: 'one' }, { role: 'user', content: 'two' }] });
    const items = await client.responses.inputItems.list(res.id, { limit: 5, order: 'asc' });
    assert.equal(items.data.length, 2);
    assert.equal(emu.log.at(-1)!.auth, 'sigv4');
  });

  const rejects = async (o: SignOptions, status: number, code: string): Promise<void> => {
    const err = await signedClient(emu, o).chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'hi' }] }).then(
      () => assert.fail('expected the request to be rejected'),
      (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
    );
    assert.ok(err instanceof OpenAI.APIError);
    assert.equal(err.status, status);
    assert.equal(err.code, code);
  };

  it('rejects a body changed after signing (401)', () =>
    rejects({ afterSigning: (r) => { r.body = r.body!.replace('hi', 'ho'); } }, 401, 'invalid_signature'));

  it('rejects a body changed together with its declared hash (401: the signature no longer matches)', () =>
    rejects({
      afterSigning: (r) => {
        r.body = r.body!.replace('hi', 'ho');
        r.headers['x-amz-content-sha256'] = createHash('sha256').update(r.body).digest('hex');
      },
    }, 401, 'invalid_signature'));

  it('rejects a wrong secret (401)', () => rejects({ secret: 'not-the-secret' }, 401, 'invalid_signature'));

  it('rejects an unsigned session token (401)', () =>
    rejects({ afterSigning: (r) => { r.headers['x-amz-security-token'] = 'smuggled'; } }, 401, 'invalid_signature'));

  it('accepts the scope bedrock as well as bedrock-mantle by default (both seen live), and rejects any other service (403)', async () => {
    const res = await signedClient(emu, { service: 'bedrock' }).chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'hi' }] });
    assert.ok(res.choices[0].message.content);
    await rejects({ service: 's3' }, 403, 'invalid_signing_service');
    const strict = await startEmulator({ acceptSigV4Services: ['bedrock-mantle'] });
    try {
      const err = await signedClient(strict, { service: 'bedrock' }).chat.completions.create({ model: 'zai.glm-5', messages: [{ role: 'user', content: 'hi' }] }).then(() => undefined, (e: unknown) => e);
      assert.ok(err instanceof OpenAI.APIError && err.status === 403 && err.code === 'invalid_signing_service', String(err));
    } finally {
      await strict.close();
    }
  });

  it('rejects the wrong region (403)', () => rejects({ region: 'eu-west-1' }, 403, 'invalid_signing_region'));

  it('rejects a signature dated more than 5 minutes away (403)', () =>
    rejects({ signingDate: new Date(Date.now() - 6 * 60_000) }, 403, 'request_time_too_skewed'));

  it('accepts a signature dated within the allowed skew', async () => {
    const res = await signedClient(emu, { signingDate: new Date(Date.now() - 4 * 60_000) }).models.list();
    assert.equal(res.data.length, 38);
  });

  it('rejects an unknown access key id (401)', async () => {
    const other = await startEmulator({ awsCredentials: [{ accessKeyId: 'AKIDOTHER', secretAccessKey: SECRET }] });
    try {
      await assert.rejects(signedClient(other).models.list(), (e: unknown) => e instanceof OpenAI.AuthenticationError);
    } finally {
      await other.close();
    }
  });
});
