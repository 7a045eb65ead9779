// A loopback harness for the chat webview: the page the editor shows (src/common/webviewPage.ts, same HTML and CSP,
// with this server's origin as the webview's cspSource) loading the built dist/webview.js and dist/webview.css in
// real Chromium. A second server on another port stands in for "the internet": anything that reaches it, or any
// request of the page other than its own files, is a leak. The page gets, before its own scripts (as VS Code injects
// it), a stand-in acquireVsCodeApi that records what the webview posts, a sentinel window.__hit() that hostile
// output tries to call, and a listener for CSP violations.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatPageHtml } from '../../src/common/webviewPage';
import { launchBrowser, type Browser } from '../tools/browser';

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

/** Runs in the page before any of its scripts. Plain source, so no helper of the TypeScript loader is needed. */
const INIT = `(() => {
  window.__posted = [];
  window.__hits = [];
  window.__violations = [];
  window.__hit = (id) => { window.__hits.push(String(id)); };
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || '') + ' ' + (e.sample || ''));
  });
})();`;

export interface PageFindings {
  hits: string[];
  violations: string[];
  dialogs: string[];
  pageErrors: string[];
  /** Requests of the page that were not its own page, script, style sheet or font. */
  foreignRequests: string[];
  /** Requests that reached the stand-in for the internet. */
  leaks: string[];
}

export interface WebviewHarness {
  origin: string;
  leakOrigin: string;
  page: Page;
  /** Loads a fresh page and waits for the webview's `ready`. */
  open(): Promise<void>;
  findings(): Promise<PageFindings>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const a = server.address();
    resolve(`http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`);
  }));
}

export async function startWebviewHarness(distDir: string): Promise<WebviewHarness> {
  if (!existsSync(join(distDir, 'webview.js'))) throw new Error(`${distDir}/webview.js is missing: run "node esbuild.mjs" first`);
  let origin = '';
  const page404: string[] = [];
  const app = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/') {
      const html = chatPageHtml({ cspSource: origin, nonce: randomBytes(16).toString('base64'), scriptUri: `${origin}/dist/webview.js`, styleUri: `${origin}/dist/webview.css`, surface: 'panel' });
      res.writeHead(200, { 'content-type': 'text/html' }).end(html);
      return;
    }
    const m = /^\/dist\/([\w.-]+)(?:\?.*)?$/.exec(url);
    if (m?.[1] && existsSync(join(distDir, m[1]))) {
      res.writeHead(200, { 'content-type': TYPES[extname(m[1])] ?? 'application/octet-stream' }).end(readFileSync(join(distDir, m[1])));
      return;
    }
    page404.push(url);
    res.writeHead(404).end();
  });
  const leaks: string[] = [];
  const internet = createServer((req, res) => { leaks.push(req.url ?? '/'); res.writeHead(404).end(); });
  origin = await listen(app);
  const leakOrigin = await listen(internet);

  const closeServers = async () => {
    await new Promise((r) => app.close(r));
    await new Promise((r) => internet.close(r));
  };
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await closeServers(); // listening servers would keep the test process alive after a failed `before all`
    throw e;
  }
  const { page } = browser;
  await page.addInitScript(INIT);
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const foreign: string[] = [];
  const own = new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(?:|dist/webview\\.js|dist/webview\\.css|dist/codicon\\.ttf(?:\\?.*)?)$`);
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => { if (!own.test(r.url())) foreign.push(r.url()); });
  page.on('popup', (p) => foreign.push(`popup ${p.url()}`));

  const reset = () => { dialogs.length = 0; pageErrors.length = 0; foreign.length = 0; leaks.length = 0; page404.length = 0; };
  return {
    origin,
    leakOrigin,
    page,
    async open() {
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => ((window as unknown as { __posted: { type: string }[] }).__posted ?? []).some((m) => m.type === 'ready'), undefined, { timeout: 20_000 });
      reset();
    },
    async findings() {
      const inPage = await page.evaluate(() => {
        const w = window as unknown as { __hits?: string[]; __violations?: string[] };
        return { hits: [...(w.__hits ?? [])], violations: [...(w.__violations ?? [])] };
      }).catch((e: Error) => ({ hits: [`page gone: ${e.message}`], violations: [] }));
      return { ...inPage, dialogs: [...dialogs], pageErrors: [...pageErrors], foreignRequests: [...foreign, ...page404.map((u) => `404 ${u}`)], leaks: [...leaks] };
    },
    async close() {
      await browser.close();
      await closeServers();
    },
  };
}

/** Waits for two animation frames and a task: the webview repaints a streamed turn on the next frame. */
export async function settled(page: Page, extraMs = 0): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0)))));
  if (extraMs) await page.waitForTimeout(extraMs);
}
