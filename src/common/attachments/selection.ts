// The editor commands' selection ("Send to Chat", "Explain", …) as an attachment of kind 'selection', so it shows as a
// chip, counts in the budget and is stored like any other attachment instead of being folded into the prompt text.
import type { ChatAttachment } from '../chat/input';
import type { TextSource } from './budget';

export function selectionAttachment(a: ChatAttachment): Omit<TextSource, 'id'> {
  const name = a.file.split(/[\\/]/).pop() || a.file;
  const lines = a.startLine === a.endLine ? `${a.startLine}` : `${a.startLine}–${a.endLine}`;
  return { kind: 'selection', label: `${name}:${lines}`, path: `${a.file}, lines ${lines}`, ...(a.languageId ? { language: a.languageId } : {}), text: a.code };
}
