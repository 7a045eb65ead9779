// The editor's side of autocomplete: reads the code around the cursor, turns VS Code's cancellation into an
// AbortSignal (the editor cancels the previous ask on every keystroke, and the client then closes the HTTP request)
// and offers the engine's answer as ghost text. Everything else — cache, debounce, cap, back-off, cleaning — is the
// pure CompletionEngine. Partial accept (word / line) is VS Code's own (editor.action.inlineSuggest.acceptNextWord…).
import vscode = require('vscode');
import type { CompletionEngine } from '../../common/autocomplete/completionEngine';
import { EDITABLE_SCHEMES, languageEnabled } from '../../common/autocomplete/eligibility';
import type { AutocompleteSettings } from '../settings';

/**
 * Lines read around the cursor. The prompt is clipped to its character budgets later; reading from a fixed line keeps
 * the prefix stable while the person types on one line, which the prefix cache relies on.
 */
const LINES_BEFORE = 200;
const LINES_AFTER = 80;

export class InlineProvider implements vscode.InlineCompletionItemProvider {
  constructor(private readonly engine: CompletionEngine, private readonly settings: () => AutocompleteSettings) {}

  /** Whether this document may be sent at all: an editable scheme, its language on, not matched by an exclude glob. */
  eligible(document: vscode.TextDocument): boolean {
    const s = this.settings();
    if (!EDITABLE_SCHEMES.includes(document.uri.scheme)) return false;
    if (!languageEnabled(s.languages, document.languageId)) return false;
    return !s.exclude.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  async provideInlineCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.InlineCompletionContext,
    token: vscode.CancellationToken,
  ): Promise<vscode.InlineCompletionItem[] | undefined> {
    // With the suggestion list open the person is choosing from it; a ghost text beside it would compete.
    if (context.selectedCompletionInfo || !this.eligible(document)) return undefined;
    const start = new vscode.Position(Math.max(0, position.line - LINES_BEFORE), 0);
    const endLine = Math.min(document.lineCount - 1, position.line + LINES_AFTER);
    const prefix = document.getText(new vscode.Range(start, position));
    const suffix = document.getText(new vscode.Range(position, document.lineAt(endLine).range.end));
    const abort = new AbortController();
    const onCancel = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      const offered = await this.engine.complete({
        scope: document.uri.toString(), prefix, suffix, languageId: document.languageId,
        path: vscode.workspace.asRelativePath(document.uri, false),
      }, abort.signal);
      if (!offered || token.isCancellationRequested) return undefined;
      const range = offered.replacesRestOfLine
        ? new vscode.Range(position, document.lineAt(position.line).range.end)
        : new vscode.Range(position, position);
      return [new vscode.InlineCompletionItem(offered.text, range)];
    } finally {
      onCancel.dispose();
    }
  }
}
