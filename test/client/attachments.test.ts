// Attachments on the wire, against the emulator with the real clients: the parts each API gets, a chained Responses
// turn that does not resend what the first turn attached, a Chat Completions thread that does, and images refused
// with Mantle's 400 by a model that does not read them (and by the chat core before any request is made).
import { strict as assert } from 'node:assert';
import { boundedText, DEFAULT_ATTACHMENT_LIMITS } from '../../src/common/attachments/budget';
import type { ImageAttachment } from '../../src/common/attachments/attachment';
import { catalogApiFor } from '../../src/common/chat/modelOptions';
import { runTurn, type RunHooks, type TurnRunnerEnv } from '../../src/common/chat/turnRunner';
import { createThread, type Thread } from '../../src/common/threads/model';
import type { MantleClient } from '../../src/node/mantleClient';
import { imageSize, noImageSupport } from '../emulator/images';
import { startEmulator, type RequestLogEntry, type RunningEmulator } from '../emulator/server';
import { bearer, testClient } from './clientHelpers';

const GPT = 'openai.gpt-oss-120b';
const QWEN = 'qwen.qwen3-32b';
const VISION = 'qwen.qwen3-vl-235b-a22b-instruct';
// A 1×1 PNG.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const MARKER = 'const ATTACHED_MARKER = 4242;';

describe('attachments on the wire (emulator)', function () {
  this.timeout(30_000);
  let emu: RunningEmulator;
  let client: MantleClient;
  let seq = 0;
  const env = (): TurnRunnerEnv => ({ mantle: client, apiFor: catalogApiFor, now: () => Date.now(), newId: () => `id${++seq}`, log: () => undefined });
  const hooks: RunHooks = { onThread: () => undefined, onDelta: () => undefined };
  const posts = (path: string): RequestLogEntry[] => emu.log.filter((e) => e.method === 'POST' && e.path === path);
  const last = (t: Thread) => t.turns[t.turns.length - 1];
  const file = () => boundedText({ id: 'f1', kind: 'file', label: 'app.ts', path: 'src/app.ts', language: 'typescript', text: MARKER }, DEFAULT_ATTACHMENT_LIMITS);
  const image = (): ImageAttachment => ({ id: 'i1', kind: 'image', label: 'dot.png', mediaType: 'image/png', data: PNG, width: 1, height: 1, tokens: 1, hash: 'h' });

  beforeEach(async () => {
    emu = await startEmulator({ port: 0 });
    client = testClient({ baseURL: emu.url, auth: bearer('mantle-emulator-key') }).client;
  });
  afterEach(async () => { await emu?.close(); });

  it('Responses: the attachment goes as input_text with turn 1; chained turn 2 does not carry it again', async () => {
    let t = createThread('t', GPT, 0);
    t = await runTurn(env(), t, { prompt: 'What does this file define?', store: true, attachments: [file()], instructions: 'Answer briefly.' }, hooks);
    assert.equal(last(t)?.status, 'done');
    assert.ok(last(t)?.answer.includes(MARKER), 'the answer uses the attached file');
    t = await runTurn(env(), t, { prompt: 'And what else?', store: true }, hooks);
    const [first, second] = posts('/v1/responses');
    const body1 = first?.body as { input: { content: { type: string; text?: string }[] }[]; instructions?: string };
    assert.equal(body1.instructions, 'Answer briefly.');
    assert.deepEqual(body1.input[0]?.content.map((p) => p.type), ['input_text', 'input_text']);
    assert.ok(body1.input[0]?.content[0]?.text?.includes(MARKER));
    const body2 = second?.body as { previous_response_id?: string };
    assert.equal(body2.previous_response_id, t.turns[0]?.responseId);
    assert.ok(!JSON.stringify(second?.body).includes(MARKER), 'turn 2 does not resend the attachment');
    assert.equal(t.turns[0]?.attachments?.[0]?.hash, file().hash, 'the thread keeps the attachment with its hash');
  });

  it('Chat Completions: the attachment travels with the history on every turn', async () => {
    let t = createThread('t', QWEN, 0);
    t = await runTurn(env(), t, { prompt: 'Look at this', store: true, attachments: [file()] }, hooks);
    t = await runTurn(env(), t, { prompt: 'Again', store: true }, hooks);
    assert.equal(last(t)?.status, 'done');
    const chats = posts('/v1/chat/completions');
    assert.equal(chats.length, 2);
    const messages = (chats[1]?.body as { messages: { role: string; content: unknown }[] }).messages;
    assert.ok(Array.isArray(messages[0]?.content), 'the first user message is content parts');
    assert.ok(JSON.stringify(messages[0]).includes(MARKER));
    assert.equal(messages[2]?.content, 'Again');
  });

  it('a vision model gets the image as an image_url data URL and answers', async () => {
    let t = createThread('t', VISION, 0);
    t = await runTurn(env(), t, { prompt: 'What is in this picture?', store: true, attachments: [image()] }, hooks);
    assert.equal(last(t)?.status, 'done');
    const content = (posts('/v1/chat/completions')[0]?.body as { messages: { content: { type: string; image_url?: { url: string } }[] }[] }).messages[0]?.content;
    assert.deepEqual(content?.[0], { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } });
    assert.match(last(t)?.answer ?? '', /^I can see the image you attached: a PNG image of 1×1 pixels\. /, 'the scripted vision model names what it was sent');
  });

  it('the emulator reads an image\'s size from its header (PNG, GIF, JPEG, WebP)', () => {
    assert.deepEqual(imageSize(Buffer.from(PNG, 'base64')), { width: 1, height: 1 });
    assert.deepEqual(imageSize(Buffer.from([...Buffer.from('GIF89a'), 0x40, 0x06, 0xb0, 0x04])), { width: 1600, height: 1200 });
    // SOI, an APP0 segment of 16 bytes, then SOF0: length, precision, height 900, width 1600.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x03, 0x84, 0x06, 0x40, 0x03]);
    assert.deepEqual(imageSize(jpeg), { width: 1600, height: 900 });
    const webp = Buffer.concat([Buffer.from('RIFF\0\0\0\0WEBPVP8X'), Buffer.alloc(8), Buffer.from([0x3f, 0x06, 0x00, 0xaf, 0x04, 0x00])]);
    assert.deepEqual(imageSize(webp), { width: 1600, height: 1200 });
    assert.equal(imageSize(Buffer.from('not an image')), undefined);
  });

  it('a model without vision refuses an image with Mantle’s 400; a malformed image is "Failed to sanitize image"', async () => {
    let t = createThread('t', QWEN, 0);
    t = await runTurn(env(), t, { prompt: 'What is this?', store: true, attachments: [image()] }, hooks);
    assert.equal(last(t)?.status, 'error');
    assert.match(last(t)?.error?.message ?? '', /does not support image input/);
    const refused = emu.log.find((e) => e.path === '/v1/chat/completions');
    assert.equal(refused?.status, 400);
    const res = await fetch(`${emu.url}/chat/completions`, {
      method: 'POST', headers: { authorization: 'Bearer mantle-emulator-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: VISION, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,@@@' } }] }] }),
    });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: { code: 'validation_error', message: 'Failed to sanitize image', param: 'messages[0].content[0]', type: 'invalid_request_error' } });
    const noVision = await fetch(`${emu.url}/responses`, {
      method: 'POST', headers: { authorization: 'Bearer mantle-emulator-key', 'content-type': 'application/json' },
      body: JSON.stringify({ model: GPT, input: [{ role: 'user', content: [{ type: 'input_image', image_url: `data:image/png;base64,${PNG}` }] }] }),
    });
    assert.deepEqual(await noVision.json(), { error: { code: 'validation_error', message: noImageSupport(GPT), param: 'input[0].content[0]', type: 'invalid_request_error' } });
  });
});
