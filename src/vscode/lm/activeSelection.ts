// The code a slash command works on: the active editor's selection, or the whole file when nothing is selected.
import vscode = require('vscode');
import type { SelectionContext } from '../../common/lm/participantPrompt';
import { codeIn } from '../codeSelection';

export type SelectionResult =
  | { ok: true; selection: SelectionContext; wholeFile: boolean }
  | { ok: false; reason: string };

export function activeSelection(maxChars: number): SelectionResult {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return { ok: false, reason: 'Open a file and select some code first, then run the command again.' };
  const { wholeFile, document: _doc, range: _range, ...selection } = codeIn(editor.document, editor.selection);
  const { code } = selection;
  if (!code.trim()) return { ok: false, reason: 'The selection (or file) is empty: select some code first.' };
  if (code.length > maxChars) {
    return { ok: false, reason: `The ${wholeFile ? 'file' : 'selection'} has ${code.length.toLocaleString('en-US')} characters, more than bedrockMantle.editor.maxSelectionChars (${maxChars.toLocaleString('en-US')}). Select a smaller part.` };
  }
  return { ok: true, wholeFile, selection };
}
