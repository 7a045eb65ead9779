// The code around a selection, sent with it so the model sees the imports, the enclosing class and the callers.
// Bounded twice: by a line count (the bedrockMantle.editor.contextLines setting) and by a character budget per side,
// so one minified line cannot blow up the prompt. Lines nearest the selection are kept first.

export interface SurroundingContext {
  /** Whole lines above the selection's first line, joined with "\n"; empty when none. */
  before: string;
  /** Whole lines below the selection's last line, joined with "\n"; empty when none. */
  after: string;
  /** Lines of the document above `before` and below `after` that the bounds left out. */
  omittedAbove: number;
  omittedBelow: number;
}

/** Characters of context per side; about 2,000 tokens each, small next to any Mantle model's context window. */
export const DEFAULT_CONTEXT_CHARS_PER_SIDE = 8000;

export function surroundingContext(
  lines: readonly string[],
  startLine: number,
  endLine: number,
  contextLines: number,
  maxCharsPerSide = DEFAULT_CONTEXT_CHARS_PER_SIDE,
): SurroundingContext {
  const wanted = Math.max(0, Math.floor(contextLines));
  const before: string[] = [];
  let used = 0;
  for (let i = startLine - 1; i >= 0 && before.length < wanted; i--) {
    if (used + lines[i].length + 1 > maxCharsPerSide) break;
    used += lines[i].length + 1;
    before.unshift(lines[i]);
  }
  const after: string[] = [];
  used = 0;
  for (let i = endLine + 1; i < lines.length && after.length < wanted; i++) {
    if (used + lines[i].length + 1 > maxCharsPerSide) break;
    used += lines[i].length + 1;
    after.push(lines[i]);
  }
  return {
    before: before.join('\n'),
    after: after.join('\n'),
    omittedAbove: startLine - before.length,
    omittedBelow: Math.max(0, lines.length - (endLine + 1 + after.length)),
  };
}
