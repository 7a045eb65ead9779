// The editor's side of chat attachments (common/attachments/composer.ts decides the rest): quick picks over the
// workspace (files.exclude through findFiles, the .gitignore files through common/attachments/gitignore.ts), reading
// files as text, the problems of the last focused file, the selection, open editors, and the workspace's instruction file. A binary file is
// refused by name; a secret-looking one is attached only after a modal confirmation.
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import vscode = require('vscode');
import { contentHash, type TextAttachmentKind } from '../../common/attachments/attachment';
import { binaryReason, looksBinary, readLimits, secretReason, type AttachmentLimits, type BudgetCheck, type TextSource } from '../../common/attachments/budget';
import type { AttachmentSource } from '../../common/attachments/composer';
import { GitignoreRules, type GitignoreFile } from '../../common/attachments/gitignore';
import { folderPlan, folderText, problemsText, type Problem } from '../../common/attachments/gathered';
import { instructionCandidates } from '../../common/attachments/instructions';
import { inert } from '../../common/inertText';
import { codeIn, fileLabel } from '../codeSelection';
import type { Log } from '../log';

type Gathered = { items: Omit<TextSource, 'id'>[]; refused?: string };

/** More files than this in a quick pick or a folder is not useful and slow to list. */
const MAX_LISTED_FILES = 5_000;
const MAX_FOLDER_FILES = 200;
const MAX_GITIGNORE_FILES = 500;

export interface AttachmentSettings {
  limits(): Partial<Record<keyof AttachmentLimits, unknown>>;
  instructionsFile(): string;
}

export class WorkspaceAttachments implements AttachmentSource {
  private readonly refusedSettings = new Set<string>();

  /**
   * `editor` is the text editor the selection and problems come from: the last one focused (chat/chatHostActions.ts's
   * EditorTracker), because the chat panel has the focus when its menu is used and then there is no active text editor.
   */
  constructor(
    private readonly settings: AttachmentSettings, private readonly log: Log,
    private readonly editor: () => vscode.TextEditor | undefined = () => vscode.window.activeTextEditor,
  ) {}

  limits(): AttachmentLimits {
    return readLimits(this.settings.limits());
  }

  async gather(kind: TextAttachmentKind): Promise<Gathered> {
    switch (kind) {
      case 'file': return this.pickFile();
      case 'folder': return this.pickFolder();
      case 'selection': return this.selection();
      case 'problems': return this.problems();
      case 'openEditors': return this.openEditors();
      case 'instructions': return { items: [] };
    }
  }

  async instructions(): Promise<{ path: string; text: string } | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0];
    if (!root) return undefined;
    const candidates = instructionCandidates(this.settings.instructionsFile(), (reason) => {
      if (this.refusedSettings.has(reason)) return;
      this.refusedSettings.add(reason);
      this.log.warn(`Chat: ${reason}`);
      void vscode.window.showWarningMessage(inert(reason));
    });
    // Every candidate at once (the first in order that exists wins): a send waits for this read.
    const texts = await Promise.all(candidates.map((rel) => readText(vscode.Uri.joinPath(root.uri, ...rel.split('/')))));
    const found = texts.findIndex((text) => text !== undefined && !looksBinary(text));
    if (found >= 0) return { path: candidates[found], text: texts[found] as string };
    return undefined;
  }

  async confirmOverBudget(check: BudgetCheck): Promise<boolean> {
    const what = check.overWindow
      ? `This turn (≈${check.tokens.toLocaleString('en-US')} tokens with its attachments) is larger than the model's context window (${check.window.toLocaleString('en-US')} tokens); the request will probably fail.`
      : `The attachments (≈${check.attachmentTokens.toLocaleString('en-US')} tokens) are over the per-turn limit (bedrockMantle.chat.attachments.maxTotalTokens).`;
    const choice = await vscode.window.showWarningMessage(what, { modal: true, detail: 'Nothing is cut silently: send everything anyway, or go back and remove attachments.' }, 'Send Anyway');
    return choice === 'Send Anyway';
  }

  async currentHash(rel: string): Promise<string | undefined> {
    const root = vscode.workspace.workspaceFolders?.[0];
    const text = root && !rel.startsWith('..') ? await readText(vscode.Uri.joinPath(root.uri, ...rel.split('/'))) : undefined;
    return text === undefined ? undefined : contentHash(text);
  }

  private async workspaceFiles(under?: vscode.Uri): Promise<vscode.Uri[]> {
    const root = vscode.workspace.workspaceFolders?.[0];
    if (!root) return [];
    const base = under ?? root.uri;
    // findFiles applies files.exclude (and search.exclude is not asked for); the .gitignore files are applied here.
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(base, '**/*'), undefined, MAX_LISTED_FILES);
    const ig = await this.gitignore(root);
    return found.filter((u) => {
      const rel = path.posix.normalize(vscode.workspace.asRelativePath(u, false).split(path.sep).join('/'));
      return !rel.startsWith('..') && !ig.ignores(rel);
    });
  }

  /** The root .gitignore and those in sub-folders (a .gitignore inside node_modules is not looked for). */
  private async gitignore(root: vscode.WorkspaceFolder): Promise<GitignoreRules> {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/.gitignore'), '**/node_modules/**', MAX_GITIGNORE_FILES);
    const files: GitignoreFile[] = [];
    for (const u of found) {
      const rel = vscode.workspace.asRelativePath(u, false).split(path.sep).join('/');
      const text = await readText(u);
      if (text && !rel.startsWith('..')) files.push({ dir: path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel), text });
    }
    return new GitignoreRules(files);
  }

  private async pickFile(): Promise<Gathered> {
    const files = await this.workspaceFiles();
    if (!files.length) return { items: [], refused: 'Open a folder to attach its files.' };
    const picked = await vscode.window.showQuickPick(
      files.map((u) => ({ label: path.posix.basename(u.path), description: fileLabel(u), uri: u })).sort((a, b) => a.description.localeCompare(b.description)),
      { title: 'Attach a file to the chat', placeHolder: 'Type to filter the workspace files', matchOnDescription: true },
    );
    const items: Omit<TextSource, 'id'>[] = [];
    const refused: string[] = [];
    for (const p of picked ? [picked] : []) {
      const r = await this.readFile(p.uri);
      if ('item' in r) items.push(r.item); else if (r.refused) refused.push(r.refused);
    }
    return { items, ...(refused.length ? { refused: refused.join(' ') } : {}) };
  }

  /** One file as an attachment, or why not (binary by name or content; a secret-looking name the person declined). */
  private async readFile(uri: vscode.Uri): Promise<{ item: Omit<TextSource, 'id'> } | { refused?: string }> {
    const label = fileLabel(uri);
    const binary = binaryReason(label);
    if (binary) return { refused: binary };
    const secret = secretReason(label);
    if (secret) {
      const ok = await vscode.window.showWarningMessage(inert(secret), { modal: true }, 'Attach Anyway');
      if (ok !== 'Attach Anyway') return {};
    }
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    const text = doc ? doc.getText() : await readText(uri);
    if (text === undefined) return { refused: `${label} could not be read.` };
    if (looksBinary(text)) return { refused: `${label} is a binary file; only text files can be attached.` };
    return { item: { kind: 'file', label: path.posix.basename(uri.path), path: label, ...(doc ? { language: doc.languageId } : {}), text } };
  }

  private async pickFolder(): Promise<Gathered> {
    const root = vscode.workspace.workspaceFolders?.[0];
    if (!root) return { items: [], refused: 'Open a folder to attach it.' };
    const files = await this.workspaceFiles();
    const folders = new Set<string>(['.']);
    for (const u of files) {
      let dir = path.posix.dirname(fileLabel(u));
      while (dir && dir !== '.' && !folders.has(dir)) { folders.add(dir); dir = path.posix.dirname(dir); }
    }
    const picked = await vscode.window.showQuickPick([...folders].sort().map((f) => ({ label: f === '.' ? '(workspace root)' : f, folder: f })), { title: 'Attach a folder to the chat' });
    if (!picked) return { items: [] };
    const inFolder = files.map(fileLabel).filter((f) => picked.folder === '.' || f.startsWith(`${picked.folder}/`));
    const plan = folderPlan(inFolder.slice(0, MAX_FOLDER_FILES));
    const read: { path: string; text: string }[] = [];
    for (const rel of plan.read) {
      const text = await readText(vscode.Uri.joinPath(root.uri, ...rel.split('/')));
      if (text !== undefined && !looksBinary(text)) read.push({ path: rel, text });
    }
    const left = inFolder.length > MAX_FOLDER_FILES ? [...plan.skipped, `${inFolder.length - MAX_FOLDER_FILES} more files`] : plan.skipped;
    return { items: [{ kind: 'folder', label: `${picked.label}/ (${read.length} files)`, path: picked.folder, text: folderText(read, left) }] };
  }

  private selection(): Gathered {
    const editor = this.editor();
    if (!editor || editor.selection.isEmpty) return { items: [], refused: 'Select some code in an editor first.' };
    const c = codeIn(editor.document, editor.selection);
    const name = path.posix.basename(c.file);
    return { items: [{ kind: 'selection', label: `${name}:${c.startLine}–${c.endLine}`, path: `${c.file}, lines ${c.startLine}–${c.endLine}`, language: c.languageId, text: c.code }] };
  }

  private problems(): Gathered {
    const editor = this.editor();
    if (!editor) return { items: [], refused: 'Open a file first: its problems are attached.' };
    const doc = editor.document;
    const diags = vscode.languages.getDiagnostics(doc.uri);
    if (!diags.length) return { items: [], refused: `${fileLabel(doc.uri)} has no problems to attach.` };
    const sev = ['error', 'warning', 'info', 'hint'] as const;
    const problems: Problem[] = diags.map((d) => ({
      line: d.range.start.line + 1, severity: sev[d.severity] ?? 'info', message: d.message,
      ...(d.source ? { source: d.source } : {}),
      ...(d.code !== undefined ? { code: String(typeof d.code === 'object' ? d.code.value : d.code) } : {}),
    }));
    const lines = Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
    return { items: [{ kind: 'problems', label: `Problems (${problems.length})`, path: fileLabel(doc.uri), text: problemsText(fileLabel(doc.uri), problems, lines) }] };
  }

  private openEditors(): Gathered {
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const uris = tabs.map((t) => (t.input instanceof vscode.TabInputText ? t.input.uri : undefined)).filter((u): u is vscode.Uri => !!u);
    if (!uris.length) return { items: [], refused: 'No files are open in editors.' };
    // Open editors hold what the person is working on, unsaved edits included: their text as the editor has it.
    const docs = [...new Map(uris.map((u) => [u.toString(), u])).values()]
      .map((u) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === u.toString()))
      .filter((d): d is vscode.TextDocument => !!d);
    const plan = folderPlan(docs.map((d) => fileLabel(d.uri)));
    const files = docs.filter((d) => plan.read.includes(fileLabel(d.uri))).map((d) => ({ path: fileLabel(d.uri), text: d.getText() }));
    return { items: [{ kind: 'openEditors', label: `Open editors (${files.length})`, text: folderText(files, plan.skipped) }] };
  }
}

/**
 * A file's text, or undefined when it cannot be read. A folder on this machine's disk (`file:`, where the extension
 * host runs) is read here with Node's fs: vscode.workspace.fs may ask the editor window for it, a round trip that
 * took 6–7 ms a file in code-server, and every chat send waits for the instruction file's read. Other schemes
 * (virtual workspaces) go through the editor's file system as before.
 */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const bytes = uri.scheme === 'file' ? await readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
    return new TextDecoder('utf-8').decode(bytes);
  } catch { return undefined; }
}
