// The attachments waiting in the composer, and the checks made when the turn is sent: the chat core hands the
// webview's attach / attachImage / removeAttachment / setInstructions messages to receive() and asks takeForSend()
// for what goes with the prompt. Gathering (quick picks, reading files, confirmations) is the editor's job, through
// AttachmentSource; everything here runs in plain Node.
import { estimateTextTokens } from '../lm/tokenEstimate';
import { contentHash, estimateImageTokens, isImageMediaType, isTextKind, totalTokens, type Attachment, type TextAttachmentKind } from './attachment';
import { boundedText, checkBudget, type AttachmentLimits, type BudgetCheck, type TextSource } from './budget';
import { noVisionMessage, type VisionKnowledge } from './vision';
import type { WebviewMessage } from '../protocol';

const COMPOSER_MESSAGES = ['attach', 'attachImage', 'removeAttachment', 'setInstructions'] as const;

/** The chat webview's messages that belong to the composer. */
export type ComposerMessage = Extract<WebviewMessage, { type: (typeof COMPOSER_MESSAGES)[number] }>;

export function isComposerMessage(m: WebviewMessage): m is ComposerMessage {
  return (COMPOSER_MESSAGES as readonly string[]).includes(m.type);
}

/** What only the editor can do: pick and read (secret-looking files are confirmed there), and ask about the budget. */
export interface AttachmentSource {
  /** The attachments of one kind, gathered with the editor's pickers; [] when cancelled. Never throws for a refusal. */
  gather(kind: TextAttachmentKind): Promise<{ items: Omit<TextSource, 'id'>[]; refused?: string }>;
  /** The workspace's instruction file, if there is one (instructions.ts decides where to look). */
  instructions(): Promise<{ path: string; text: string } | undefined>;
  limits(): AttachmentLimits;
  /** The person's choice when the turn would be over budget: send anyway, or not now (remove something). */
  confirmOverBudget(check: BudgetCheck): Promise<boolean>;
  /** contentHash of a workspace file's text now (undefined when it cannot be read): was it changed since attached? */
  currentHash?(path: string): Promise<string | undefined>;
}

/** The note on a file chip whose file was saved with other content after it was attached. */
export const CHANGED_NOTE = 'changed since attached: the attached version is sent (remove it and attach it again for the new one)';

/** The chips as the webview shows them: no attachment content, only what a chip needs. */
export interface AttachmentChip {
  id: string;
  kind: string;
  label: string;
  tokens: number;
  /** A cut note, or why the chip will not be sent (an image to a non-vision model). */
  note?: string;
  /** Images only: a data URL for the thumbnail. */
  thumb?: string;
}

export interface AttachmentsView {
  chips: AttachmentChip[];
  /** The workspace instruction file, shown as a switchable chip. */
  instructions?: { label: string; tokens: number; on: boolean };
  tokens: number;
  window: number;
  maxTotal: number;
  vision: boolean;
  /** Why sending would be refused or needs a choice, shown above the composer. */
  warning?: string;
  /** With the "does not read images" warning: vision models to switch the thread to (at most 3). */
  visionModels?: string[];
}

/** A data URL's payload must be plain base64: anything else is refused before it can reach a request. */
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export interface ImageInput { name: string; mediaType: string; data: string; width: number; height: number }

export type SendPick =
  | { ok: true; attachments: Attachment[]; instructions?: { path: string; text: string } }
  | { ok: false; reason?: string };

export class AttachmentComposer {
  private pending: Attachment[] = [];
  private instructionsOn = true;
  private instructionFile: { path: string; text: string } | undefined;
  /** Pending file attachments whose file no longer has the content they were attached with (checkChanged). */
  private changedIds = new Set<string>();

  constructor(private readonly deps: {
    source?: AttachmentSource;
    vision: VisionKnowledge;
    windowFor(model: string): number;
    newId(): string;
    /** A short message for the person (the chat's notice line). */
    notice(text: string): void;
    /** The chips changed: repaint. */
    changed(): void;
    /** The models on offer, for the no-vision message. */
    models(): string[];
  }) {}

  get list(): readonly Attachment[] { return this.pending; }

  /** A composer message from the webview (already validated, still untrusted). */
  async receive(m: ComposerMessage): Promise<void> {
    switch (m.type) {
      case 'attach': return this.attach(m.kind);
      case 'attachImage': return this.attachImage(m);
      case 'removeAttachment': return this.remove(m.id);
      case 'setInstructions': return this.setInstructions(m.on);
    }
  }

  /** Compares each pending file attachment's content hash with its file now (the editor calls this on a save). */
  async checkChanged(): Promise<void> {
    const read = this.deps.source?.currentHash?.bind(this.deps.source);
    if (!read) return;
    const now = new Set<string>();
    for (const a of this.pending) {
      if (a.kind !== 'file' || !a.path) continue;
      const hash = await read(a.path);
      if (hash !== undefined && hash !== a.hash) now.add(a.id);
    }
    const before = this.changedIds;
    this.changedIds = now;
    if (now.size !== before.size || [...now].some((id) => !before.has(id))) this.deps.changed();
  }

  /** Reads the instruction file again (on ready and before each send): the person may have edited it. */
  async refreshInstructions(): Promise<void> {
    this.instructionFile = await this.deps.source?.instructions();
    this.deps.changed();
  }

  async attach(kind: unknown): Promise<void> {
    const source = this.deps.source;
    if (!source || !isTextKind(kind) || kind === 'instructions') return;
    const { items, refused } = await source.gather(kind);
    if (refused) this.deps.notice(refused);
    for (const item of items) this.pending.push(boundedText({ ...item, id: this.deps.newId() }, source.limits()));
    if (items.length) this.deps.changed();
  }

  /** An image from the webview (pasted, dropped or picked, already downscaled there). Everything is checked again. */
  attachImage(img: ImageInput): void {
    const max = this.deps.source?.limits().maxImageBytes ?? 0;
    const bytes = Math.floor((img.data.length * 3) / 4);
    if (!isImageMediaType(img.mediaType)) { this.deps.notice(`${img.name.slice(0, 80)} is not a PNG, JPEG, WebP or GIF image; it was not attached.`); return; }
    if (!BASE64.test(img.data)) { this.deps.notice(`${img.name.slice(0, 80)} could not be read as an image; it was not attached.`); return; }
    if (bytes > max) { this.deps.notice(`${img.name.slice(0, 80)} is ${(bytes / 1e6).toFixed(1)} MB after scaling; images are limited to ${(max / 1e6).toFixed(1)} MB (bedrockMantle.chat.attachments.maxImageBytes).`); return; }
    const dims = (n: number) => (Number.isFinite(n) && n > 0 ? Math.round(n) : undefined);
    const width = dims(img.width);
    const height = dims(img.height);
    this.pending.push({
      id: this.deps.newId(), kind: 'image', label: img.name.slice(0, 80) || 'image', mediaType: img.mediaType, data: img.data,
      ...(width ? { width } : {}), ...(height ? { height } : {}),
      tokens: estimateImageTokens(width, height), hash: contentHash(img.data),
    });
    this.deps.changed();
  }

  /**
   * A turn sent again (Retry, Edit and resend) with the attachments it had; the pending chips stay for the next new
   * turn. The image rule holds here too.
   */
  async resend(model: string, attachments: readonly Attachment[]): Promise<SendPick> {
    if (this.deps.source) await this.refreshInstructions();
    const refused = this.visionRefusal(model, attachments);
    if (refused) return { ok: false, reason: refused };
    const instructions = this.instructionsOn ? this.instructionFile : undefined;
    return { ok: true, attachments: [...attachments], ...(instructions ? { instructions } : {}) };
  }

  private visionRefusal(model: string, list: readonly Attachment[]): string | undefined {
    if (!list.some((a) => a.kind === 'image') || this.deps.vision.accepts(model)) return undefined;
    return noVisionMessage(model, this.deps.vision.visionModels(this.deps.models()));
  }

  /** Adds an attachment built elsewhere (the editor commands' selection). */
  add(src: Omit<TextSource, 'id'>): void {
    if (!this.deps.source) return;
    this.pending.push(boundedText({ ...src, id: this.deps.newId() }, this.deps.source.limits()));
    this.deps.changed();
  }

  remove(id: string): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((a) => a.id !== id);
    if (this.pending.length !== before) this.deps.changed();
  }

  setInstructions(on: boolean): void {
    this.instructionsOn = on;
    this.deps.changed();
  }

  private instructionTokens(): number {
    return this.instructionsOn && this.instructionFile ? estimateTextTokens(this.instructionFile.text) : 0;
  }

  view(model: string, promptTokens = 0): AttachmentsView {
    const vision = this.deps.vision.accepts(model);
    const limits = this.deps.source?.limits();
    const check = checkBudget(
      this.pending, promptTokens + this.instructionTokens(), this.deps.windowFor(model),
      limits ?? { maxFileTokens: 0, maxTotalTokens: Infinity, maxImageBytes: 0 },
    );
    const hasImage = this.pending.some((a) => a.kind === 'image');
    const offered = hasImage && !vision ? this.deps.vision.visionModels(this.deps.models()) : [];
    const warning = hasImage && !vision ? noVisionMessage(model, offered)
      : check.overWindow ? `The attachments (≈${check.tokens.toLocaleString('en-US')} tokens) do not fit ${model}'s context window (${check.window.toLocaleString('en-US')}).`
      : check.overTotal ? `The attachments (≈${check.attachmentTokens.toLocaleString('en-US')} tokens) are over the limit of ${limits?.maxTotalTokens.toLocaleString('en-US')} per turn.`
      : undefined;
    const file = this.instructionFile;
    return {
      chips: this.pending.map((a) => ({
        id: a.id, kind: a.kind, label: a.label, tokens: a.tokens,
        ...(a.kind === 'image' ? { thumb: `data:${a.mediaType};base64,${a.data}`, ...(vision ? {} : { note: 'not sent: this model does not read images' }) }
          : this.changedIds.has(a.id) ? { note: a.cutNote ? `${CHANGED_NOTE}; ${a.cutNote}` : CHANGED_NOTE } : a.cutNote ? { note: a.cutNote } : {}),
      })),
      ...(file ? { instructions: { label: file.path, tokens: estimateTextTokens(file.text), on: this.instructionsOn } } : {}),
      tokens: totalTokens(this.pending) + this.instructionTokens(),
      window: check.window,
      maxTotal: limits?.maxTotalTokens ?? 0,
      vision,
      ...(warning ? { warning } : {}),
      ...(offered.length ? { visionModels: offered.slice(0, 3) } : {}),
    };
  }

  /**
   * What goes with the turn, or a refusal. An image never goes to a model that does not read images; over budget, the
   * person chooses (nothing is cut silently). The pending list empties only when the turn is really sent.
   */
  async takeForSend(model: string, prompt: string): Promise<SendPick> {
    if (this.deps.source) await this.refreshInstructions();
    const attachments = [...this.pending];
    const refused = this.visionRefusal(model, attachments);
    if (refused) return { ok: false, reason: refused };
    const source = this.deps.source;
    if (source && attachments.length) {
      const check = checkBudget(attachments, estimateTextTokens(prompt) + this.instructionTokens(), this.deps.windowFor(model), source.limits());
      if ((check.overTotal || check.overWindow) && !(await source.confirmOverBudget(check))) return { ok: false };
    }
    this.pending = [];
    this.deps.changed();
    const instructions = this.instructionsOn ? this.instructionFile : undefined;
    return { ok: true, attachments, ...(instructions ? { instructions } : {}) };
  }
}

const str = (x: unknown, max = 400): string => (typeof x === 'string' ? x.slice(0, max) : '');
const count = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0);

/**
 * The webview's check of an `attachments` message: every field typed, thumbnails only as image data URLs of the
 * accepted types (the page's CSP allows data: images and nothing else), anything else dropped.
 */
export function parseAttachmentsView(x: unknown): AttachmentsView {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Record<string, unknown>;
  const chips = (Array.isArray(o.chips) ? o.chips : []).flatMap((c: unknown): AttachmentChip[] => {
    const r = (typeof c === 'object' && c !== null ? c : {}) as Record<string, unknown>;
    if (!str(r.id)) return [];
    const thumb = typeof r.thumb === 'string' && /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+={0,2}$/.test(r.thumb) ? r.thumb : undefined;
    return [{
      id: str(r.id), kind: str(r.kind, 20), label: str(r.label, 120), tokens: count(r.tokens),
      ...(str(r.note) ? { note: str(r.note) } : {}), ...(thumb ? { thumb } : {}),
    }];
  });
  const i = (typeof o.instructions === 'object' && o.instructions !== null ? o.instructions : undefined) as Record<string, unknown> | undefined;
  return {
    chips,
    ...(i && str(i.label) ? { instructions: { label: str(i.label, 200), tokens: count(i.tokens), on: i.on === true } } : {}),
    tokens: count(o.tokens), window: count(o.window), maxTotal: count(o.maxTotal), vision: o.vision === true,
    ...(str(o.warning, 1000) ? { warning: str(o.warning, 1000) } : {}),
    ...(Array.isArray(o.visionModels) ? { visionModels: o.visionModels.map((m) => str(m, 120)).filter(Boolean).slice(0, 3) } : {}),
  };
}
