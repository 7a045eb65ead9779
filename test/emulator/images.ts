// Image content parts (issue 20): a vision model takes them, any other model refuses the request with Mantle's 400
// envelope, and an image that is not a well-formed data URL (or base64 source) is refused with Mantle's observed
// "Failed to sanitize image" (PROTOCOL.md §1.5, addendum §1.5 row K). The refusal text for a model without vision is
// not sourced: UNCERTAIN, the choice is written in README.md. The emulator keeps its own list of vision models
// (the catalogue's `vision: true`), separate from the product's hint in src/common/attachments/vision.ts.
import { badRequest } from './http';

export const VISION_MODELS: ReadonlySet<string> = new Set([
  'mistral.mistral-large-3-675b-instruct', 'mistral.magistral-small-2509', 'mistral.ministral-3-14b-instruct',
  'mistral.ministral-3-8b-instruct', 'mistral.ministral-3-3b-instruct', 'qwen.qwen3-vl-235b-a22b-instruct',
  'google.gemma-3-27b-it', 'google.gemma-3-12b-it', 'google.gemma-3-4b-it', 'nvidia.nemotron-nano-12b-v2',
  'moonshotai.kimi-k2.5', 'writer.palmyra-vision-7b', 'openai.gpt-5.4', 'openai.gpt-5.4-2026-03-05', 'openai.gpt-5.5',
  'openai.gpt-5.5-2026-04-23', 'openai.gpt-5.6-sol', 'openai.gpt-5.6-terra', 'openai.gpt-5.6-luna', 'openai.gpt-6-sol',
  'openai.gpt-6-luna', 'openai.gpt-6-astra', 'xai.grok-4.3', 'google.gemma-4-31b', 'google.gemma-4-26b-a4b',
  'google.gemma-4-e2b', 'anthropic.claude-haiku-4-5', 'anthropic.claude-opus-4-7', 'anthropic.claude-opus-4-8',
  'anthropic.claude-sonnet-5', 'anthropic.claude-opus-5', 'anthropic.claude-opus-4-6', 'anthropic.claude-fable-5',
  'anthropic.claude-fable-5-1', 'anthropic.claude-mythos-preview',
]);

export const SANITIZE_FAILED = 'Failed to sanitize image';
export const noImageSupport = (model: string) => `The model '${model}' does not support image input.`;

const DATA_URL = /^data:image\/(png|jpeg|webp|gif);base64,([A-Za-z0-9+/]+={0,2})$/;
const MEDIA = /^image\/(png|jpeg|webp|gif)$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

interface FoundImage { param: string; ok: boolean }

const obj = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null ? (x as Record<string, unknown>) : {});

/** Every image part of a request body, per API, with whether it is well formed. */
function imagesIn(api: 'chat' | 'responses' | 'messages', body: Record<string, unknown>): FoundImage[] {
  const list = api === 'chat' ? body.messages : api === 'responses' ? body.input : body.messages;
  const top = api === 'chat' ? 'messages' : api === 'responses' ? 'input' : 'messages';
  const found: FoundImage[] = [];
  (Array.isArray(list) ? list : []).forEach((m, i) => {
    const content = obj(m).content;
    (Array.isArray(content) ? content : []).forEach((p, j) => {
      const part = obj(p);
      const param = `${top}[${i}].content[${j}]`;
      if (api === 'chat' && part.type === 'image_url') found.push({ param, ok: DATA_URL.test(String(obj(part.image_url).url ?? '')) });
      if (api === 'responses' && part.type === 'input_image') found.push({ param, ok: DATA_URL.test(String(part.image_url ?? '')) });
      if (api === 'messages' && part.type === 'image') {
        const src = obj(part.source);
        found.push({ param, ok: src.type === 'base64' && MEDIA.test(String(src.media_type ?? '')) && BASE64.test(String(src.data ?? '')) });
      }
    });
  });
  return found;
}

/** Throws the 400 Mantle answers when the request has images the model cannot take, or a malformed one. */
export function checkImages(model: string, api: 'chat' | 'responses' | 'messages', body: Record<string, unknown>): number {
  const images = imagesIn(api, body);
  if (!images.length) return 0;
  if (!VISION_MODELS.has(model)) throw badRequest(noImageSupport(model), images[0]?.param ?? null);
  const bad = images.find((i) => !i.ok);
  if (bad) throw badRequest(SANITIZE_FAILED, bad.param);
  return images.length;
}

/** Width and height read from an image's header (PNG, GIF, JPEG, WebP), or undefined for anything else. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 30 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') {
    const chunk = bytes.toString('latin1', 12, 16);
    if (chunk === 'VP8X') return { width: bytes.readUIntLE(24, 3) + 1, height: bytes.readUIntLE(27, 3) + 1 };
    if (chunk === 'VP8 ') return { width: bytes.readUInt16LE(26) & 0x3fff, height: bytes.readUInt16LE(28) & 0x3fff };
    if (chunk === 'VP8L') { const b = bytes.readUInt32LE(21); return { width: (b & 0x3fff) + 1, height: ((b >> 14) & 0x3fff) + 1 }; }
    return undefined;
  }
  // JPEG: walk the segments to the first start-of-frame marker (C0–CF except C4, C8, CC), which holds the size.
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (let at = 2; at + 9 < bytes.length && bytes[at] === 0xff;) {
      const marker = bytes[at + 1] ?? 0;
      const frame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
      if (frame) return { width: bytes.readUInt16BE(at + 7), height: bytes.readUInt16BE(at + 5) };
      at += 2 + bytes.readUInt16BE(at + 2);
    }
  }
  return undefined;
}

/** The type and size of each image in the request's last user message: "a PNG image of 1568×1176 pixels". */
export function lastUserImages(api: 'chat' | 'responses' | 'messages', body: Record<string, unknown>): string[] {
  const list = api === 'responses' ? body.input : body.messages;
  const users = (Array.isArray(list) ? list : []).filter((m) => obj(m).role === 'user');
  const content = obj(users.at(-1)).content;
  return (Array.isArray(content) ? content : []).flatMap((p) => {
    const part = obj(p);
    const url = api === 'chat' ? String(obj(part.image_url).url ?? '') : api === 'responses' ? String(part.image_url ?? '') : '';
    const m = part.type === 'image_url' || part.type === 'input_image' ? DATA_URL.exec(url) : null;
    const src = obj(part.source);
    const [type, data] = m ? [m[1], m[2]] : part.type === 'image' && src.type === 'base64' ? [String(src.media_type).slice(6), String(src.data)] : [];
    if (!type || !data) return [];
    const size = imageSize(Buffer.from(data, 'base64'));
    return [`a ${type === 'jpeg' ? 'JPEG' : type === 'webp' ? 'WebP' : type.toUpperCase()} image${size ? ` of ${size.width}×${size.height} pixels` : ''}`];
  });
}

/**
 * What a vision model "sees": the scripted answer starts by naming the images of the turn, so a test can tell that
 * the image reached the model (type and size, after any downscaling by the client).
 */
export function withImageNote<R extends { text: string }>(reply: R, images: readonly string[]): R {
  if (!images.length) return reply;
  return { ...reply, text: `I can see ${images.length === 1 ? 'the image you attached' : `${images.length} images`}: ${images.join('; ')}. ${reply.text}` };
}
