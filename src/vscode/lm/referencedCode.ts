// Code the person attached to a chat request: #file (a Uri) and #selection or the chat's implicit editor context
// (a Location). References of other kinds (strings, tool results) are not code and are left to VS Code.
import vscode = require('vscode');
import type { SelectionContext } from '../../common/lm/participantPrompt';
import { codeIn } from '../codeSelection';

async function readReference(value: unknown): Promise<SelectionContext | undefined> {
  const location = value instanceof vscode.Location ? value : undefined;
  const uri = location?.uri ?? (value instanceof vscode.Uri ? value : undefined);
  if (!uri) return undefined;
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch {
    return undefined; // a folder, a binary file or one that no longer exists
  }
  const { document: _doc, range: _range, wholeFile: _whole, ...code } = codeIn(doc, location?.range);
  return code.code.trim() ? code : undefined;
}

/** The attached code, in the order the person attached it (VS Code lists references last-first). */
export async function referencedCode(references: readonly vscode.ChatPromptReference[]): Promise<SelectionContext[]> {
  const read = await Promise.all([...references].reverse().map((r) => readReference(r.value)));
  const seen = new Set<string>();
  return read.filter((s): s is SelectionContext => {
    if (!s) return false;
    const key = `${s.file}:${s.startLine}-${s.endLine}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
