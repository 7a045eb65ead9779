// Builds the Chat Completions messages for an editor command: which file and language, the selected code, the
// bounded code around it, and what to do. Rewrites ask for exactly one fenced block holding the replacement, which is
// what codeExtraction.ts expects back.

import type { ChatMessage } from '../mantle/types';
import type { EditorAction } from './actions';
import { fenceTag, languageDisplayName } from './languages';
import type { SurroundingContext } from './surroundingContext';

export interface EditorPromptInput {
  action: EditorAction;
  /** The person's own words (Ask…); replaces the action's instruction when given. */
  instruction?: string;
  languageId: string;
  /** Workspace-relative path (or the untitled document's name). Never an absolute path of the person's machine. */
  file: string;
  /** 1-based, inclusive, as shown in the editor's gutter. */
  startLine: number;
  endLine: number;
  selection: string;
  context?: SurroundingContext;
}

const SYSTEM_PROMPT =
  'You are an expert software engineer helping inside a code editor. You are given a selection from a file, the code ' +
  'around it for context, and a task. Answer only about the selection; the surrounding code is there to read, not to change.';

const REWRITE_CONTRACT =
  'Reply with the complete replacement for the selected code, and only that, in a single fenced code block. ' +
  'It will replace the selection exactly, so keep the code outside the selection out of it, keep its indentation style, ' +
  'and do not abbreviate anything with comments like "rest unchanged".';

function newFileContract(language: string): string {
  return `Reply with one complete, runnable ${language} file in a single fenced code block, including the imports it needs.`;
}

/** A fence longer than any run of backticks inside the code, so code that itself contains ``` cannot end it early. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}

function fenced(code: string, languageId: string): string {
  const fence = fenceFor(code);
  return `${fence}${fenceTag(languageId)}\n${code}\n${fence}`;
}

/** The task sentence for an action, with the language filled in. */
export function taskText(action: EditorAction, languageId: string, instruction?: string): string {
  const own = instruction?.trim();
  if (own) return own;
  return action.instruction.replaceAll('{language}', languageDisplayName(languageId));
}

export function buildEditorPrompt(input: EditorPromptInput): ChatMessage[] {
  const { action, languageId, file, startLine, endLine, selection, context } = input;
  const language = languageDisplayName(languageId);
  const parts: string[] = [];
  parts.push(`File: ${file}`);
  parts.push(`Language: ${language} (${languageId})`);
  parts.push(`Selected lines: ${startLine}-${endLine}`);

  // The selection comes first and the context after it: the code to work on should be the first thing the model
  // reads (and the first fenced block of the prompt), the surrounding code only a reference.
  parts.push(`Selected code:\n${fenced(selection, languageId)}`);
  if (context?.before) {
    const omitted = context.omittedAbove > 0 ? ` (${context.omittedAbove} earlier lines not shown)` : '';
    parts.push(`For context, the code just above the selection${omitted}:\n${fenced(context.before, languageId)}`);
  }
  if (context?.after) {
    const omitted = context.omittedBelow > 0 ? ` (${context.omittedBelow} later lines not shown)` : '';
    parts.push(`For context, the code just below the selection${omitted}:\n${fenced(context.after, languageId)}`);
  }

  parts.push(`Task: ${taskText(action, languageId, input.instruction)}`);
  if (action.delivery === 'rewrite') parts.push(REWRITE_CONTRACT);
  if (action.delivery === 'newEditor') parts.push(newFileContract(language));

  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
