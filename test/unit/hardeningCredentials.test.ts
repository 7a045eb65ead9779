// Item 2 of issue 18: a failing credential source names the profile and how to check it, and nothing it said beyond
// a scrubbed first line — never its command line — reaches a message; the redactor knows the encoded forms.
import { strict as assert } from 'node:assert';
import { credentialFailureDetail, exportCredentialsCommand, mapCredentialFailure, MAX_CREDENTIAL_DETAIL_CHARS } from '../../src/common/mantle/credentialErrors';
import { Redactor } from '../../src/common/redact';

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
const VAULT_TOKEN = 'hvs.CAESIJlWh7x9q2Zt4kP3mN8vR1sT6uY0wE5aB';
const ARGV_TOKEN = 'tok-9f8e7d6c5b4a39281706f5e4d3c2b1a0';

describe('hardening: credential failures say which profile and how to check it', () => {
  const same = (s: string) => s;

  it('a failing credential_process: no command line, no stderr beyond a scrubbed first line', () => {
    // Node's exec() message: the command line, then stderr.
    const raw = `Command failed: /opt/bin/get-creds --token ${ARGV_TOKEN} --role prod\nvault: permission denied for token ${VAULT_TOKEN}\n{"SecretAccessKey":"${SECRET_KEY}"}\n`;
    const e = mapCredentialFailure(raw, 'prod-admin', false, same);
    assert.equal(e.kind, 'config');
    assert.match(e.message, /profile 'prod-admin': vault: permission denied for token \*\*\*\. Check the profile in a terminal with `aws configure export-credentials --profile prod-admin`\./);
    for (const leak of [ARGV_TOKEN, VAULT_TOKEN, SECRET_KEY, 'get-creds', '--role']) assert.ok(!e.message.includes(leak), leak);
  });

  it('JSON credentials printed on the first line are masked field by field', () => {
    const detail = credentialFailureDetail(`{"Version":1,"AccessKeyId":"ASIAEXAMPLEEXAMPLE12","SecretAccessKey":"${SECRET_KEY}","SessionToken":"${VAULT_TOKEN}"}`, same) ?? '';
    for (const leak of ['ASIAEXAMPLEEXAMPLE12', SECRET_KEY, VAULT_TOKEN]) assert.ok(!detail.includes(leak), leak);
    assert.match(detail, /"SecretAccessKey":"\*\*\*/);
  });

  it('keeps the SDK\'s own sentence, bounds a long line, and has nothing for an empty stderr', () => {
    assert.equal(credentialFailureDetail('Profile dev credential_process returned invalid JSON.', same), 'Profile dev credential_process returned invalid JSON.');
    assert.equal(credentialFailureDetail(`error ${'word '.repeat(200)}`, same)?.length, MAX_CREDENTIAL_DETAIL_CHARS);
    assert.equal(credentialFailureDetail('Command failed: /opt/bin/get-creds --token x\n', same), undefined);
    assert.match(mapCredentialFailure('Command failed: get-creds --token x\n', 'dev', false, same).message, /^Could not get AWS credentials for profile 'dev'\. Check/);
  });

  it('quotes an unusual profile name for the shell in the check command', () => {
    assert.equal(exportCredentialsCommand('dev'), 'aws configure export-credentials --profile dev');
    assert.equal(exportCredentialsCommand("a b'c"), `aws configure export-credentials --profile 'a b'\\''c'`);
  });
});

describe('hardening: the redactor knows encoded secrets and SigV4 headers', () => {
  it('masks a registered secret in its URL-encoded forms', () => {
    const r = new Redactor();
    r.add(SECRET_KEY);
    const encoded = encodeURIComponent(SECRET_KEY);
    assert.notEqual(encoded, SECRET_KEY);
    const lowerHex = encoded.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
    assert.equal(r.redact(`body=${encoded}&again=${lowerHex}`), 'body=***&again=***');
  });

  it('masks the access key id in a SigV4 Authorization header and on its own', () => {
    const header = 'authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/bedrock-mantle/aws4_request, SignedHeaders=host;x-amz-date, Signature=0123456789abcdef0123456789abcdef';
    const out = new Redactor().redact(header);
    assert.ok(!out.includes('AKIAIOSFODNN7EXAMPLE'), out);
    assert.ok(!out.includes('0123456789abcdef0123'), out);
    assert.ok(!new Redactor().redact('key id ASIAIOSFODNN7EXAMPLE in text').includes('ASIAIOSFODNN7EXAMPLE'));
  });
});
