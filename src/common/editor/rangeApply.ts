// The two decisions behind Accept, kept pure so they can be tested without an editor:
//  1. may the proposal still be applied? Only if the document is the one the proposal was made from. Otherwise it
//     refuses rather than overwrite code the person wrote in the meantime;
//  2. what exactly goes into the range: the model's code re-indented to where the selection sits, with the
//     document's line endings and the selection's trailing newline.

export interface DocumentSnapshot {
  /** TextDocument.version */
  version: number;
  /** The whole document's text. */
  documentText: string;
  /** The text inside the range that would be replaced. */
  rangeText: string;
}

export type ApplyDecision =
  | { apply: true }
  | { apply: false; reason: 'closed' | 'changed'; message: string };

/**
 * Apply when the document is at the same version with the same text in the range, or when its whole text is
 * identical to what it was (an edit that was undone, a file closed and reopened): in both cases the range still
 * holds exactly the code the proposal was made from. Anything else is refused.
 */
export function decideApply(fileLabel: string, original: DocumentSnapshot, current: DocumentSnapshot | undefined): ApplyDecision {
  if (!current) {
    return { apply: false, reason: 'closed', message: `${fileLabel} is no longer available, so the proposal was not applied.` };
  }
  const sameVersion = current.version === original.version && current.rangeText === original.rangeText;
  if (sameVersion || current.documentText === original.documentText) return { apply: true };
  return {
    apply: false,
    reason: 'changed',
    message: `${fileLabel} changed after the proposal was made, so it was not applied and your edits are untouched. Run the command again on the current code.`,
  };
}

export interface IndentOptions {
  insertSpaces: boolean;
  tabSize: number;
}

export interface ReplacementInput {
  /** The code extracted from the reply. */
  proposal: string;
  /** The selected text being replaced, exactly as in the document. */
  original: string;
  /** The document's text on the selection's first line before the selection (empty when it starts at column 0). */
  linePrefix: string;
  /** The document's line ending. */
  eol: '\n' | '\r\n';
  /** The editor's indentation; leading tabs/spaces in the proposal are converted to it. */
  indent?: IndentOptions;
}

const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const leading = (line: string): string => /^[ \t]*/.exec(line)![0];
const isBlank = (line: string): boolean => line.trim() === '';

function commonPrefix(strings: string[]): string {
  if (strings.length === 0) return '';
  let prefix = strings[0];
  for (const s of strings) while (!s.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

function convertIndent(line: string, indent: IndentOptions): string {
  const lead = leading(line);
  if (lead === '') return line;
  const width = [...lead].reduce((w, ch) => (ch === '\t' ? w + indent.tabSize - (w % indent.tabSize) : w + 1), 0);
  const converted = indent.insertSpaces
    ? ' '.repeat(width)
    : '\t'.repeat(Math.floor(width / indent.tabSize)) + ' '.repeat(width % indent.tabSize);
  return converted + line.slice(lead.length);
}

/** The least-indented non-blank line's indentation (by width, tabs counting as one column each is enough here). */
function baseIndent(lines: string[]): string {
  const leads = lines.filter((l) => !isBlank(l)).map(leading);
  return leads.reduce<string | undefined>((min, l) => (min === undefined || l.length < min.length ? l : min), undefined) ?? '';
}

export function prepareReplacement(input: ReplacementInput): string {
  const { original, linePrefix, eol, indent } = input;
  const originalLines = splitLines(original);
  const endsWithNewline = /(\r\n|\r|\n)$/.test(original);
  if (endsWithNewline) originalLines.pop();

  let lines = splitLines(input.proposal);
  while (lines.length > 0 && isBlank(lines[lines.length - 1])) lines.pop();
  while (lines.length > 0 && isBlank(lines[0])) lines.shift();
  if (indent) lines = lines.map((l) => convertIndent(l, indent));

  // When the selection starts after column 0 the document already supplies its first line's indentation (or the
  // code before it), so that line keeps only the selection's own leading blanks, and the following lines define the
  // block's indentation. A one-line selection has no following lines: its line's indentation is the target then.
  const firstIsInline = linePrefix !== '';
  const bodyFrom = firstIsInline ? 1 : 0;
  const originalBody = originalLines.slice(bodyFrom);
  const target = originalBody.some((l) => !isBlank(l)) ? baseIndent(originalBody) : leading(linePrefix);
  const strip = commonPrefix(lines.slice(bodyFrom).filter((l) => !isBlank(l)).map(leading));

  const out = lines.map((line, i) => {
    if (isBlank(line)) return '';
    if (i < bodyFrom) return leading(originalLines[0]) + line.trimStart();
    return target + line.slice(strip.length);
  });
  return out.join(eol) + (endsWithNewline ? eol : '');
}
