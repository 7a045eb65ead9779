// The code a slash command works on: the active editor's selection, or the whole file when nothing is selected.
import * as vscode from 'vscode';
import type { SelectionContext } from '../../common/lm/participantPrompt';

export type SelectionResult =
  | { ok: true; selection: SelectionContext; wholeFile: boolean }
  | { ok: false; reason: string };

export function activeSelection(maxChars: number): SelectionResult {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { ok: false, reason: 'Open a file and select some code first, then run the command again.' };
  const doc = editor.document;
  const wholeFile = editor.selection.isEmpty;
  const range = wholeFile ? new vscode.Range(0, 0, doc.lineCount, 0) : editor.selection;
  const code = doc.getText(range);
  if (!code.trim()) return { ok: false, reason: 'The selection (or file) is empty: select some code first.' };
  if (code.length > maxChars) {
    return { ok: false, reason: `The ${wholeFile ? 'file' : 'selection'} has ${code.length.toLocaleString('en-US')} characters, more than bedrockMantle.editor.maxSelectionChars (${maxChars.toLocaleString('en-US')}). Select a smaller part.` };
  }
  const endLine = !wholeFile && range.end.character === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
  return {
    ok: true,
    wholeFile,
    selection: {
      file: vscode.workspace.asRelativePath(doc.uri, false),
      languageId: doc.languageId,
      startLine: range.start.line + 1,
      endLine: Math.min(endLine, doc.lineCount),
      code,
    },
  };
}
