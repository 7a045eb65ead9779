import { strict as assert } from 'node:assert';
import { mapHttpFailure, mapNetworkFailure, type ErrorContext } from '../../src/common/mantle/errorMapping';
import { mapCredentialFailure, ssoLoginCommand } from '../../src/common/mantle/credentialErrors';
import { Redactor } from '../../src/common/redact';

const keyCtx: ErrorContext = { authMode: 'apiKey', region: 'us-east-1', host: 'bedrock-mantle.us-east-1.api.aws', customEndpoint: false, model: 'openai.gpt-oss-120b', api: 'responses', retries: 2 };
const profileCtx: ErrorContext = { ...keyCtx, authMode: 'awsProfile', profile: 'dev' };
const same = (s: string) => s;

describe('errors: HTTP failures', () => {
  it('401 with an API key offers Set API Key and explains expiry/Region', () => {
    const e = mapHttpFailure({ status: 401, code: 'invalid_api_key', message: '401 The API key is invalid.' }, keyCtx, same);
    assert.equal(e.kind, 'auth');
    assert.deepEqual(e.actions, ['setApiKey', 'showLogs']);
    assert.match(e.message, /API key.*12 hours.*us-east-1/);
  });

  it('401 with a profile offers Use AWS Profile and names the profile', () => {
    const e = mapHttpFailure({ status: 401, message: 'signature mismatch' }, profileCtx, same);
    assert.equal(e.kind, 'auth');
    assert.equal(e.actions[0], 'useAwsProfile');
    assert.match(e.message, /'dev'/);
  });

  it('401 with a short-term key from another Region says so and offers that Region first', () => {
    const e = mapHttpFailure({ status: 401, message: 'invalid' }, { ...keyCtx, keyRegion: 'eu-west-1' }, same);
    assert.equal(e.kind, 'auth');
    assert.match(e.message, /generated in eu-west-1.*requests go to us-east-1/);
    assert.deepEqual(e.actions, ['selectRegion', 'setApiKey', 'showLogs']);
    // Same Region: the usual message.
    assert.match(mapHttpFailure({ status: 401 }, { ...keyCtx, keyRegion: 'us-east-1' }, same).message, /wrong, expired/);
  });

  it('403 is forbidden and also offers another Region', () => {
    const e = mapHttpFailure({ status: 403, message: 'not authorized' }, keyCtx, same);
    assert.equal(e.kind, 'forbidden');
    assert.deepEqual(e.actions, ['setApiKey', 'selectRegion', 'showLogs']);
  });

  it('404 says the model is not in this Region and offers Select Region', () => {
    const e = mapHttpFailure({ status: 404, code: 'not_found_error', message: "The model 'x' does not exist" }, keyCtx, same);
    assert.equal(e.kind, 'modelNotFound');
    assert.match(e.message, /'openai\.gpt-oss-120b' is not available in Region us-east-1/);
    assert.deepEqual(e.actions, ['selectRegion', 'showLogs']);
  });

  it('recognises the unsupported-API 400 as a capability answer', () => {
    const e = mapHttpFailure({ status: 400, code: 'validation_error', message: "The model 'qwen.x' does not support the '/v1/responses' API" }, keyCtx, same);
    assert.equal(e.kind, 'unsupportedApi');
    const route = mapHttpFailure({ status: 400, message: "model `openai.gpt-5.4` isn't supported on this route" }, keyCtx, same);
    assert.equal(route.kind, 'unsupportedApi');
  });

  it('previous_response_not_found has its own kind, by code or by message', () => {
    assert.equal(mapHttpFailure({ status: 400, code: 'previous_response_not_found', message: 'x' }, keyCtx, same).kind, 'previousResponseNotFound');
    assert.equal(mapHttpFailure({ status: 404, message: "Previous response with id 'resp_1' not found." }, keyCtx, same).kind, 'previousResponseNotFound');
  });

  it('429 after retries says it is a tokens-per-minute quota', () => {
    const e = mapHttpFailure({ status: 429, message: 'Too many tokens' }, keyCtx, same);
    assert.equal(e.kind, 'rateLimited');
    assert.match(e.message, /after 2 retries/);
    assert.match(e.message, /tokens-per-minute quota/);
  });

  it('5xx is a server error, other 4xx a bad request; status and request id are kept', () => {
    const s = mapHttpFailure({ status: 503, message: 'busy', requestId: 'req-1' }, keyCtx, same);
    assert.equal(s.kind, 'server');
    assert.equal(s.requestId, 'req-1');
    assert.equal(s.status, 503);
    assert.equal(mapHttpFailure({ status: 400, message: "Unsupported parameter: 'top_p'" }, keyCtx, same).kind, 'badRequest');
  });

  it('passes the server text through the redactor', () => {
    const r = new Redactor();
    r.add('supersecretkey123');
    const e = mapHttpFailure({ status: 400, message: 'bad key supersecretkey123 here' }, keyCtx, (t) => r.redact(t));
    assert.doesNotMatch(e.message, /supersecretkey123/);
    assert.match(e.message, /\*\*\*/);
  });

  it('a custom endpoint is named by host instead of Region', () => {
    const e = mapHttpFailure({ status: 404, message: 'nope' }, { ...keyCtx, customEndpoint: true, host: '127.0.0.1:4010' }, same);
    assert.match(e.message, /127\.0\.0\.1:4010/);
  });
});

describe('errors: network failures', () => {
  it('names the host and suggests the proxy settings', () => {
    const e = mapNetworkFailure('connect ECONNREFUSED 10.0.0.1:443', keyCtx, same);
    assert.equal(e.kind, 'network');
    assert.match(e.message, /Could not reach bedrock-mantle\.us-east-1\.api\.aws: connect ECONNREFUSED/);
    assert.match(e.message, /proxy/);
  });
  it('with a custom endpoint, offers the settings', () => {
    const e = mapNetworkFailure('x', { ...keyCtx, customEndpoint: true }, same);
    assert.ok(e.actions.includes('openSettings'));
  });
});

describe('errors: credential failures', () => {
  it('an expired SSO session gives the exact login command and a copy action', () => {
    const e = mapCredentialFailure('The SSO session associated with this profile has expired. To refresh this SSO session run aws sso login with the corresponding profile.', 'dev', true, same);
    assert.equal(e.kind, 'ssoExpired');
    assert.equal(e.command, 'aws sso login --profile dev');
    assert.ok(e.actions.includes('copySsoCommand'));
    assert.match(e.message, /`aws sso login --profile dev`/);
  });
  it('a missing SSO token (sso-session style) is also ssoExpired', () => {
    const e = mapCredentialFailure("The SSO session token associated with profile=dev was not found or is invalid. To refresh this SSO session run 'aws sso login' with the corresponding profile.", 'dev', true, same);
    assert.equal(e.kind, 'ssoExpired');
  });
  it('an expired token of an SSO profile is ssoExpired even in other words', () => {
    assert.equal(mapCredentialFailure('Token is expired.', 'dev', true, same).kind, 'ssoExpired');
    assert.equal(mapCredentialFailure('Token is expired.', 'dev', false, same).kind, 'config');
  });
  it('a missing profile whose name starts with sso is a config error, not an SSO one', () => {
    assert.equal(mapCredentialFailure('Profile sso-dev was not found.', 'sso-dev', true, same).kind, 'config');
  });
  it('other failures are config errors naming the profile', () => {
    const e = mapCredentialFailure('Profile dev credential_process returned invalid JSON.', 'dev', false, same);
    assert.equal(e.kind, 'config');
    assert.match(e.message, /profile 'dev'.*invalid JSON/);
  });
  it('quotes unusual profile names for the shell', () => {
    assert.equal(ssoLoginCommand('team-dev.admin'), 'aws sso login --profile team-dev.admin');
    assert.equal(ssoLoginCommand("my prof'x"), `aws sso login --profile 'my prof'\\''x'`);
  });
});
