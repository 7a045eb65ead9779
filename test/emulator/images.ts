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
