import { strict as assert } from 'node:assert';
import { decodeApiKey, describeKey, expiresSoon, expiryWarning, keyProblem } from '../../src/common/account/apiKeys';

/** A short-term key as @aws/bedrock-token-generator builds it (the signature is irrelevant to decoding). */
function shortTermKey(region: string, amzDate: string, expires = 43_200): string {
  const url = `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F${amzDate.slice(0, 8)}%2F${region}%2Fbedrock%2Faws4_request&X-Amz-Date=${amzDate}&X-Amz-Expires=${expires}&X-Amz-Security-Token=tok&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&Version=1`;
  return `bedrock-api-key-${btoa(url)}`;
}

const ISSUED = Date.UTC(2026, 11, 2, 4, 0, 0);

describe('account API keys', () => {
  it('decodes a short-term key: Region, date and expiry', () => {
    assert.deepEqual(decodeApiKey(shortTermKey('eu-west-1', '20261202T040000Z', 3600)), {
      kind: 'shortTerm', region: 'eu-west-1', issuedAt: ISSUED, expiresAt: ISSUED + 3_600_000,
    });
  });

  it('caps an expiry beyond 12 hours', () => {
    const info = decodeApiKey(shortTermKey('us-east-1', '20261202T040000Z', 99_999));
    assert.equal(info.kind === 'shortTerm' && info.expiresAt, ISSUED + 12 * 3_600_000);
  });

  it('decodes a long-term key kind and account, and does not mistake other strings', () => {
    assert.deepEqual(decodeApiKey(`ABSK${btoa('BedrockAPIKey-abcd-at-123456789012:secretpart')}`), { kind: 'longTerm', account: '123456789012' });
    assert.deepEqual(decodeApiKey('mantle-emulator-key'), { kind: 'other' });
    assert.deepEqual(decodeApiKey('bedrock-api-key-%%%'), { kind: 'shortTerm' });
  });

  it('stops an expired key before any request, naming the time', () => {
    const info = decodeApiKey(shortTermKey('us-east-1', '20261202T040000Z', 3600));
    assert.equal(keyProblem(info, 'us-east-1', false, ISSUED + 3_599_000), undefined);
    const p = keyProblem(info, 'us-east-1', false, ISSUED + 3_600_000);
    assert.equal(p?.kind, 'expired');
    assert.match(p?.message ?? '', /your bedrock api key expired at 2026-12-02 05:00 UTC/i);
    assert.match(p?.message ?? '', /Set API Key/);
  });

  it('names a key made for another Region, except on a custom endpoint', () => {
    const info = decodeApiKey(shortTermKey('eu-west-1', '20261202T040000Z'));
    const p = keyProblem(info, 'us-east-1', false, ISSUED);
    assert.equal(p?.kind, 'wrongRegion');
    assert.match(p?.message ?? '', /made for eu-west-1.*requests go to us-east-1/);
    assert.equal(keyProblem(info, 'us-east-1', true, ISSUED), undefined);
    assert.equal(keyProblem(info, 'eu-west-1', false, ISSUED), undefined);
  });

  it('warns in the last 15 minutes and describes keys without the secret', () => {
    const key = shortTermKey('us-east-1', '20261202T040000Z', 3600);
    const info = decodeApiKey(key);
    assert.equal(expiresSoon(info, ISSUED + 44 * 60_000), false);
    assert.equal(expiresSoon(info, ISSUED + 46 * 60_000), true);
    assert.match(expiryWarning(info, ISSUED + 50 * 60_000) ?? '', /expires at 2026-12-02 05:00 UTC \(in 10 min\)/);
    assert.equal(expiryWarning(info, ISSUED + 61 * 60_000), undefined);
    const line = describeKey(info, ISSUED);
    assert.match(line, /Short-term key for us-east-1, expires at 2026-12-02 05:00 UTC \(in 1 h 0 min\)/);
    assert.ok(!line.includes(key.slice(16, 40)));
    assert.match(describeKey({ kind: 'longTerm' }, ISSUED), /short-term keys/);
  });
});
