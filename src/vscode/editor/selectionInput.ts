// Turns the active editor's selection into what an editor command sends, and turns away what it should not send:
// nothing selected, or more than bedrockMantle.editor.maxSelectionChars without the person's go-ahead.
import vscode = require('vscode');
import { surroundingContext, type SurroundingContext } from '../../common/editor/surroundingContext';
import type { IndentOptions } from '../../common/editor/rangeApply';
import { codeIn } from '../codeSelection';
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

function indentOf(editor: vscode.TextEditor): IndentOptions {
  const { insertSpaces, tabSize } = editor.options;
  return { insertSpaces: insertSpaces !== false, tabSize: typeof tabSize === 'number' ? tabSize : 4 };
}

export async function readSelection(
  editor: vscode.TextEditor | undefined, services: EditorCommandServices, actionLabel: string,
): Promise<EditorSelection | undefined> {
  if (!editor) {
    void vscode.window.showInformationMessage(`Bedrock Mantle ${actionLabel}: open a file and select some code first.`);
    return undefined;
  }
  const { document, selection } = editor;
  const read = codeIn(document, new vscode.Range(selection.start, selection.end));
  const { range, code: text } = read;
  if (read.wholeFile || text.trim() === '') {
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
  const lines = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text);
  return {
    document,
    range,
    text,
    file: read.file,
    startLine: read.startLine,
    endLine: read.endLine,
    languageId: read.languageId,
    linePrefix: document.lineAt(range.start.line).text.slice(0, range.start.character),
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    indent: indentOf(editor),
    context: surroundingContext(lines, range.start.line, read.endLine - 1, services.settings.editorContextLines),
  };
}
