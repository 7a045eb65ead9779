// Item 5 of issue 18 through the real client and real HTTP servers: a redirect is refused (the target sees nothing),
// a 200 that is not an event stream and an HTML error page are reported as what they are, bounded.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, testClient } from './clientHelpers';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

async function serve(handler: Handler): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => { hits.push(`${req.method} ${req.url}`); handler(req, res); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const rejection = (p: Promise<unknown>) => p.then(() => assert.fail('expected a failure'), (e: unknown) => e as { kind: string; message: string });
const turn = { model: 'openai.gpt-oss-120b', api: 'responses' as const, messages: [{ role: 'user' as const, content: 'secret prompt' }], store: true };

describe('hardening: the transport refuses redirects and names what is not Mantle', function () {
  this.timeout(20_000);
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => { for (const s of servers.splice(0)) await s.close(); });

  for (const status of [302, 307, 308]) {
    it(`a ${status} to another origin is not followed: the prompt never reaches it, and the error says why`, async () => {
      const elsewhere = await serve((_req, res) => res.end('{}'));
      const mantle = await serve((_req, res) => { res.writeHead(status, { location: `${elsewhere.url}/v1/responses` }); res.end(); });
      servers.push(elsewhere, mantle);
      const { client } = testClient({ baseURL: `${mantle.url}/v1`, auth: bearer('k-123456789'), maxRetries: 2 });
      const e = await rejection(client.streamTurn(turn, () => undefined));
      assert.deepEqual(elsewhere.hits, [], 'the redirect target was never contacted');
      assert.equal(mantle.hits.length, 1, 'not retried');
      assert.equal(e.kind, 'network');
      assert.match(e.message, new RegExp(`answered ${status} with a redirect to 127\\.0\\.0\\.1:\\d+\\. Redirects are not followed`));
    });
  }

  it('a 200 HTML page (captive portal) on a streamed turn is reported as an HTML page, not as a cut stream', async () => {
    const portal = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end(`<html><head><title>Sign in to Wi-Fi</title></head><body>${'x'.repeat(50_000)}</body></html>`); });
    servers.push(portal);
    const { client } = testClient({ baseURL: `${portal.url}/v1`, auth: bearer('k-123456789') });
    const e = await rejection(client.streamTurn(turn, () => undefined));
    assert.equal(e.kind, 'network');
    assert.match(e.message, /answered 200 with an HTML page \(text\/html, \d+ KB\): "Sign in to Wi-Fi" instead of an event stream/);
    assert.equal(portal.hits.length, 1);
  });

  it('a 200 plain JSON on a streamed turn names its content type', async () => {
    const proxy = await serve((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); });
    servers.push(proxy);
    const { client } = testClient({ baseURL: `${proxy.url}/v1`, auth: bearer('k-123456789') });
    const e = await rejection(client.streamTurn({ ...turn, api: 'chat' }, () => undefined));
    assert.match(e.message, /answered 200 with an application\/json body \(application\/json, 15 bytes\)/);
  });

  it('a 200 KB HTML error page becomes a short message with the status and content type', async () => {
    const gateway = await serve((_req, res) => { res.writeHead(403, { 'content-type': 'text/html' }); res.end(`<html><title>Access denied by proxy</title>${'<div>blocked</div>'.repeat(12_000)}</html>`); });
    servers.push(gateway);
    const { client } = testClient({ baseURL: `${gateway.url}/v1`, auth: bearer('k-123456789') });
    const e = await rejection(client.listModels());
    assert.equal(e.kind, 'forbidden');
    assert.match(e.message, /The server answered 403 with an HTML page \(text\/html, more than 64 KB\): "Access denied by proxy"/);
    assert.ok(e.message.length < 800, `${e.message.length} characters`);
  });
});
