// Turns the active editor's selection into what an editor command sends, and turns away what it should not send:
// nothing selected, or more than bedrockMantle.editor.maxSelectionChars without the person's go-ahead.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { surroundingContext, type SurroundingContext } from '../../common/editor/surroundingContext';
import type { IndentOptions } from '../../common/editor/rangeApply';
import type { EditorCommandServices } from './services';

export interface EditorSelection {
  document: vscode.TextDocument;
  range: vscode.Range;
  text: string;
  /** Workspace-relative path, or the file name alone for a file outside the workspace or an untitled document. */
  file: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  languageId: string;
  /** The document's text on the first line before the selection. */
  linePrefix: string;
  eol: '\n' | '\r\n';
  indent: IndentOptions;
  context: SurroundingContext;
}

/** How the document is named to the model and in messages: never an absolute path of this machine. */
export function fileLabel(uri: vscode.Uri): string {
  const relative = vscode.workspace.asRelativePath(uri, false);
  const outside = uri.scheme !== 'file' || relative === uri.fsPath || path.isAbsolute(relative);
  return outside ? path.posix.basename(uri.path) : relative.split(path.sep).join('/');
}

function indentOf(editor: vscode.TextEditor): IndentOptions {
  const { insertSpaces, tabSize } = editor.options;
  return { insertSpaces: insertSpaces !== false, tabSize: typeof tabSize === 'number' ? tabSize : 4 };
}

export async function readSelection(editor: vscode.TextEditor | undefined, services: EditorCommandServices, actionLabel: string): Promise<EditorSelection | undefined> {
  if (!editor) {
    void vscode.window.showInformationMessage(`Bedrock Mantle ${actionLabel}: open a file and select some code first.`);
    return undefined;
  }
  const { document, selection } = editor;
  const range = new vscode.Range(selection.start, selection.end);
  const text = document.getText(range);
  if (selection.isEmpty || text.trim() === '') {
    void vscode.window.showInformationMessage(`Bedrock Mantle ${actionLabel} works on the selection: nothing is selected. Select the code to send, then run it again.`);
    return undefined;
  }
  const limit = services.settings.editorMaxSelectionChars;
  if (text.length > limit) {
    const send = 'Send Anyway';
    const choice = await vscode.window.showWarningMessage(
      `The selection is ${text.length.toLocaleString('en-US')} characters, more than the ${limit.toLocaleString('en-US')} set in bedrockMantle.editor.maxSelectionChars. Sending it uses many tokens and may exceed the model's context.`,
      { modal: true },
      send,
    );
    if (choice !== send) return undefined;
  }
  // A selection that ends at column 0 of the next line (a triple-click or a whole-line drag) does not include that line.
  const endLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
  return {
    document,
    range,
    text,
    file: fileLabel(document.uri),
    startLine: range.start.line + 1,
    endLine: endLine + 1,
    languageId: document.languageId,
    linePrefix: document.lineAt(range.start.line).text.slice(0, range.start.character),
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    indent: indentOf(editor),
    context: surroundingContext(lines, range.start.line, endLine, services.settings.editorContextLines),
  };
}
