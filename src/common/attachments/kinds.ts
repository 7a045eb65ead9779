// The kinds of context a person can attach, in the order both places offer them: the composer's `#` / paperclip menu
// (webview/attachmentsBar.ts) and the Attach Context command's quick pick (vscode/chat/chatFeature.ts). Images are
// picked in the webview (paste, drop or a file input), so the command does not offer them.

export interface AttachKind {
  kind: 'file' | 'folder' | 'selection' | 'problems' | 'openEditors' | 'image';
  label: string;
  /** A codicon name. */
  icon: string;
  description: string;
}

export const ATTACH_KINDS: readonly AttachKind[] = [
  { kind: 'file', label: 'File…', icon: 'file', description: 'a workspace file' },
  { kind: 'folder', label: 'Folder…', icon: 'folder', description: 'the text files of a folder' },
  { kind: 'selection', label: 'Selection', icon: 'selection', description: 'the selection in the active editor' },
  { kind: 'problems', label: 'Problems', icon: 'warning', description: "the active file's problems with their lines" },
  { kind: 'openEditors', label: 'Open editors', icon: 'files', description: 'the text of the files open in editors' },
  { kind: 'image', label: 'Image…', icon: 'file-media', description: 'a PNG, JPEG, WebP or GIF for a model that reads images' },
];
