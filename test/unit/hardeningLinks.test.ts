// Item 6 of issue 18: a link in a webview opens at most once and only after a confirmation (VS Code's for web links,
// the extension's own for mail links and links to this machine); removed images and links leave a placeholder.
import { strict as assert } from 'node:assert';
import type { Marked } from 'marked' with { 'resolution-mode': 'import' };
import { decideLink, LinkGate } from '../../src/common/linkPolicy';
import { interceptLink } from '../../src/webview/dom';
import { buildMarked } from '../../src/webview/markdown';

describe('hardening: which links a webview may open, and how', () => {
  it('web links go to openExternal, whose link protection asks first', () => {
    assert.deepEqual(decideLink('https://example.com/a?b=1#c'), { kind: 'open', url: 'https://example.com/a?b=1#c' });
    assert.equal(decideLink('http://docs.example.org').kind, 'open');
  });

  it('mail links and links to this machine are confirmed by the extension first', () => {
    for (const href of ['mailto:someone@example.com?subject=hi', 'http://localhost:8080/admin', 'http://127.0.0.1:9/x', 'http://[::1]:3000/', 'http://app.localhost/', 'http://0.0.0.0:80']) {
      const d = decideLink(href);
      assert.equal(d.kind, 'confirm', href);
      if (d.kind === 'confirm') assert.ok(d.detail.length > 0 && d.question.endsWith('?'));
    }
  });

  it('every other scheme, a relative link and a web link with credentials are refused', () => {
    for (const href of ['command:workbench.action.quit', 'javascript:alert(1)', 'file:///etc/passwd', 'vscode://ext/x', 'data:text/html,x', '/relative', 'https://user:pw@example.com/']) {
      assert.equal(decideLink(href).kind, 'refuse', href);
    }
  });

  it('the confirmation shows the address inertly', () => {
    const d = decideLink('mailto:a@b.c?body=[x](command:y)');
    assert.equal(d.kind, 'confirm');
    if (d.kind === 'confirm') assert.ok(!/\]\(command:/.test(d.detail));
  });

  it('a second click on a link that is still being confirmed opens nothing more', async () => {
    const gate = new LinkGate();
    let opened = 0;
    let answer: () => void = () => undefined;
    const confirming = new Promise<void>((r) => { answer = r; });
    const first = gate.run('https://x.example', async () => { await confirming; opened++; });
    assert.equal(await gate.run('https://x.example', async () => { opened++; }), false, 'the double click is dropped');
    answer();
    assert.equal(await first, true);
    assert.equal(await gate.run('https://x.example', async () => { opened++; }), true, 'a later click opens again');
    assert.equal(opened, 2);
  });
});

describe('hardening: removed images and links leave a visible placeholder', () => {
  let md: Marked;
  before(async () => { md = buildMarked((await import('marked')).Marked); });
  const render = (s: string) => md.parse(s, { async: false });

  it('an image is never an <img>, and says it was removed with its alt text', () => {
    const html = render('![tracking pixel](https://evil.example/p.png)');
    assert.doesNotMatch(html, /<img/);
    assert.match(html, /tracking pixel \[image removed\]/);
    assert.match(render('![](https://evil.example/p.png)'), /\[image removed\]/);
  });

  it('a link with a scheme the sanitizer strips keeps its words and says the link was removed', () => {
    const html = render('[Click me](javascript:alert(1)) and [run](command:workbench.action.quit)');
    assert.doesNotMatch(html, /href/);
    assert.match(html, /Click me \[link removed\]/);
    assert.match(html, /run \[link removed\]/);
  });

  it('web and mail links stay links', () => {
    assert.match(render('[docs](https://example.com)'), /<a href="https:\/\/example.com">docs<\/a>/);
    assert.match(render('[mail](mailto:a@b.c)'), /<a href="mailto:a@b.c">mail<\/a>/);
  });
});

describe('hardening: a click on a link in the webview reaches only the extension', () => {
  // The smallest DOM the handler touches: a root that contains one link, and a click on the link's text.
  const link = { getAttribute: (n: string) => (n === 'href' ? 'https://example.com/' : null) };
  const root = { contains: (n: unknown) => n === link } as unknown as HTMLElement;
  const target = { closest: (sel: string) => (sel === 'a' ? link : null) };

  it('cancels the navigation and stops the click before VS Code\'s webview frame sees it', () => {
    const calls: string[] = [];
    const e = { target, preventDefault: () => calls.push('preventDefault'), stopPropagation: () => calls.push('stopPropagation') } as unknown as MouseEvent;
    const opened: string[] = [];
    assert.equal(interceptLink(root, e, (href) => opened.push(href)), true);
    assert.deepEqual(calls.sort(), ['preventDefault', 'stopPropagation']);
    assert.deepEqual(opened, ['https://example.com/'], 'handed to the host once');
  });
});
