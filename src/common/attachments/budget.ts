// The limits on what an attachment may carry, and the checks made before anything is attached: a binary file is
// refused by name, a file whose name looks like a secret (.env, *.pem, id_rsa…) needs the person's confirmation, and a
// large file is cut at the per-file limit with a note that travels with it (the model and the person both see it).
// The total is checked against the per-turn limit and the model's context window before sending: over either, the
// composer offers a choice instead of cutting silently.
import { contentHash, totalTokens, type Attachment, type TextAttachment } from './attachment';
import { estimateTextTokens } from '../lm/tokenEstimate';

export interface AttachmentLimits {
  /** Tokens one file (or folder, or problems list) may carry before it is cut. */
  maxFileTokens: number;
  /** Tokens all attachments of one turn may carry. */
  maxTotalTokens: number;
  /** Bytes one image may have after the webview's downscaling. */
  maxImageBytes: number;
}

/**
 * The most an image may have: its base64 form must fit one webview message (MAX_MESSAGE_STRING, 2,000,000 characters),
 * and the webview scales larger images down to fit.
 */
export const MAX_IMAGE_BYTES = 1_400_000;

/** The defaults of the bedrockMantle.chat.attachments.* settings. */
export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = { maxFileTokens: 8_000, maxTotalTokens: 24_000, maxImageBytes: MAX_IMAGE_BYTES };

/** Extensions whose files are not text (read as text they are noise and waste the budget). */
const BINARY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'bmp', 'ico', 'tif', 'tiff', 'psd', 'pdf', 'zip', 'gz', 'tgz', 'bz2', 'xz', '7z',
  'rar', 'jar', 'war', 'class', 'exe', 'dll', 'so', 'dylib', 'o', 'a', 'lib', 'obj', 'bin', 'wasm', 'pyc', 'node',
  'mp3', 'mp4', 'mov', 'avi', 'mkv', 'wav', 'flac', 'ogg', 'woff', 'woff2', 'ttf', 'otf', 'eot', 'sqlite', 'db',
  'vsix', 'dmg', 'iso', 'p12', 'pfx', 'keystore', 'jks',
]);

/** Names that usually hold credentials: attached only after an explicit confirmation. */
const SECRET_NAMES = new Set(['.env', 'id_rsa', 'id_dsa', 'id_ecdsa', 'id_ed25519', '.npmrc', '.pypirc', '.netrc', '.pgpass', 'credentials', '.htpasswd', '.git-credentials', 'secrets.json', 'secrets.yaml', 'secrets.yml']);
const SECRET_EXTENSIONS = new Set(['pem', 'key', 'p12', 'pfx', 'keystore', 'jks', 'asc', 'gpg', 'ppk', 'tfvars', 'tfstate']);

function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

/** Why a file must not be attached as text, or undefined. By name, before reading it. */
export function binaryReason(path: string): string | undefined {
  const name = baseName(path);
  return BINARY_EXTENSIONS.has(extension(name)) ? `${name} is a binary file; only text files can be attached.` : undefined;
}

/** Text read from a file that turns out to be binary anyway (a NUL byte is never in text). */
export function looksBinary(text: string): boolean {
  return text.slice(0, 8_000).includes('\u0000');
}

/** Why a file needs confirmation before it leaves the editor, or undefined. */
export function secretReason(path: string): string | undefined {
  const name = baseName(path);
  const looksSecret = SECRET_NAMES.has(name) || name.startsWith('.env.') || name.startsWith('id_rsa') || SECRET_EXTENSIONS.has(extension(name));
  return looksSecret ? `${name} may hold secrets (keys, passwords, tokens). Attach it anyway and send its content to the model?` : undefined;
}

/** The first `maxTokens` worth of text, cut at a line end where one is near, and whether anything was cut. */
export function cutToTokens(text: string, maxTokens: number): { text: string; cut: boolean } {
  if (estimateTextTokens(text) <= maxTokens) return { text, cut: false };
  // The estimate is 3 UTF-8 bytes per token; ASCII-heavy code keeps about that many characters.
  let end = Math.max(0, maxTokens * 3);
  while (end > 0 && estimateTextTokens(text.slice(0, end)) > maxTokens) end = Math.floor(end * 0.9);
  const lineEnd = text.lastIndexOf('\n', end);
  if (lineEnd > end * 0.8) end = lineEnd;
  return { text: text.slice(0, end), cut: true };
}

/** A text attachment before the budget: what was read, not yet cut or counted. */
export type TextSource = Pick<TextAttachment, 'id' | 'kind' | 'label' | 'path' | 'language' | 'text'>;

/**
 * A text attachment within the per-file limit. A cut one carries a note saying how much was left out, which is sent
 * with it and shown on its chip.
 */
export function boundedText(src: TextSource, limits: AttachmentLimits): TextAttachment {
  const hash = contentHash(src.text);
  const { text, cut } = cutToTokens(src.text, limits.maxFileTokens);
  const base: TextAttachment = { id: src.id, kind: src.kind, label: src.label, text, tokens: 0, hash };
  if (src.path !== undefined) base.path = src.path;
  if (src.language !== undefined) base.language = src.language;
  if (cut) {
    const shownLines = text.split('\n').length;
    const allLines = src.text.split('\n').length;
    base.cutNote = `Cut to the first ${shownLines.toLocaleString('en-US')} of ${allLines.toLocaleString('en-US')} lines (limit ${limits.maxFileTokens.toLocaleString('en-US')} tokens per attachment).`;
  }
  base.tokens = estimateTextTokens(text) + (base.cutNote ? estimateTextTokens(base.cutNote) : 0);
  return base;
}

export interface BudgetCheck {
  /** Attachments plus the typed prompt (plus instructions). */
  tokens: number;
  attachmentTokens: number;
  /** The model's context window (catalogue figure). */
  window: number;
  /** Over bedrockMantle.chat.attachments.maxTotalTokens. */
  overTotal: boolean;
  /** Over the model's context window: the request would fail. */
  overWindow: boolean;
}

export function checkBudget(list: readonly Attachment[], promptTokens: number, window: number, limits: AttachmentLimits): BudgetCheck {
  const attachmentTokens = totalTokens(list);
  const tokens = attachmentTokens + promptTokens;
  return { tokens, attachmentTokens, window, overTotal: attachmentTokens > limits.maxTotalTokens, overWindow: tokens > window };
}

/** Clamps setting values to something usable (a workspace may not set them, but a person can mistype). */
export function readLimits(raw: Partial<Record<keyof AttachmentLimits, unknown>>): AttachmentLimits {
  const pick = (v: unknown, d: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.floor(v))) : d);
  const d = DEFAULT_ATTACHMENT_LIMITS;
  return {
    maxFileTokens: pick(raw.maxFileTokens, d.maxFileTokens, 100, 200_000),
    maxTotalTokens: pick(raw.maxTotalTokens, d.maxTotalTokens, 100, 1_000_000),
    maxImageBytes: pick(raw.maxImageBytes, d.maxImageBytes, 10_000, MAX_IMAGE_BYTES),
  };
}
