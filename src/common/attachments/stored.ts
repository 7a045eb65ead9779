// Attachments as a thread stores and exports them. Stored threads are read back field by field (serialize.ts): an
// attachment that does not check out is dropped, never trusted. Files keep their workspace path and content hash next
// to the text that was sent (a Chat Completions thread resends it with the history); images are kept inline, within
// the per-image limit they were attached under. The export shows text attachments as fenced code blocks and images by
// name only.
import { isImageMediaType, isTextKind, type Attachment } from './attachment';
import { textAttachmentBlock } from './render';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : undefined);

/** The largest base64 image a stored thread keeps (a larger one is dropped when read back). */
export const MAX_STORED_IMAGE_CHARS = 8_000_000;

export function readAttachment(x: unknown): Attachment | undefined {
  if (!isObj(x) || !isStr(x.id) || !isStr(x.label) || !isStr(x.hash)) return undefined;
  const tokens = num(x.tokens) ?? 0;
  if (x.kind === 'image') {
    if (!isImageMediaType(x.mediaType) || !isStr(x.data) || !x.data || x.data.length > MAX_STORED_IMAGE_CHARS || !/^[A-Za-z0-9+/]+={0,2}$/.test(x.data)) return undefined;
    const width = num(x.width);
    const height = num(x.height);
    return { id: x.id, kind: 'image', label: x.label, mediaType: x.mediaType, data: x.data, tokens, hash: x.hash, ...(width ? { width } : {}), ...(height ? { height } : {}) };
  }
  if (!isTextKind(x.kind) || !isStr(x.text)) return undefined;
  return {
    id: x.id, kind: x.kind, label: x.label, text: x.text, tokens, hash: x.hash,
    ...(isStr(x.path) ? { path: x.path } : {}), ...(isStr(x.language) ? { language: x.language } : {}), ...(isStr(x.cutNote) ? { cutNote: x.cutNote } : {}),
  };
}

export function readAttachments(x: unknown): Attachment[] {
  return Array.isArray(x) ? x.map(readAttachment).filter((a): a is Attachment => a !== undefined) : [];
}

/** Markdown lines for an exported turn: each text attachment as a code block, each image by name and size. */
export function attachmentsMarkdown(list: readonly Attachment[] | undefined): string[] {
  const out: string[] = [];
  // Names are file names from the workspace: stripped of Markdown syntax so an export cannot turn one into a link.
  const plain = (s: string) => s.replace(/[*_`[\]()<>!]/g, '');
  for (const a of list ?? []) {
    if (a.kind === 'image') out.push(`*Image attached: ${plain(a.label)}${a.width && a.height ? ` (${a.width}×${a.height})` : ''}*`, '');
    else out.push(textAttachmentBlock({ ...a, label: plain(a.label), ...(a.path ? { path: plain(a.path) } : {}) }), '');
  }
  return out;
}

/** A turn's attachments as the webview gets them: file texts stay on the host (the transcript shows names and sizes). */
export function attachmentsForView(list: readonly Attachment[]): Attachment[] {
  return list.map((a) => (a.kind === 'image' ? a : { ...a, text: '' }));
}
