// The review of a rewrite: a diff of the original selection against the proposed replacement, with Accept and
// Reject in the diff's title bar and in a notification. Accept replaces exactly the original range in one
// WorkspaceEdit, and only if the document is still the one the proposal was made from (common/editor/rangeApply.ts).
import * as path from 'node:path';
import vscode = require('vscode');
import { decideApply, type DocumentSnapshot } from '../common/editor/rangeApply';
import type { Log } from './log';
import { PROPOSAL_SCHEME, ProposalDocuments, proposalIdOf, proposalUri } from './proposalDocuments';
import { inert } from '../common/inertText';

export const HAS_PROPOSAL_CONTEXT = 'bedrockMantle.editor.hasProposal';

export interface ProposalInit {
  /** "Refactor", "Fix", "Add Documentation". */
  actionLabel: string;
  model: string;
  document: vscode.TextDocument;
  fileLabel: string;
  range: vscode.Range;
  startLine: number;
  endLine: number;
  /** The exact text that Accept puts into `range`. */
  replacement: string;
  /** Something to say about the proposal (a reply cut off at the output limit, several blocks joined). */
  note?: string;
}

interface Proposal extends ProposalInit {
  id: string;
  snapshot: DocumentSnapshot;
  left: vscode.Uri;
  right: vscode.Uri;
}

export class ProposalReview implements vscode.Disposable {
  private readonly documents = new ProposalDocuments();
  private readonly pending = new Map<string, Proposal>();
  private readonly tabListener: vscode.Disposable;
  private counter = 0;

  constructor(private readonly log: Log) {
    // Closing the diff by hand is a Reject: forget the proposal so nothing is left in memory or in the title bar.
    this.tabListener = vscode.window.tabGroups.onDidChangeTabs((e) => {
      for (const tab of e.closed) {
        const id = tab.input instanceof vscode.TabInputTextDiff ? proposalIdOf(tab.input.modified) : undefined;
        if (id) this.discard(id);
      }
    });
  }

  /** Shows the diff and the Accept / Reject notification. Resolves once the diff is open, not when it is decided. */
  async open(init: ProposalInit): Promise<void> {
    const id = `p${++this.counter}`;
    const fileName = path.posix.basename(init.document.uri.path) || 'selection';
    const p: Proposal = {
      ...init,
      id,
      snapshot: { version: init.document.version, documentText: init.document.getText(), rangeText: init.document.getText(init.range) },
      left: proposalUri(id, 'original', fileName),
      right: proposalUri(id, 'proposal', fileName),
    };
    this.documents.set(p.left, p.snapshot.rangeText);
    this.documents.set(p.right, p.replacement);
    this.pending.set(id, p);
    void this.updateContext();

    // Virtual documents get their language from the file name's extension at best; set it so both sides highlight.
    for (const uri of [p.left, p.right]) {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.languageId !== init.document.languageId) await vscode.languages.setTextDocumentLanguage(doc, init.document.languageId);
    }
    const title = `${fileName} ${init.startLine}–${init.endLine}: Original ↔ ${init.actionLabel} (${init.model})`;
    await vscode.commands.executeCommand('vscode.diff', p.left, p.right, title, { preview: false });

    const lines = init.startLine === init.endLine ? `line ${init.startLine}` : `lines ${init.startLine}–${init.endLine}`;
    const message = `${init.actionLabel} of ${init.fileLabel} ${lines} is ready to review.${init.note ? ` ${init.note}` : ''}`;
    // The file name and note come from the workspace and the model: inert, so no fake button sits beside Accept.
    void vscode.window.showInformationMessage(inert(message), 'Accept', 'Reject').then((choice) => {
      if (!this.pending.has(id)) return; // already decided from the title bar
      if (choice === 'Accept') void this.accept(p.right);
      else if (choice === 'Reject') void this.reject(p.right);
    });
  }

  /** The proposal a command is about: the one whose diff the title button sits on, else the active diff, else the latest. */
  private find(target: unknown): Proposal | undefined {
    const fromArg = target instanceof vscode.Uri ? proposalIdOf(target) : undefined;
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    const fromTab = input instanceof vscode.TabInputTextDiff ? proposalIdOf(input.modified) : undefined;
    const id = fromArg ?? fromTab ?? [...this.pending.keys()].pop();
    return id ? this.pending.get(id) : undefined;
  }

  /** Applies the proposal; returns true when the document was changed. */
  async accept(target?: unknown): Promise<boolean> {
    const p = this.find(target);
    if (!p) {
      void vscode.window.showInformationMessage('There is no Bedrock Mantle proposal to accept.');
      return false;
    }
    let doc: vscode.TextDocument | undefined;
    try {
      doc = await vscode.workspace.openTextDocument(p.document.uri);
    } catch {
      doc = undefined; // an untitled document that was closed cannot come back
    }
    const current = doc && { version: doc.version, documentText: doc.getText(), rangeText: doc.getText(p.range) };
    const decision = decideApply(p.fileLabel, p.snapshot, current);
    if (!decision.apply) {
      this.log.info(`Editor: refused to apply ${p.actionLabel} to ${p.fileLabel} (${decision.reason})`);
      // The diff stays open so the proposal can still be read or copied; Reject closes it.
      void vscode.window.showWarningMessage(inert(decision.message));
      return false;
    }
    if (!doc) return false; // not reached: decideApply refuses a document that is gone
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, p.range, p.replacement);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(inert(`The ${p.actionLabel} proposal could not be applied to ${p.fileLabel} (the editor rejected the edit).`));
      return false;
    }
    this.log.info(`Editor: applied ${p.actionLabel} to ${p.fileLabel} lines ${p.startLine}-${p.endLine}`);
    await this.close(p);
    const start = p.range.start;
    const end = doc.positionAt(doc.offsetAt(start) + p.replacement.length);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(start, end), preview: false });
    return true;
  }

  async reject(target?: unknown): Promise<void> {
    const p = this.find(target);
    if (!p) return;
    this.log.info(`Editor: rejected ${p.actionLabel} for ${p.fileLabel}`);
    await this.close(p);
  }

  private async close(p: Proposal): Promise<void> {
    this.discard(p.id);
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) =>
      t.input instanceof vscode.TabInputTextDiff && t.input.modified.scheme === PROPOSAL_SCHEME && proposalIdOf(t.input.modified) === p.id);
    if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
  }

  private discard(id: string): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.documents.delete(p.left);
    this.documents.delete(p.right);
    void this.updateContext();
  }

  private updateContext(): Thenable<unknown> {
    return vscode.commands.executeCommand('setContext', HAS_PROPOSAL_CONTEXT, this.pending.size > 0);
  }

  dispose(): void {
    this.tabListener.dispose();
    this.documents.dispose();
    this.pending.clear();
  }
}
