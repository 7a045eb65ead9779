// The chat's workspace tools (common/tools/chatTools.ts) on VS Code's file system and search: read a file (bounded),
// list a folder, search text, the active file's problems, and propose_edit, which opens the existing proposal review
// (Accept / Reject) and never writes. Every path a model gives passes the pure policy (no `..`, no absolute path or
// URI, no secrets-looking name), must still be inside its workspace folder after symlinks are resolved, and must not
// be excluded by `files.exclude` or the folder's top-level .gitignore. A failing call is a result with isError: the
// model reads why, nothing is thrown at the chat.
import { promises as fs } from 'node:fs';
import vscode = require('vscode');
import { CHAT_TOOL_DEFINITIONS, TOOL_LIMITS, type ChatToolset } from '../../common/tools/chatTools';
import { IgnoreRules } from '../../common/tools/ignoreRules';
import { checkToolPath, isInside, looksSecret } from '../../common/tools/pathPolicy';
import type { ToolCall, ToolResult } from '../../common/mantle/types';
import type { ProposalReview } from '../proposalReview';

type Result = Omit<ToolResult, 'callId'>;

class ToolRefusal extends Error {}

interface Resolved { folder: vscode.WorkspaceFolder; path: string; uri: vscode.Uri }

export interface WorkspaceToolsDeps {
  review: () => ProposalReview;
  maxSteps: () => number;
  log: { info(m: string): void; warn(m: string): void };
}

export class WorkspaceTools implements ChatToolset {
  readonly definitions = CHAT_TOOL_DEFINITIONS;

  constructor(private readonly deps: WorkspaceToolsDeps) {}

  maxSteps(): number {
    return this.deps.maxSteps();
  }

  async execute(call: ToolCall, signal?: AbortSignal): Promise<Result> {
    const input = call.input ?? {};
    try {
      switch (call.name) {
        case 'read_file': return await this.readFile(input);
        case 'list_folder': return await this.listFolder(input);
        case 'search_text': return await this.searchText(input, signal);
        case 'get_problems': return this.problems();
        case 'propose_edit': return await this.proposeEdit(input);
        default: return { content: `There is no tool named ${call.name}.`, isError: true };
      }
    } catch (e) {
      if (!(e instanceof ToolRefusal)) this.deps.log.warn(`Chat tool ${call.name} failed: ${e instanceof Error ? e.message : String(e)}`);
      return { content: e instanceof Error ? e.message : String(e), isError: true };
    }
  }

  /** The path as a workspace URI, refused unless every rule lets it through. */
  private async resolve(raw: unknown, isDir = false): Promise<Resolved> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) throw new ToolRefusal('No folder is open, so there is no workspace to look at.');
    const verdict = checkToolPath(raw);
    if (!verdict.ok) throw new ToolRefusal(verdict.reason);
    // In a multi-root workspace a path may start with a folder's name.
    const [head, ...rest] = verdict.path.split('/');
    const named = folders.length > 1 ? folders.find((f) => f.name === head) : undefined;
    const folder = named ?? folders[0];
    const path = named ? rest.join('/') : verdict.path;
    const uri = path ? vscode.Uri.joinPath(folder.uri, path) : folder.uri;
    if (uri.scheme === 'file') {
      // A symlink inside the folder may point anywhere: the real path must still be inside the real folder.
      const real = await fs.realpath(uri.fsPath).catch(() => undefined);
      if (real === undefined) throw new ToolRefusal(`${verdict.path || '.'} does not exist.`);
      const root = await fs.realpath(folder.uri.fsPath);
      if (!isInside(root.replace(/\\/g, '/'), real.replace(/\\/g, '/'))) throw new ToolRefusal(`${verdict.path} leads outside the workspace, so the tools do not follow it.`);
    }
    if (path && (await this.rulesFor(folder)).ignores(path, isDir)) throw new ToolRefusal(`${verdict.path} is excluded (files.exclude or .gitignore), so the tools leave it alone.`);
    return { folder, path, uri };
  }

  private async rulesFor(folder: vscode.WorkspaceFolder): Promise<IgnoreRules> {
    const rules = new IgnoreRules().addExcludes(vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {});
    try {
      rules.addGitignore(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.gitignore'))));
    } catch {
      // No .gitignore: only files.exclude applies.
    }
    return rules;
  }

  private async readFile(input: Record<string, unknown>): Promise<Result> {
    const { uri, path } = await this.resolve(input.path);
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.type & vscode.FileType.Directory) return { content: `${path} is a folder; use list_folder.`, isError: true };
    if (stat.size > 5_000_000) return { content: `${path} is ${stat.size} bytes, too large to read.`, isError: true };
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    if (text.includes('\u0000')) return { content: `${path} is a binary file.`, isError: true };
    const lines = text.split('\n');
    const start = Math.max(1, Math.floor(Number(input.startLine) || 1));
    const end = Math.min(lines.length, Math.floor(Number(input.endLine) || lines.length));
    let body = lines.slice(start - 1, end).join('\n');
    let cut = '';
    if (body.length > TOOL_LIMITS.readChars) {
      body = body.slice(0, TOOL_LIMITS.readChars);
      const shownEnd = start + body.split('\n').length - 1;
      cut = `\n[cut at ${TOOL_LIMITS.readChars} characters: ask for startLine ${shownEnd} onwards to read more]`;
    }
    return { content: `${path} (lines ${start}-${end} of ${lines.length}):\n${body}${cut}` };
  }

  private async listFolder(input: Record<string, unknown>): Promise<Result> {
    const { uri, path, folder } = await this.resolve(input.path ?? '.', true);
    const rules = await this.rulesFor(folder);
    const entries = (await vscode.workspace.fs.readDirectory(uri))
      .map(([name, type]) => ({ rel: path ? `${path}/${name}` : name, name, dir: (type & vscode.FileType.Directory) !== 0 }))
      .filter((e) => !looksSecret(e.rel) && !rules.ignores(e.rel, e.dir))
      .sort((a, b) => Number(b.dir) - Number(a.dir) || a.name.localeCompare(b.name));
    const shown = entries.slice(0, TOOL_LIMITS.listEntries).map((e) => (e.dir ? `${e.name}/` : e.name));
    const more = entries.length > shown.length ? `\n[${entries.length - shown.length} more not shown]` : '';
    return { content: `${path || '.'} (${entries.length} entries):\n${shown.join('\n')}${more}` };
  }

  private async searchText(input: Record<string, unknown>, signal?: AbortSignal): Promise<Result> {
    const query = typeof input.query === 'string' ? input.query.trim() : '';
    if (!query) return { content: 'The query is empty.', isError: true };
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) return { content: 'No folder is open, so there is no workspace to search.', isError: true };
    const include = typeof input.include === 'string' && input.include.trim() && checkToolPath(input.include.replace(/\*/g, 'x')).ok ? input.include.trim() : '**/*';
    // findFiles applies files.exclude itself; .gitignore and secrets are checked per file below.
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, include), undefined, TOOL_LIMITS.filesSearched);
    const rules = await this.rulesFor(folder);
    const needle = query.toLowerCase();
    const hits: string[] = [];
    for (const file of files) {
      if (signal?.aborted || hits.length >= TOOL_LIMITS.searchHits) break;
      const rel = vscode.workspace.asRelativePath(file, false);
      if (looksSecret(rel) || rules.ignores(rel)) continue;
      const bytes = await vscode.workspace.fs.readFile(file).then((b) => b, () => undefined);
      if (!bytes || bytes.length > 1_000_000) continue;
      const text = new TextDecoder().decode(bytes);
      if (text.includes('\u0000')) continue;
      text.split('\n').forEach((line, i) => {
        if (hits.length < TOOL_LIMITS.searchHits && line.toLowerCase().includes(needle)) hits.push(`${rel}:${i + 1}: ${line.trim().slice(0, 200)}`);
      });
    }
    return { content: hits.length ? `${hits.length} match(es) for "${query}":\n${hits.join('\n')}` : `No matches for "${query}".` };
  }

  private problems(): Result {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return { content: 'No file is open in the editor.' };
    const doc = editor.document;
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    if (!folder) return { content: 'The active file is not part of the workspace.', isError: true };
    const rel = vscode.workspace.asRelativePath(doc.uri, false);
    if (looksSecret(rel)) return { content: `${rel} looks like it holds secrets, so the tools do not read it.`, isError: true };
    const severity = ['error', 'warning', 'info', 'hint'];
    const list = vscode.languages.getDiagnostics(doc.uri).slice(0, 100)
      .map((d) => `${rel}:${d.range.start.line + 1}: ${severity[d.severity] ?? 'info'}: ${d.message}`);
    return { content: list.length ? list.join('\n') : `${rel} has no problems.` };
  }

  private async proposeEdit(input: Record<string, unknown>): Promise<Result> {
    const find = typeof input.find === 'string' ? input.find : '';
    const replace = typeof input.replace === 'string' ? input.replace : undefined;
    if (!find || replace === undefined) return { content: 'propose_edit needs the exact text to find and its replacement.', isError: true };
    const { uri, path } = await this.resolve(input.path);
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const at = text.indexOf(find);
    if (at < 0) return { content: `The text to replace was not found in ${path}.`, isError: true };
    if (text.indexOf(find, at + 1) >= 0) return { content: `The text to replace occurs more than once in ${path}; include more of it so it is unique.`, isError: true };
    const range = new vscode.Range(document.positionAt(at), document.positionAt(at + find.length));
    await this.deps.review().open({ actionLabel: 'Edit', model: 'the chat', document, fileLabel: path, range, startLine: range.start.line + 1, endLine: range.end.line + 1, replacement: replace });
    this.deps.log.info(`Chat tool: proposed an edit to ${path} (lines ${range.start.line + 1}-${range.end.line + 1}) for review`);
    return { content: `A diff of ${path} is shown to the person, who accepts or rejects it. Nothing has changed yet.` };
  }
}
