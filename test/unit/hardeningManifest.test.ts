// What the manifest promises about trust and what the chat refuses before anything is sent.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPrompt, MAX_PROMPT_CHARS } from '../../src/common/chat/input';
import { MAX_MESSAGE_STRING, parseWebviewMessage } from '../../src/common/protocol';

interface Manifest {
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; restrictedConfigurations?: string[]; description?: string } };
  contributes?: { configuration?: { properties?: Record<string, { scope?: string }> } | { properties?: Record<string, { scope?: string }> }[] };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;

describe('hardening: workspace trust in the manifest', () => {
  it('declares limited support for untrusted workspaces, with the endpoint restricted', () => {
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.ok(trust?.restrictedConfigurations?.includes('bedrockMantle.endpoint'));
    assert.ok((trust?.description ?? '').length > 20, 'says what is limited');
  });

  it('makes the endpoint a machine setting, so a workspace cannot set it', () => {
    const config = manifest.contributes?.configuration;
    const properties = Object.assign({}, ...(Array.isArray(config) ? config : [config]).map((c) => c?.properties ?? {})) as Record<string, { scope?: string }>;
    assert.equal(properties['bedrockMantle.endpoint']?.scope, 'machine');
  });
});

describe('hardening: prompts the chat refuses before sending', () => {
  it('a prompt longer than one webview message may carry is refused with its size, not dropped by the validator', () => {
    assert.equal(MAX_PROMPT_CHARS, MAX_MESSAGE_STRING, 'every prompt the composer lets through fits in a message');
    const huge = 'x'.repeat(MAX_PROMPT_CHARS + 1);
    const r = checkPrompt(huge);
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.reason, /2,000,001 characters long/);
    assert.equal(checkPrompt('x'.repeat(MAX_PROMPT_CHARS)).ok, true);
    assert.equal(parseWebviewMessage({ type: 'send', threadId: 't', text: 'x'.repeat(MAX_PROMPT_CHARS), background: false }).ok, true);
  });
});
