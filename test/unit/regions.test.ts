import { strict as assert } from 'node:assert';
import { MANTLE_REGIONS, checkEndpointUrl, isMantleRegion, regionalBaseUrl, signingRegionFor, regionOfShortTermKey } from '../../src/common/mantle/regions';
import pkg from '../../package.json';

describe('regions', () => {
  it('lists the same Regions as the bedrockMantle.region enum in package.json', () => {
    const declared = (pkg.contributes.configuration.properties['bedrockMantle.region'] as { enum: string[] }).enum;
    assert.deepEqual([...MANTLE_REGIONS].sort(), [...declared].sort());
  });

  it('accepts Mantle Regions and rejects others', () => {
    assert.equal(isMantleRegion('eu-west-1'), true);
    assert.equal(isMantleRegion('us-west-1'), false); // not offered on Mantle
    assert.equal(isMantleRegion('US-EAST-1'), false);
    assert.equal(isMantleRegion(''), false);
  });

  it('builds the Regional /v1 base URL', () => {
    assert.equal(regionalBaseUrl('ap-south-1'), 'https://bedrock-mantle.ap-south-1.api.aws/v1');
  });

  describe('checkEndpointUrl', () => {
    it('accepts https and strips trailing slashes', () => {
      assert.deepEqual(checkEndpointUrl(' https://proxy.example.com/mantle/v1/ '), { ok: true, url: 'https://proxy.example.com/mantle/v1' });
    });
    it('accepts plain http only for loopback hosts', () => {
      assert.equal(checkEndpointUrl('http://127.0.0.1:4010/v1').ok, true);
      assert.equal(checkEndpointUrl('http://localhost:4010/v1').ok, true);
      const r = checkEndpointUrl('http://proxy.corp.example/v1');
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.problem : '', /plain http/);
    });
    it('names a malformed URL', () => {
      const r = checkEndpointUrl('bedrock-mantle.us-east-1.api.aws/v1');
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.problem : '', /is not a URL/);
    });
    it('rejects other schemes, embedded credentials and query strings', () => {
      assert.match(String((checkEndpointUrl('ftp://x.example/v1') as { problem: string }).problem), /ftp/);
      assert.match(String((checkEndpointUrl('https://user:pw@x.example/v1') as { problem: string }).problem), /user name or password/);
      assert.match(String((checkEndpointUrl('https://x.example/v1?a=1') as { problem: string }).problem), /query/);
    });
  });

  it('takes the signing Region from a bedrock-mantle host name, else the configured Region', () => {
    assert.equal(signingRegionFor('https://bedrock-mantle.eu-west-2.api.aws/v1', 'us-east-1'), 'eu-west-2');
    assert.equal(signingRegionFor('https://vpce-123.bedrock-mantle.ap-south-1.vpce.amazonaws.com/v1', 'us-east-1'), 'ap-south-1');
    assert.equal(signingRegionFor('http://127.0.0.1:4010/v1', 'us-east-2'), 'us-east-2');
  });

  describe('regionOfShortTermKey', () => {
    const presigned = (region: string) => `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAEXAMPLE%2F20260101%2F${region}%2Fbedrock%2Faws4_request&X-Amz-Date=20260101T000000Z&X-Amz-Expires=43200&X-Amz-Security-Token=tok&X-Amz-SignedHeaders=host&X-Amz-Signature=abc&Version=1`;
    it('reads the Region from a short-term key', () => {
      assert.equal(regionOfShortTermKey(`bedrock-api-key-${btoa(presigned('eu-west-1'))}`), 'eu-west-1');
    });
    it('has nothing for long-term or malformed keys', () => {
      assert.equal(regionOfShortTermKey('ABSKQmVkcm9ja0FQSUtleS1leGFtcGxl'), undefined);
      assert.equal(regionOfShortTermKey('bedrock-api-key-%%%not-base64'), undefined);
      assert.equal(regionOfShortTermKey(`bedrock-api-key-${btoa('no credential here')}`), undefined);
    });
  });
});
