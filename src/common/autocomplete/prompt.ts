// Chat-based hole filling. Mantle has no documented fill-in-the-middle route (/v1/completions is a 404), so the code
// around the cursor goes to a coder model through Chat Completions with the cursor marked as a hole, and the model is
// asked for only the missing code. The prefix and suffix are clipped to budgets at line boundaries so a request stays
// small and its size does not grow with the file.
import { fenceFor } from '../editor/promptBuilder';
import { fenceTag, languageDisplayName } from '../editor/languages';
import type { ChatMessage } from '../mantle/types';

/** singleLine: the rest of the current line. multiLine: up to `maxLines` lines (a statement, a function body). */
export type CompletionMode = 'singleLine' | 'multiLine';

/**
 * The marker the model is asked to fill. The emulator's scripted fill-in-the-middle behaviour looks for the same
 * marker (test/emulator/fillInMiddle.ts keeps its own copy, so a change here fails its tests).
 */
export const HOLE = '<|fill_here|>';

export interface CompletionBudgets {
  prefixChars: number;
  suffixChars: number;
}

export const DEFAULT_BUDGETS: CompletionBudgets = { prefixChars: 4000, suffixChars: 1500 };

/** Lines a multi-line completion may have; longer answers are cut (a ghost text taller than this is hard to read). */
export const MULTI_LINE_LIMIT = 12;

/** Output budgets per mode, in tokens: enough for the line or the lines, not for an essay. */
const MAX_OUTPUT_TOKENS: Record<CompletionMode, number> = { singleLine: 64, multiLine: 320 };

export interface NeighbourSymbols {
  /** Workspace-relative path of another open editor. */
  path: string;
  symbols: readonly string[];
}

export interface HoleContext {
  /** Text before the cursor (the whole document up to it; clipped here). */
  prefix: string;
  /** Text after the cursor. */
  suffix: string;
  languageId: string;
  /** Workspace-relative path or the untitled document's name: never an absolute path of the person's machine. */
  path: string;
  mode: CompletionMode;
  /** Optional: names defined in the neighbouring open editors, so the model can use them. */
  neighbours?: readonly NeighbourSymbols[];
}

export interface CompletionPrompt {
  messages: ChatMessage[];
  maxOutputTokens: number;
  /** What was sent of each side, for the size line in the log. */
  prefixChars: number;
  suffixChars: number;
}

/** The last `budget` characters of the prefix, starting at a line start so the model never sees half a line first. */
export function clipPrefix(prefix: string, budget: number): string {
  if (prefix.length <= budget) return prefix;
  const tail = prefix.slice(prefix.length - budget);
  const nl = tail.indexOf('\n');
  // One line longer than the whole budget: keep the raw tail rather than nothing.
  return nl >= 0 && nl < tail.length - 1 ? tail.slice(nl + 1) : tail;
}

/** The first `budget` characters of the suffix, ending at a line end. */
export function clipSuffix(suffix: string, budget: number): string {
  if (suffix.length <= budget) return suffix;
  const head = suffix.slice(0, budget);
  const nl = head.lastIndexOf('\n');
  return nl > 0 ? head.slice(0, nl) : head;
}

const SYSTEM_PROMPT =
  `You are a code completion engine inside a code editor. You are shown one file with the cursor marked ${HOLE}. ` +
  `Reply with only the code to insert at ${HOLE}: no explanation, no Markdown, and do not repeat the code before or ` +
  'after the cursor. Keep the file\'s indentation and style. If nothing useful fits, reply with nothing.';

function modeInstruction(mode: CompletionMode): string {
  return mode === 'singleLine'
    ? 'Complete only the rest of the current line.'
    : `Complete the current statement or block (for example the rest of a function body), at most ${MULTI_LINE_LIMIT} lines.`;
}

const MAX_NEIGHBOURS = 5;
const MAX_SYMBOLS_PER_FILE = 30;

function neighbourLines(neighbours: readonly NeighbourSymbols[] | undefined): string[] {
  const useful = (neighbours ?? []).filter((n) => n.symbols.length).slice(0, MAX_NEIGHBOURS);
  if (!useful.length) return [];
  return ['Names defined in other open files:', ...useful.map((n) => `- ${n.path}: ${n.symbols.slice(0, MAX_SYMBOLS_PER_FILE).join(', ')}`), ''];
}

export function buildCompletionPrompt(ctx: HoleContext, budgets: CompletionBudgets = DEFAULT_BUDGETS): CompletionPrompt {
  const prefix = clipPrefix(ctx.prefix, budgets.prefixChars);
  const suffix = clipSuffix(ctx.suffix, budgets.suffixChars);
  const code = `${prefix}${HOLE}${suffix}`;
  const fence = fenceFor(code);
  const user = [
    `File: ${ctx.path} (${languageDisplayName(ctx.languageId)})`,
    '',
    ...neighbourLines(ctx.neighbours),
    `${fence}${fenceTag(ctx.languageId)}`,
    code,
    fence,
    '',
    modeInstruction(ctx.mode),
  ].join('\n');
  return {
    messages: [{ role: 'system', content: SYSTEM_PROMPT }, { role: 'user', content: user }],
    maxOutputTokens: MAX_OUTPUT_TOKENS[ctx.mode],
    prefixChars: prefix.length,
    suffixChars: suffix.length,
  };
}
