// The published Mantle SigV4 test vector (openai/openai-node tests/fixtures/bedrock/v1/sigv4.json), reproduced with
// @smithy/signature-v4 — the signer the client uses and the emulator verifies with — and checked by the emulator's
// verifier, so both sides are pinned to the same known-good signature.
import { strict as assert } from 'node:assert';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';
import { verifySigV4 } from '../emulator/auth/sigv4Verify';

const DATE = new Date('2025-01-02T03:04:05Z');
const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'fixture-session-token' };
const BODY = '{"model":"gpt-4o","input":"hello"}';
const EXPECTED_HASH = '50329e51ad520f21b77bad0b01999930ff556cd1bf18434701251ba6c9f877bc';
const EXPECTED_AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250102/us-east-1/bedrock-mantle/aws4_request, '
  + 'SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, '
  + 'Signature=b81279dd7a01b9681012a7cf068f8ab7f663b85f0742741b509315ad22e32175';

async function signVector(): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: 'bedrock-mantle', region: 'us-east-1', credentials: CREDENTIALS, sha256: Hash.bind(null, 'sha256') });
  const signed = await signer.sign(
    {
      method: 'POST', protocol: 'https:', hostname: 'bedrock-mantle.us-east-1.api.aws', path: '/v1/responses', query: {},
      headers: { 'content-type': 'application/json', host: 'bedrock-mantle.us-east-1.api.aws' }, body: BODY,
    },
    { signingDate: DATE },
  );
  return signed.headers as Record<string, string>;
}

describe('SigV4 test vector (bedrock-mantle)', () => {
  it('reproduces the published payload hash and Authorization header with @smithy/signature-v4', async () => {
    const headers = await signVector();
    assert.equal(headers['x-amz-content-sha256'], EXPECTED_HASH);
    assert.equal(headers['x-amz-date'], '20250102T030405Z');
    assert.equal(headers['x-amz-security-token'], 'fixture-session-token');
    assert.equal(headers.authorization, EXPECTED_AUTH);
  });

  it('is accepted by the emulator verifier, and rejected once the body changes', async () => {
    const headers = await signVector();
    const cfg = {
      credentials: [{ accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: CREDENTIALS.secretAccessKey }],
      services: ['bedrock-mantle'], region: 'us-east-1', now: () => DATE.getTime(),
    };
    const request = { method: 'POST', rawUrl: '/v1/responses', headers, body: Buffer.from(BODY) };
    assert.deepEqual(await verifySigV4(request, cfg), { ok: true, accessKeyId: 'AKIDEXAMPLE', service: 'bedrock-mantle' });
    const tampered = await verifySigV4({ ...request, body: Buffer.from(BODY.replace('hello', 'hullo')) }, cfg);
    assert.equal(tampered.ok, false);
  });
});
