// Turns a chat model's answer into text that can be inserted at the cursor. Chat models, asked for "only the missing
// code", still often wrap it in a fence, repeat the line they were shown, close the brace that already follows the
// cursor, or leave trailing spaces; each of those would be a wrong ghost text.
import { HOLE, MULTI_LINE_LIMIT, type CompletionMode } from './prompt';

export interface CleanInput {
  raw: string;
  prefix: string;
  suffix: string;
  mode: CompletionMode;
  maxLines?: number;
}

export interface CleanCompletion {
  /** The text to insert at the cursor. */
  text: string;
  /**
   * The rest of the current line (only closing brackets and punctuation, such as an auto-closed `)`) reappears at
   * the end of `text`: the insertion replaces it instead of duplicating it.
   */
  replacesRestOfLine: boolean;
}

/** The body of the first fenced block, or of an opening fence that was never closed (a cut-off answer). */
export function stripFences(text: string): string {
  const open = /^[ \t]*(`{3,}|~{3,})[^\n]*\n/m.exec(text);
  if (!open) return text;
  const body = text.slice(open.index + open[0].length);
  const close = new RegExp(`^[ \\t]*${open[1][0] === '`' ? '`' : '~'}{${open[1].length},}[ \\t]*$`, 'm').exec(body);
  return close ? body.slice(0, close.index).replace(/\n$/, '') : body;
}

function currentLine(prefix: string): string {
  return prefix.slice(prefix.lastIndexOf('\n') + 1);
}

/**
 * The model repeated code it was shown before the cursor: drop the longest repeated tail of the prefix (up to a few
 * lines, with or without its indentation), or the indentation of a blank current line.
 */
export function dropRepeatedPrefix(text: string, prefix: string): string {
  const lineStarts: number[] = [];
  for (let i = prefix.length; lineStarts.length < 4;) {
    const nl = prefix.lastIndexOf('\n', i - 1);
    lineStarts.push(nl + 1);
    if (nl < 0) break;
    i = nl;
  }
  for (const start of lineStarts.reverse()) {
    const tail = prefix.slice(start);
    if (!tail.trim()) continue;
    if (text.startsWith(tail)) return text.slice(tail.length);
    const bare = tail.trimStart();
    if (text.startsWith(bare)) return text.slice(bare.length);
  }
  const indent = currentLine(prefix);
  if (indent && !indent.trim() && text.startsWith(indent)) return text.slice(indent.length);
  return text;
}

/** Drops trailing lines of the completion that repeat the lines already after the cursor (a closing brace, say). */
export function dropSuffixOverlap(text: string, suffix: string): string {
  const after = suffix.split('\n').slice(1).map((l) => l.trim()).filter(Boolean).slice(0, 8);
  const lines = text.split('\n');
  for (let n = Math.min(after.length, lines.length - 1); n > 0; n--) {
    const tail = lines.slice(lines.length - n).map((l) => l.trim());
    if (tail.every((l, i) => l === after[i])) return lines.slice(0, lines.length - n).join('\n');
  }
  return text;
}

const CLOSERS_ONLY = /^[)\]}>'"`;,.\s]+$/;

export function cleanCompletion(input: CleanInput): CleanCompletion | undefined {
  let text = input.raw.replace(/\r\n?/g, '\n');
  text = stripFences(text).split(HOLE).join('');
  text = dropRepeatedPrefix(text, input.prefix);
  text = text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');
  text = dropSuffixOverlap(text, input.suffix);
  const limit = input.mode === 'singleLine' ? 1 : Math.max(1, input.maxLines ?? MULTI_LINE_LIMIT);
  // At a blank current line in single-line mode the first non-empty line is the one to offer.
  if (input.mode === 'singleLine') text = text.replace(/^\n+/, '');
  text = text.split('\n').slice(0, limit).join('\n').replace(/\s+$/, '');
  const rest = input.suffix.slice(0, input.suffix.indexOf('\n') >= 0 ? input.suffix.indexOf('\n') : undefined).trim();
  let replacesRestOfLine = false;
  if (rest) {
    const lastLine = text.slice(text.lastIndexOf('\n') + 1);
    // The model closed what was already closed (an auto-closed `)`): the insertion replaces those closers.
    if (CLOSERS_ONLY.test(rest) && lastLine.includes(rest)) replacesRestOfLine = true;
    // It repeated the code after the cursor: cut it off.
    else if (lastLine.endsWith(rest)) text = text.slice(0, text.length - rest.length).replace(/\s+$/, '');
  }
  if (!text.trim()) return undefined;
  // Nothing new: the answer is what already follows the cursor.
  if (input.suffix.trimStart().startsWith(text.trim())) return undefined;
  return { text, replacesRestOfLine };
}
