// The editor work the chat webview asks for: it cannot touch editors, the clipboard or the browser itself, so it
// posts a request and the host does it here. Every input is untrusted (it may come from rendered model output).
import vscode = require('vscode');
import { exportThreadMarkdown } from '../../common/chat/exportMarkdown';
import { languageIdForFence } from '../../common/chat/languages';
import type { Thread } from '../../common/threads/model';
import { inert } from '../../common/inertText';
import { insertRefusal } from '../../common/editor/insertTarget';

export class EditorTracker implements vscode.Disposable {
  /** The chat has focus when its buttons are clicked, so "the editor" means the last text editor that had focus. */
  private last: vscode.TextEditor | undefined = vscode.window.activeTextEditor;
  private readonly sub = vscode.window.onDidChangeActiveTextEditor((e) => { if (e) this.last = e; });

  /** The last focused text editor while it is still open; never another one in its place. */
  get editor(): vscode.TextEditor | undefined {
    return this.last && vscode.window.visibleTextEditors.find((e) => e.document === this.last?.document);
  }

  /**
   * The last focused text editor even when the chat panel now covers it (it opens in the same editor group), while
   * its document is open: what the chat's attachments read the selection and the problems from.
   */
  get recent(): vscode.TextEditor | undefined {
    return this.last && !this.last.document.isClosed ? this.last : undefined;
  }

  dispose(): void { this.sub.dispose(); }
}

/** Inserts at the primary cursor (replacing its selection only) of the editor last used, if it may be edited. */
export async function insertAtCursor(tracker: EditorTracker, code: string): Promise<void> {
  const editor = tracker.editor;
  const uri = editor?.document.uri;
  const label = uri ? (uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri)) : '';
  const refusal = insertRefusal(uri && { scheme: uri.scheme, label, writable: vscode.workspace.fs.isWritableFileSystem(uri.scheme) });
  if (!editor || refusal) {
    void vscode.window.showInformationMessage(inert(refusal ?? ''));
    return;
  }
  const at = editor.selection;
  if (!(await editor.edit((b) => b.replace(at, code)))) {
    void vscode.window.showWarningMessage(inert(`${label} did not accept the edit, so nothing was inserted.`));
    return;
  }
  await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  vscode.window.setStatusBarMessage(`$(check) Inserted into ${inert(label)} at line ${at.start.line + 1}`, 4000);
}

export async function openInNewEditor(code: string, language: string): Promise<void> {
  const known = await vscode.languages.getLanguages();
  const id = languageIdForFence(language);
  const doc = await vscode.workspace.openTextDocument({ content: code, language: known.includes(id) ? id : 'plaintext' });
  await vscode.window.showTextDocument(doc, { preview: false });
}

export async function exportThread(thread: Thread): Promise<void> {
  // Two steps that stay open when focus moves: the chat webview that asked for them may take the focus back
  // (late, on a loaded machine) and would otherwise close the second step before it can be answered.
  const title = inert(`Export "${thread.title}" as Markdown`);
  const reasoning = await vscode.window.showQuickPick(
    [{ label: 'Without reasoning', includeReasoning: false }, { label: 'With reasoning', description: 'each answer\'s chain of thought in a collapsible block', includeReasoning: true }],
    { title, placeHolder: 'Include the models\' reasoning?', ignoreFocusOut: true },
  );
  if (!reasoning) return;
  const target = await vscode.window.showQuickPick(
    [{ label: 'Open in a new editor', toFile: false }, { label: 'Save to a file…', toFile: true }],
    { title, placeHolder: 'Where to?', ignoreFocusOut: true },
  );
  if (!target) return;
  const markdown = exportThreadMarkdown(thread, { includeReasoning: reasoning.includeReasoning });
  if (!target.toFile) {
    const doc = await vscode.workspace.openTextDocument({ content: markdown, language: 'markdown' });
    await vscode.window.showTextDocument(doc, { preview: false });
    return;
  }
  const safeName = thread.title.replace(/[^\w\- ]+/g, '').trim().slice(0, 60) || 'chat';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${safeName}.md`) } : {}),
    filters: { Markdown: ['md'] },
    title: 'Export chat thread',
  });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(markdown));
  void vscode.window.showInformationMessage(inert(`Exported "${thread.title}" to ${vscode.workspace.asRelativePath(uri)}.`));
}
