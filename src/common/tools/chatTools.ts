// The chat panel's workspace tools as the model sees them, and what the transcript keeps of each call. The tools are
// read-only except propose_edit, which only opens a diff for the person to accept or reject (src/vscode/tools).
// Everything a call carries (its arguments and the tool's output) is untrusted text: the transcript shows it as text.
import type { ToolCall, ToolDefinition, ToolResult } from '../mantle/types';

/** One tool call as the transcript shows it. */
export interface ToolUse {
  name: string;
  /** The arguments as the model sent them (bounded). */
  args: string;
  /** A short summary of the result: its first line and size, or the error. */
  summary: string;
  isError?: boolean;
}

/** Runs the chat's tools; never rejects for a tool failure (the failure is a result with isError). */
export interface ChatToolset {
  readonly definitions: readonly ToolDefinition[];
  execute(call: ToolCall, signal?: AbortSignal): Promise<Omit<ToolResult, 'callId'>>;
  /** bedrockMantle.chat.tools.maxSteps: model requests per turn at most. */
  maxSteps(): number;
}

const path = { type: 'string', description: 'A path relative to the workspace folder, with / separators.' };

export const CHAT_TOOL_DEFINITIONS: readonly ToolDefinition[] = [
  {
    name: 'read_file',
    description: 'Read a text file of the workspace. Long files are cut; ask for a line range to read further.',
    parameters: { type: 'object', properties: { path, startLine: { type: 'integer', minimum: 1 }, endLine: { type: 'integer', minimum: 1 } }, required: ['path'] },
  },
  {
    name: 'list_folder',
    description: 'List the files and folders in a workspace folder ("." for the top).',
    parameters: { type: 'object', properties: { path }, required: ['path'] },
  },
  {
    name: 'search_text',
    description: 'Find lines containing a text in the workspace files (case-insensitive, plain text, not a regular expression).',
    parameters: { type: 'object', properties: { query: { type: 'string' }, include: { type: 'string', description: 'Optional glob, e.g. src/**/*.ts' } }, required: ['query'] },
  },
  {
    name: 'get_problems',
    description: 'The errors and warnings VS Code reports for the file open in the editor.',
    parameters: { type: 'object', properties: {} },
  },
  {
    name: 'propose_edit',
    description: 'Propose replacing one exact, unique piece of text in a workspace file. The person sees a diff and accepts or rejects it; nothing changes until they accept.',
    parameters: { type: 'object', properties: { path, find: { type: 'string' }, replace: { type: 'string' } }, required: ['path', 'find', 'replace'] },
  },
];

/** Sizes the tools keep to: what one call may read and return, and what the transcript keeps. */
export const TOOL_LIMITS = { readChars: 20_000, listEntries: 200, searchHits: 50, filesSearched: 500, argsShown: 500, summaryChars: 160 } as const;

export function toolUseOf(call: ToolCall, result: ToolResult): ToolUse {
  const args = call.arguments.length > TOOL_LIMITS.argsShown ? `${call.arguments.slice(0, TOOL_LIMITS.argsShown)}…` : call.arguments;
  return { name: call.name, args, summary: summarize(result), ...(result.isError ? { isError: true } : {}) };
}

function summarize(result: ToolResult): string {
  const text = result.content.trim();
  const first = (text.split('\n', 1)[0] ?? '').slice(0, TOOL_LIMITS.summaryChars);
  const lines = text ? text.split('\n').length : 0;
  if (result.isError) return first || 'failed';
  return lines > 1 ? `${first} … (${lines} lines, ${text.length} characters)` : first || '(empty)';
}

export const TOOLS_INSTRUCTIONS = 'You can call tools to look at the workspace (read files, list folders, search text, see the active file\'s problems) and to propose edits, which the person reviews as a diff. Use them when the question is about the workspace; answer directly otherwise.';
