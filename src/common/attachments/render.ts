// Attachments as each API's content parts. A message's attachments travel as parts before its typed text:
// - Chat Completions: {type:'text'} and {type:'image_url', image_url:{url:'data:…'}};
// - Responses: {type:'input_text'} and {type:'input_image', image_url:'data:…', detail:'auto'} (PROTOCOL.md §2);
// - Anthropic Messages: {type:'text'} and {type:'image', source:{type:'base64', media_type, data}}.
// Text attachments become one text part each: what it is, where it comes from, a fenced block and any cut note.
import type { Attachment, ImageMediaType, TextAttachment } from './attachment';

/** An API-neutral part of a user message (ChatMessage.parts). */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image'; mediaType: ImageMediaType; data: string };

const KIND_TITLE: Record<TextAttachment['kind'], string> = {
  file: 'Attached file',
  folder: 'Attached folder',
  selection: 'Attached selection',
  problems: 'Problems reported in the editor',
  openEditors: 'Files open in the editor',
  instructions: 'Workspace instructions',
};

/** A fence longer than any backtick run in the text, so the block cannot be closed from inside. */
function fenceFor(text: string): string {
  let longest = 2;
  for (const m of text.matchAll(/`{3,}/g)) longest = Math.max(longest, m[0].length);
  return '`'.repeat(longest + 1);
}

export function textAttachmentBlock(a: TextAttachment): string {
  const fence = fenceFor(a.text);
  const head = `${KIND_TITLE[a.kind]}: ${a.path ?? a.label}`;
  const note = a.cutNote ? `\n[${a.cutNote}]` : '';
  return `${head}\n${fence}${a.language ?? ''}\n${a.text}\n${fence}${note}`;
}

export function attachmentParts(list: readonly Attachment[]): ContentPart[] {
  return list.map((a) => (a.kind === 'image' ? { type: 'image' as const, mediaType: a.mediaType, data: a.data } : { type: 'text' as const, text: textAttachmentBlock(a) }));
}

export const dataUrl = (mediaType: string, data: string): string => `data:${mediaType};base64,${data}`;

export type ChatContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };
export type ResponsesContentPart = { type: 'input_text'; text: string } | { type: 'input_image'; image_url: string; detail: 'auto' };
export type MessagesContentBlock = { type: 'text'; text: string } | { type: 'image'; source: { type: 'base64'; media_type: ImageMediaType; data: string } };

/** Chat Completions content: the attachments' parts, then the typed text. */
export function chatContent(text: string, parts: readonly ContentPart[]): ChatContentPart[] {
  const out: ChatContentPart[] = parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image_url', image_url: { url: dataUrl(p.mediaType, p.data) } }));
  if (text.trim()) out.push({ type: 'text', text });
  return out;
}

/** Responses input content (user messages). */
export function responsesContent(text: string, parts: readonly ContentPart[]): ResponsesContentPart[] {
  const out: ResponsesContentPart[] = parts.map((p) => (p.type === 'text' ? { type: 'input_text', text: p.text } : { type: 'input_image', image_url: dataUrl(p.mediaType, p.data), detail: 'auto' }));
  if (text.trim()) out.push({ type: 'input_text', text });
  return out;
}

/** Anthropic Messages blocks. */
export function messagesContent(text: string, parts: readonly ContentPart[]): MessagesContentBlock[] {
  const out: MessagesContentBlock[] = parts.map((p) => (p.type === 'text' ? { type: 'text', text: p.text } : { type: 'image', source: { type: 'base64', media_type: p.mediaType, data: p.data } }));
  if (text.trim()) out.push({ type: 'text', text });
  return out;
}

export const hasImage = (parts: readonly ContentPart[] | undefined): boolean => !!parts?.some((p) => p.type === 'image');
