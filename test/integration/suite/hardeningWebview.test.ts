// The options and HTML each webview is created with, in the extension host: command URIs off, scripts only from the
// bundle with a fresh nonce per load, resources only from the extension's dist/ and media/, and a CSP that allows
// nothing else (the same checks the Chromium harness relies on, taken from the real builders here).
import * as assert from 'node:assert/strict';
import vscode = require('vscode');
import { chatHtml, chatWebviewOptions, compareHtml, compareWebviewOptions } from '../../../src/vscode/webviewHost';
import { activateExtension } from './testEnv';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function fakeWebview(): vscode.Webview {
  return { cspSource: CSP_SOURCE, asWebviewUri: (u: vscode.Uri) => vscode.Uri.parse(`${CSP_SOURCE}${u.path}`) } as unknown as vscode.Webview;
}

function csp(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  return new Map(content.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));
}

describe('hardening: webview options and HTML', () => {
  let extensionUri: vscode.Uri;
  before(async () => { extensionUri = (await activateExtension()).extensionUri; });

  for (const [name, options] of [['chat', chatWebviewOptions], ['compare', compareWebviewOptions]] as const) {
    it(`${name}: command URIs disabled, resources only from dist/ and media/`, () => {
      const o = options(extensionUri);
      assert.equal(o.enableCommandUris, false);
      assert.equal(o.enableScripts, true);
      assert.deepEqual((o.localResourceRoots ?? []).map((u) => u.path).sort(), [vscode.Uri.joinPath(extensionUri, 'dist').path, vscode.Uri.joinPath(extensionUri, 'media').path]);
      assert.equal((o as { enableForms?: boolean }).enableForms, undefined, 'forms are not enabled');
    });
  }

  for (const [name, build] of [
    ['chat view', () => chatHtml(fakeWebview(), extensionUri, 'view')],
    ['chat panel', () => chatHtml(fakeWebview(), extensionUri, 'panel')],
    ['compare', () => compareHtml(fakeWebview(), extensionUri)],
  ] as const) {
    it(`${name}: default-src 'none', one script by a fresh nonce, nothing unsafe`, () => {
      const first = build();
      const d = csp(first);
      assert.deepEqual(d.get('default-src'), ["'none'"]);
      const script = d.get('script-src') ?? [];
      assert.equal(script.length, 1);
      assert.match(script[0] ?? '', /^'nonce-[A-Za-z0-9+/=]{16,}'$/);
      assert.ok(![...d.values()].flat().some((v) => /unsafe|\*|^https?:$|^http:/.test(v)), [...d.entries()].join(' | '));
      const scripts = [...first.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.equal(scripts.length, 1);
      assert.ok(scripts[0]?.includes(`nonce="${(script[0] ?? '').slice(7, -1)}"`) && scripts[0].includes('/dist/webview.js'));
      assert.ok(!/\son[a-z]+=/i.test(first) && !/\sstyle=/.test(first), 'no inline handlers or styles');
      assert.notEqual(csp(build()).get('script-src')?.[0], script[0], 'a new nonce for every load');
    });
  }
});
