// Hostile model output in the real webview bundle, in real Chromium, under the shipped page's CSP (see
// test/hardening/webviewHarness.ts). Each output of test/fixtures/hostile-outputs.ts is streamed in as an assistant
// answer with the host's own messages (state, then deltas cut into small pieces so tags arrive half-written, then
// the final state), the way ChatController sends them. Then: no script ran (sentinel, dialogs, page errors), the CSP
// had nothing to block (the sanitizer removed it first), no request left the page, no dangerous markup is in the
// DOM, clicking every link navigates nowhere, and the words of the answer are still there to read.
import { strict as assert } from 'node:assert';
import type { HostMessage } from '../../src/common/protocol';
import type { Thread, TurnStatus } from '../../src/common/threads/model';
import { chatCsp, chatPageHtml } from '../../src/common/webviewPage';
import { HOSTILE_OUTPUTS } from '../fixtures/hostile-outputs';
import { settled, type PageFindings, type WebviewHarness } from '../hardening/webviewHarness';
import { chatWebviewForSuite, threadState } from '../kit/webview';

const MODEL = 'openai.gpt-oss-120b';

function thread(id: string, answer: string, status: TurnStatus, extra: Partial<Thread['turns'][number]> = {}): Thread {
  return {
    id, title: 'hostile', model: MODEL, createdAt: 1, updatedAt: 2,
    turns: [{ id: `${id}-turn`, prompt: 'Show me something', model: MODEL, api: 'responses', answer, reasoning: '', status, createdAt: 1, ...extra }],
  };
}

function state(t: Thread): HostMessage {
  return threadState(t, MODEL);
}

const post = (h: WebviewHarness, m: HostMessage) => h.page.evaluate((msg) => window.postMessage(msg, '*'), m);

function assertClean(f: PageFindings, what: string): void {
  assert.deepEqual(f.hits, [], `${what}: a script ran`);
  assert.deepEqual(f.dialogs, [], `${what}: a dialog opened`);
  assert.deepEqual(f.pageErrors, [], `${what}: the page threw`);
  assert.deepEqual(f.leaks, [], `${what}: a request reached the outside`);
  assert.deepEqual(f.foreignRequests, [], `${what}: the page requested something other than its own files`);
}

describe('hardening: hostile model output in the real webview (Chromium, shipped CSP)', function () {
  this.timeout(120_000);
  const h = chatWebviewForSuite();


  it(`the corpus has at least 30 outputs, each with words to read`, () => {
    assert.ok(HOSTILE_OUTPUTS.length >= 30, `${HOSTILE_OUTPUTS.length} outputs`);
    assert.equal(new Set(HOSTILE_OUTPUTS.map((o) => o.id)).size, HOSTILE_OUTPUTS.length, 'ids are unique');
    for (const o of HOSTILE_OUTPUTS) assert.ok(o.readable.length > 0, o.id);
  });

  for (const o of HOSTILE_OUTPUTS) {
    it(`renders "${o.id}" harmlessly and readably`, async () => {
      await h.open();
      const output = o.output.replace(/HIT\(([\w-]+)\)/g, "__hit('$1')").replace(/LEAK/g, `${h.leakOrigin}/leak`);
      const id = `t-${o.id}`;
      await post(h, state(thread(id, '', 'streaming')));
      // Pieces of 7 characters: tags and links arrive half-written, and each partial answer is rendered.
      for (let i = 0; i < output.length; i += 7) {
        await post(h, { type: 'delta', threadId: id, turnId: `${id}-turn`, text: output.slice(i, i + 7), reasoning: '' });
        if (i % 28 === 0) await settled(h.page);
      }
      await settled(h.page);
      await post(h, state(thread(id, output, 'done')));
      await settled(h.page);

      const dom = await h.page.evaluate(() => {
        const answer = document.querySelector('.msg.assistant .answer');
        // The view's own code-block buttons (copy, insert, open) are its chrome, not the answer's markup.
        const all = answer ? [...answer.querySelectorAll('*')].filter((e) => e.closest('.code-block > .code-bar') === null) : [];
        const links = answer ? [...answer.querySelectorAll('a')] : [];
        const hrefs = links.filter((a) => a.hasAttribute('href')).map((a) => a.getAttribute('href') ?? '');
        // Clicking must navigate nowhere: the webview hands links to the host, which opens only web links.
        for (const a of links) a.click();
        return {
          text: answer?.textContent ?? '',
          tags: [...new Set(all.map((e) => e.tagName.toLowerCase()))],
          handlers: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'style' || a.name === 'srcset' || a.name === 'srcdoc').map((a) => `${e.tagName}[${a.name}]`)),
          hrefs,
          url: location.href,
        };
      });
      await settled(h.page, 150); // error events of failed loads and any navigation would land by now
      const findings = await h.findings();
      assertClean(findings, o.id);
      assert.deepEqual(findings.violations, [], `${o.id}: markup reached the page that only the CSP stopped`);
      const banned = dom.tags.filter((t) => ['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'img', 'form', 'input', 'button', 'link', 'meta', 'base', 'video', 'audio', 'template', 'frame', 'noscript'].includes(t));
      assert.deepEqual(banned, [], `${o.id}: dangerous elements in the answer`);
      assert.deepEqual(dom.handlers, [], `${o.id}: handler/style attributes in the answer`);
      for (const href of dom.hrefs) {
        assert.match(href, /^(?:https?:|mailto:|#)/i, `${o.id}: link ${JSON.stringify(href)}`);
        assert.doesNotMatch(href, /[\u200B-\u200F\u202A-\u202E\u2066-\u2069]/, `${o.id}: invisible or bidi characters in ${JSON.stringify(href)}`);
      }
      assert.equal(dom.url, `${h.origin}/`, `${o.id}: the page navigated`);
      const text = dom.text.replace(/\s+/g, ' ');
      for (const word of o.readable) assert.ok(text.includes(word.replace(/HIT\(([\w-]+)\)/g, "__hit('$1')").replace(/\s+/g, ' ')), `${o.id}: "${word}" is not readable in ${JSON.stringify(text.slice(0, 300))}`);
    });
  }

  it('shows hostile text in the prompt, reasoning, title and error message as text only', async () => {
    await h.open();
    const evil = `<img src="${h.leakOrigin}/leak/t.png" onerror="__hit('text-fields')"><script>__hit('text-fields')</script>`;
    const t = thread('t-text', 'plain answer', 'error', { prompt: `prompt ${evil}`, reasoning: `reasoning ${evil}`, error: { kind: 'server', message: `error ${evil}`, actions: ['showLogs', `"><img src=x onerror=__hit('action')>`] } });
    await post(h, state({ ...t, title: `title ${evil}`, model: `model ${evil}` }));
    await settled(h.page, 150);
    const f = await h.findings();
    assertClean(f, 'text fields');
    assert.deepEqual(f.violations, []);
    const count = await h.page.evaluate(() => document.querySelectorAll('#app img, #app script').length);
    assert.equal(count, 0);
    const text = await h.page.evaluate(() => document.getElementById('app')?.textContent ?? '');
    assert.ok(text.includes('error <img'), 'the error reads as text');
  });

  it('shows a tool call\'s name, arguments and result summary as text only, with nothing to click', async () => {
    await h.open();
    const evil = `<img src="${h.leakOrigin}/leak/t.png" onerror="__hit('tool-use')"><a href="command:workbench.action.terminal.new">run</a>`;
    const t = thread('t-tools', 'plain answer', 'done', { tools: [{ name: `read_file${evil}`, args: `{"path":"${evil}"}`, summary: `summary ${evil} [x](command:evil) https://example.com`, isError: true }] });
    await post(h, state(t));
    await settled(h.page, 150);
    const f = await h.findings();
    assertClean(f, 'tool uses');
    assert.deepEqual(f.violations, []);
    const dom = await h.page.evaluate(() => {
      const uses = document.querySelector('.tool-uses');
      return { elements: uses ? [...uses.querySelectorAll('img, a, script, button')].length : -1, text: uses?.textContent ?? '' };
    });
    assert.equal(dom.elements, 0);
    assert.ok(dom.text.includes('summary <img') && dom.text.includes('[x](command:evil)'), dom.text);
  });

  it('the CSP alone stops script and remote loads that got past the sanitizer', async () => {
    await h.open();
    // As if DOMPurify had a bug: markup goes straight into the page, bypassing markdown.ts.
    await h.page.evaluate((leak) => {
      const box = document.createElement('div');
      box.innerHTML = `<img src="x" onerror="__hit('csp-img')"><img src="${leak}/leak/img.png">`
        + `<a id="js-link" href="javascript:__hit('csp-link')">x</a><iframe src="${leak}/leak/frame"></iframe>`
        + `<div style="background:url(${leak}/leak/bg.png)">styled</div>`;
      document.body.append(box);
      const s = document.createElement('script');
      s.textContent = "__hit('csp-inline-script')";
      document.body.append(s);
      const remote = document.createElement('script');
      remote.src = `${leak}/leak/remote.js`;
      document.body.append(remote);
      const sheet = document.createElement('link');
      sheet.rel = 'stylesheet';
      sheet.href = `${leak}/leak/sheet.css`;
      document.head.append(sheet);
      const style = document.createElement('style');
      style.textContent = `body { background: url(${leak}/leak/style.png) }`;
      document.head.append(style);
      // Later, from the page's own task: code run by page.evaluate itself is exempt from the CSP's eval rule.
      setTimeout(() => {
        try { (0, eval)("__hit('csp-eval')"); } catch { /* refused by the CSP */ }
        try { new Function("__hit('csp-function')")(); } catch { /* refused by the CSP */ }
      }, 0);
      setTimeout("__hit('csp-string-timeout')" as unknown as () => void, 0);
      (document.getElementById('js-link') as HTMLAnchorElement).click();
    }, h.leakOrigin);
    await settled(h.page, 300);
    const f = await h.findings();
    assert.deepEqual(f.hits, [], 'a script ran');
    assert.deepEqual(f.leaks, [], 'a request reached the outside');
    // Chromium still reports the blocked requests to the page's request listener; none reached the other server.
    assert.ok(f.violations.length >= 5, `the CSP reported what it blocked: ${f.violations.join(' | ')}`);
  });

  it('the shipped page: default-src none, scripts by nonce only, no unsafe-inline or unsafe-eval, one nonce script', () => {
    const csp = chatCsp('https://webview.example', 'NONCE123');
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name ?? '', values]));
    assert.deepEqual(directives.get('default-src'), ["'none'"]);
    assert.deepEqual(directives.get('script-src'), ["'nonce-NONCE123'"]);
    assert.ok(!/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|\*/.test(csp), csp);
    for (const [name, values] of directives) {
      if (name === 'default-src' || name === 'script-src') continue;
      assert.ok(values.every((v) => v === 'https://webview.example' || (name === 'img-src' && v === 'data:')), `${name} ${values.join(' ')}`);
    }
    assert.ok(!directives.has('connect-src') && !directives.has('frame-src') && !directives.has('object-src'), 'no fetch, frame or object sources');
    const html = chatPageHtml({ cspSource: 'https://webview.example', nonce: 'NONCE123', scriptUri: 'https://webview.example/webview.js', styleUri: 'https://webview.example/webview.css', surface: 'view' });
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`), 'the CSP is the first thing in the head');
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'before any resource');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, ['<script nonce="NONCE123" src="https://webview.example/webview.js">']);
    assert.ok(!/\son\w+=/i.test(html) && !/style=/.test(html), 'no inline handlers or styles');
  });
});
