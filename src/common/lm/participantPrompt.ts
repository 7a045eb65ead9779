// The @mantle participant's prompts and follow-ups. Pure, so the wording a model receives is unit-tested.
import type { ApiKind, ChatMessage } from '../mantle/types';

export type ParticipantCommand = 'explain' | 'fix' | 'tests';
export const PARTICIPANT_COMMANDS: readonly ParticipantCommand[] = ['explain', 'fix', 'tests'];

export function isParticipantCommand(c: string | undefined): c is ParticipantCommand {
  return !!c && (PARTICIPANT_COMMANDS as readonly string[]).includes(c);
}

export interface SelectionContext {
  /** Workspace-relative path (or file name) of the document. */
  file: string;
  languageId: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  code: string;
}

const INSTRUCTIONS: Record<ParticipantCommand, string> = {
  explain: 'Explain what this code does, step by step, and point out anything surprising.',
  fix: 'Find and fix the bugs in this code. Reply with the corrected code in one fenced block, then list what you changed and why.',
  tests: 'Write unit tests for this code using the test framework the file\'s language usually uses. Reply with the tests in one fenced block.',
};

/** The longest run of backticks inside the code decides the fence, so code containing ``` cannot close it early. */
export function fenceFor(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((r) => r.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** The user message for a slash command: instruction, the person's own words (if any), then the fenced selection. */
export function commandPrompt(command: ParticipantCommand, sel: SelectionContext, userText: string): string {
  const extra = userText.trim() ? `\n\n${userText.trim()}` : '';
  return `${INSTRUCTIONS[command]}${extra}\n\n${fencedBlock(sel)}`;
}

function fencedBlock(sel: SelectionContext): string {
  const fence = fenceFor(sel.code);
  const where = sel.startLine === sel.endLine ? `line ${sel.startLine}` : `lines ${sel.startLine}-${sel.endLine}`;
  return `From ${sel.file} (${where}):\n\n${fence}${sel.languageId}\n${sel.code}\n${fence}`;
}

/** A plain question with the code the person attached in the chat (#file, #selection) appended, each fenced. */
export function withAttachments(prompt: string, attachments: readonly SelectionContext[]): string {
  if (attachments.length === 0) return prompt;
  return `${prompt}\n\n${attachments.map(fencedBlock).join('\n\n')}`;
}

export const PARTICIPANT_INSTRUCTIONS =
  'You are Bedrock Mantle, a coding assistant inside VS Code. Answer in GitHub-flavoured Markdown and put code in fenced blocks with a language tag.';

export interface HistoryTurn { role: 'user' | 'assistant'; content: string }

/** The conversation for one request: earlier turns of this participant, then the new user message. */
export function participantMessages(history: readonly HistoryTurn[], prompt: string): ChatMessage[] {
  return [...history.filter((t) => t.content.trim()), { role: 'user', content: prompt }];
}

export interface Followup { prompt: string; label: string; command?: ParticipantCommand }

/** What to suggest next: the other commands on the same selection, or a command after a plain chat. */
export function followupsFor(command: ParticipantCommand | undefined): Followup[] {
  const all: Record<ParticipantCommand, Followup> = {
    explain: { prompt: '', label: 'Explain the selection', command: 'explain' },
    fix: { prompt: '', label: 'Fix bugs in the selection', command: 'fix' },
    tests: { prompt: '', label: 'Write tests for the selection', command: 'tests' },
  };
  switch (command) {
    case 'explain': return [all.fix, all.tests];
    case 'fix': return [all.tests, { prompt: 'Explain the fix in more detail.', label: 'Explain the fix' }];
    case 'tests': return [{ prompt: 'Add edge-case tests for empty input, errors and boundaries.', label: 'Add edge-case tests' }];
    default: return [all.explain];
  }
}

/** What the participant keeps in ChatResult.metadata, so later turns can replay exactly what was sent and answered. */
export interface ParticipantMetadata {
  command?: ParticipantCommand;
  model: string;
  api: ApiKind;
  /** The full user message sent (for a command, including the selection). */
  sent: string;
  /** The answer text without the quoted reasoning. */
  answer: string;
}

/** Duck-typed ChatRequestTurn / ChatResponseTurn, so the rule is tested without 'vscode'. */
export type TurnLike =
  | { prompt: string; participant: string }
  | { response: ReadonlyArray<unknown>; result: { metadata?: unknown }; participant: string };

function metadataOf(v: unknown): Partial<ParticipantMetadata> | undefined {
  return v && typeof v === 'object' ? (v as Partial<ParticipantMetadata>) : undefined;
}

/**
 * Earlier turns of this participant as messages. VS Code hands the history in, but not the selection a command sent
 * nor our answer without the reasoning quote, so both come from the response's metadata; a request without an
 * answer (failed or stopped) is left out together with its response, as the model never answered it.
 */
export function historyFromTurns(turns: readonly TurnLike[], participantId: string): HistoryTurn[] {
  const out: HistoryTurn[] = [];
  let pendingPrompt: string | undefined;
  for (const t of turns) {
    if (t.participant !== participantId) continue;
    if ('prompt' in t) {
      pendingPrompt = t.prompt;
      continue;
    }
    const meta = metadataOf(t.result.metadata);
    if (pendingPrompt !== undefined && meta?.answer) {
      out.push({ role: 'user', content: meta.sent ?? pendingPrompt }, { role: 'assistant', content: meta.answer });
    }
    pendingPrompt = undefined;
  }
  return out;
}
