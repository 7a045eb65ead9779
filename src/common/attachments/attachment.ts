// What the person attaches to a chat turn, as plain data shared by the host, the webview and the clients. Text kinds
// carry the text that is sent (already cut to the budget, budget.ts); an image carries its bytes as base64 (sent as a
// data URL, render.ts). Every attachment has a label for its chip, an estimated size in tokens and a content hash, so a
// stored thread can tell that a file changed since it was sent.
import { estimateTextTokens } from '../lm/tokenEstimate';

export const TEXT_KINDS = ['file', 'folder', 'selection', 'problems', 'openEditors', 'instructions'] as const;
export type TextAttachmentKind = (typeof TEXT_KINDS)[number];
export type AttachmentKind = TextAttachmentKind | 'image';

/** The image types the vision models on Mantle take (and the composer accepts). */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

export interface TextAttachment {
  id: string;
  kind: TextAttachmentKind;
  /** Short name for the chip: the file name, "Selection (app.ts 4–9)", "Problems (3)". */
  label: string;
  /** Workspace-relative path of a file or folder, when there is one (the thread stores the reference). */
  path?: string;
  /** Language id for the code fence, when known. */
  language?: string;
  /** The text that is sent, after the budget cut. */
  text: string;
  tokens: number;
  /** contentHash of the text as read, before any cut. */
  hash: string;
  /** Set when the text was cut: the visible note that is sent with it and shown on the chip. */
  cutNote?: string;
}

export interface ImageAttachment {
  id: string;
  kind: 'image';
  label: string;
  mediaType: ImageMediaType;
  /** The image bytes, base64 (no data: prefix). */
  data: string;
  width?: number;
  height?: number;
  tokens: number;
  hash: string;
}

export type Attachment = TextAttachment | ImageAttachment;

export const isImageMediaType = (x: unknown): x is ImageMediaType => typeof x === 'string' && (IMAGE_MEDIA_TYPES as readonly string[]).includes(x);
export const isTextKind = (x: unknown): x is TextAttachmentKind => typeof x === 'string' && (TEXT_KINDS as readonly string[]).includes(x);

/**
 * Image tokens, estimated the way the vision APIs describe their cost: about one token per 750 pixels (Anthropic's
 * published rule of thumb; OpenAI's tile formula lands near it for screenshots). Without dimensions, the cost of a
 * 1024×1024 image is assumed, the size the webview scales larger images down to.
 */
export function estimateImageTokens(width?: number, height?: number): number {
  const w = width && width > 0 ? width : 1024;
  const h = height && height > 0 ? height : 1024;
  return Math.ceil((w * h) / 750);
}

/** The estimate shown on a chip and added to the turn's total. */
export function attachmentTokens(a: Pick<TextAttachment, 'text'> | Pick<ImageAttachment, 'width' | 'height'> & { kind: 'image' }): number {
  return 'text' in a ? estimateTextTokens(a.text) : estimateImageTokens(a.width, a.height);
}

/**
 * A 64-bit FNV-1a hash of the text's UTF-8 bytes, as 16 hex digits. Not a security hash: it only tells whether a
 * file still reads as it did when it was attached, and it must run in the webview and in plain Node alike.
 */
export function contentHash(text: string): string {
  const PRIME = 0x100000001b3n;
  const MASK = 0xffffffffffffffffn;
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

/** The sum the composer shows next to the chips. */
export function totalTokens(list: readonly Pick<Attachment, 'tokens'>[]): number {
  return list.reduce((n, a) => n + a.tokens, 0);
}
