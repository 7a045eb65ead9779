// Where "Insert at Cursor" from the chat may write. The chat has focus when the button is clicked, so the target is
// the text editor that last had focus — never some other visible editor — and never a document the person cannot
// edit (a diff's original side, a proposal, git's view of a file, an output channel).

/** URI schemes whose documents are views, not files to edit. */
const READ_ONLY_SCHEMES = new Set(['git', 'output', 'vscode-output', 'bedrock-mantle-proposal', 'vscode-chat-code-block', 'walkThroughSnippet', 'debug', 'search-editor', 'vscode-settings']);

export interface InsertTarget {
  scheme: string;
  /** The file as the person knows it (workspace-relative path). */
  label: string;
  /** `workspace.fs.isWritableFileSystem(scheme)`: false for a read-only file system, undefined when unknown. */
  writable: boolean | undefined;
}

/** Why the code cannot go into this document, or undefined when it can. */
export function insertRefusal(t: InsertTarget | undefined): string | undefined {
  if (!t) return 'Click into the file to insert the code into (the last editor you used is closed), then use Insert at Cursor again.';
  if (t.writable === false || READ_ONLY_SCHEMES.has(t.scheme)) return `${t.label} is read-only, so nothing was inserted. Click into a file you can edit, then try again.`;
  return undefined;
}
