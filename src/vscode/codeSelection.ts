// The one reader of "the code the person means": a selection in an editor, a #selection or #file attached in VS
// Code's chat, or a whole file when nothing is selected. The editor commands, @mantle, its attachments and Compare
// Models all read code through codeIn, so line numbers and file names are counted the same way everywhere; each
// caller keeps its own rules for what to refuse (nothing selected, too long) and how to say so.
import * as path from 'node:path';
import vscode = require('vscode');
import type { SelectionContext } from '../common/lm/participantPrompt';

export interface CodeRange extends SelectionContext {
  document: vscode.TextDocument;
  range: vscode.Range;
  /** True when there was no range (or an empty one), so the code is the whole document. */
  wholeFile: boolean;
}

/** How the document is named to the model and in messages: never an absolute path of this machine. */
export function fileLabel(uri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(uri, false);
  const outside = uri.scheme !== 'file' || relative === uri.fsPath || path.isAbsolute(relative);
  return outside ? path.posix.basename(uri.path) : relative.split(path.sep).join('/');
}

/** The code of `range` in `document`, or of the whole document when the range is absent or empty. */
export function codeIn(document: vscode.TextDocument, range?: vscode.Range): CodeRange {
  const wholeFile = !range || range.isEmpty;
  const r = wholeFile ? new vscode.Range(0, 0, document.lineCount, 0) : document.validateRange(range);
  // A range that ends at column 0 of a later line (a triple-click or a whole-line drag) does not include that line.
  const last = r.end.character === 0 && r.end.line > r.start.line ? r.end.line : r.end.line + 1;
  return {
    document,
    range: r,
    wholeFile,
    file: fileLabel(document.uri),
    languageId: document.languageId,
    startLine: r.start.line + 1,
    endLine: Math.min(last, document.lineCount),
    code: document.getText(r),
  };
}
