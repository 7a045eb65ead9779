// Images pasted, dropped or picked into the composer, made small enough to send: anything larger than
// MAX_IMAGE_SIDE on its long side, or than the byte limit, is drawn onto a canvas at a smaller size and re-encoded
// (GIF as PNG: a canvas keeps only the first frame). The host checks type, encoding and size again.
import { isImageMediaType } from '../common/attachments/attachment';
import { MAX_IMAGE_BYTES } from '../common/attachments/budget';

/** The long side the vision APIs work at without scaling again themselves (Anthropic recommends at most 1568 px). */
export const MAX_IMAGE_SIDE = 1568;

export interface PreparedImage { name: string; mediaType: string; data: string; width: number; height: number }

export function imageFiles(list: FileList | DataTransferItemList | null | undefined): File[] {
  const out: File[] = [];
  const items: (File | DataTransferItem)[] = [];
  for (let i = 0; i < (list?.length ?? 0); i++) { const it = list?.[i]; if (it) items.push(it); }
  for (const item of items) {
    const file = item instanceof File ? item : item.kind === 'file' ? item.getAsFile() : null;
    if (file && file.type.startsWith('image/')) out.push(file);
  }
  return out;
}

async function base64Of(blob: Blob): Promise<string> {
  const url = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('unreadable'));
    r.readAsDataURL(blob);
  });
  return url.slice(url.indexOf(',') + 1);
}

/** The image ready to post, or a sentence saying why not. */
export async function prepareImage(file: File): Promise<PreparedImage | string> {
  const name = file.name || 'pasted image';
  if (!isImageMediaType(file.type)) return `${name} is not a PNG, JPEG, WebP or GIF image.`;
  let bitmap: ImageBitmap;
  try { bitmap = await createImageBitmap(file); } catch { return `${name} could not be read as an image.`; }
  const { width, height } = bitmap;
  const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
  if (scale === 1 && file.size <= MAX_IMAGE_BYTES) {
    bitmap.close();
    return { name, mediaType: file.type, data: await base64Of(file), width, height };
  }
  // Too large: scale down (and, if still too large, re-encode as JPEG at a lower quality).
  let w = Math.max(1, Math.round(width * scale));
  let h = Math.max(1, Math.round(height * scale));
  const type = file.type === 'image/gif' ? 'image/png' : file.type;
  for (let attempt = 0; attempt < 5; attempt++) {
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, w, h);
    const outType = attempt === 0 ? type : 'image/jpeg';
    const url = canvas.toDataURL(outType, 0.85);
    const data = url.slice(url.indexOf(',') + 1);
    const mediaType = url.slice(5, url.indexOf(';'));
    if ((data.length * 3) / 4 <= MAX_IMAGE_BYTES && isImageMediaType(mediaType)) { bitmap.close(); return { name, mediaType, data, width: w, height: h }; }
    w = Math.max(1, Math.round(w * 0.7));
    h = Math.max(1, Math.round(h * 0.7));
  }
  bitmap.close();
  return `${name} is too large to attach even after scaling it down.`;
}
