// Item 1 of issue 18: no value from a workspace, a file name or a server becomes a live link or icon in VS Code's
// notifications, progress messages, status bar or quick picks, and the settings that feed them are validated.
import { strict as assert } from 'node:assert';
import { inert, MAX_INERT_CHARS, quoteInert } from '../../src/common/inertText';
import { mapHttpFailure, type ErrorContext } from '../../src/common/mantle/errorMapping';
import { checkModelId, checkProfileName, checkRegion } from '../../src/common/settingsPolicy';

// The pattern VS Code's notifications use to find links (vs/base/common/linkedText.ts), and its icon pattern.
const VSCODE_LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
const VSCODE_ICON = /\$\([a-z0-9-]+(?:~[a-z]+)?\)/gi;

const HOSTILE = [
  '[Sign in again](command:workbench.action.files.newUntitledFile)',
  'src/[Accept](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%22%7D).js',
  '[cart](command:workbench.action.quickOpen?%22cart.js%22 "Open")',
  '[x]   (https://evil.example)',
  '[a [nested](file:///etc/passwd)',
  'name$(alert)$(sync~spin)',
];

function assertInert(text: string): void {
  assert.equal(text.match(VSCODE_LINK), null, `a live link in ${JSON.stringify(text)}`);
  assert.equal(text.match(VSCODE_ICON), null, `an icon in ${JSON.stringify(text)}`);
}

describe('hardening: inert text for VS Code chrome', () => {
  it('the hostile values are live links or icons as they stand (so the check below can catch them)', () => {
    const live = HOSTILE.filter((h) => h.match(VSCODE_LINK) || h.match(VSCODE_ICON));
    assert.deepEqual(live, HOSTILE.filter((h) => !h.includes(']   (')));
  });

  it('leaves no link or icon syntax, and keeps the words readable', () => {
    for (const h of HOSTILE) assertInert(inert(h));
    assert.equal(inert('[Sign in again](command:x)'), '[Sign in again] (command:x)');
    assert.equal(inert('plain text, 100% fine'), 'plain text, 100% fine');
  });

  it('drops control and bidirectional-override characters', () => {
    assert.equal(inert('a\u0000b\u001bc'), 'a b c');
    assert.equal(inert('invoice\u202Egpj.exe'), 'invoicegpj.exe');
  });

  it('bounds the length of a long server text', () => {
    const out = inert('<html>'.repeat(40_000));
    assert.equal(out.length, MAX_INERT_CHARS);
    assert.ok(out.endsWith('…'));
    assert.ok(quoteInert('x'.repeat(500)).length <= 82);
  });

  it('a model id and a server text in a 404 error are inert once presented', () => {
    const ctx: ErrorContext = { authMode: 'apiKey', region: 'us-east-1', host: 'h', customEndpoint: false, model: HOSTILE[2] };
    const err = mapHttpFailure({ status: 404, message: HOSTILE[0] }, ctx, (s) => s);
    assertInert(inert(err.message));
  });
});

describe('hardening: settings that feed requests and messages are validated', () => {
  it('accepts real profile names and refuses link, shell or INI syntax, quoting the value inertly', () => {
    for (const ok of ['default', 'prod-admin', 'team.dev', 'sso@org', 'a_b+c=d,e']) assert.equal(checkProfileName(ok).ok, true, ok);
    for (const bad of [HOSTILE[0], 'a b', 'x]\n[profile y', '$(rm -rf)', '', 'p'.repeat(129)]) {
      const r = checkProfileName(bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) { assertInert(r.problem); assert.match(r.problem, /Use AWS Profile/); }
    }
  });

  it('accepts model ids and refuses anything else', () => {
    for (const ok of ['openai.gpt-oss-120b', 'qwen.qwen3-coder-480b-a35b-instruct', 'vendor.model:0', 'org/model']) assert.equal(checkModelId('s', ok).ok, true, ok);
    for (const bad of [HOSTILE[2], ' lead', '', '-x', 'a'.repeat(201)]) {
      const r = checkModelId('bedrockMantle.coder.defaultModel', bad);
      assert.equal(r.ok, false, bad);
      if (!r.ok) { assertInert(r.problem); assert.match(r.problem, /bedrockMantle\.coder\.defaultModel/); }
    }
  });

  it('a Region outside the list is refused without echoing a live link', () => {
    assert.equal(checkRegion('eu-west-1').ok, true);
    const r = checkRegion('[Select Region](command:workbench.action.terminal.sendSequence)');
    assert.equal(r.ok, false);
    if (!r.ok) { assertInert(r.problem); assert.match(r.problem, /Select Region…/); }
  });
});
