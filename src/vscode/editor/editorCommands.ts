// The editor commands on the selection: Explain, Refactor, Fix, Add Documentation, Generate Tests, Ask…, Send to
// Chat, and "Run on Selection with Model…". Rewrites end in a diff review, tests in a new editor, the rest in the chat.
import vscode = require('vscode');
import { COMMAND } from '../../common/commandIds';
import { EDITOR_ACTIONS, type EditorAction, type EditorActionId } from '../../common/editor/actions';
import { extractCode, type ExtractedCode } from '../../common/editor/codeExtraction';
import { buildEditorPrompt, taskText } from '../../common/editor/promptBuilder';
import { prepareReplacement } from '../../common/editor/rangeApply';
import type { TurnResult } from '../../common/mantle/types';
import { pickModel } from './modelPicker';
import { ProposalReview } from '../proposalReview';
import { readSelection, type EditorSelection } from './selectionInput';
import { registerGuarded } from '../commandBoundary';
import type { EditorCommandServices } from './services';
import { streamWithProgress } from './streamWithProgress';
import { inert } from '../../common/inertText';

export const EDITOR_COMMAND_IDS: Record<EditorActionId, string> = {
  explain: COMMAND.editorExplain,
  refactor: COMMAND.editorRefactor,
  fix: COMMAND.editorFix,
  document: COMMAND.editorAddDocumentation,
  tests: COMMAND.editorGenerateTests,
  ask: COMMAND.editorAsk,
  sendToChat: COMMAND.editorSendToChat,
};

/** Optional arguments when a command is run programmatically (tests, keybindings with args). */
export interface EditorCommandArgs {
  model?: string;
  instruction?: string;
}

/** Menus pass the document's URI as the first argument; only a plain object with our fields counts as arguments. */
function readArgs(arg: unknown): EditorCommandArgs {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return {};
  const { model, instruction } = arg as Record<string, unknown>;
  return {
    model: typeof model === 'string' && model.trim() ? model.trim() : undefined,
    instruction: typeof instruction === 'string' ? instruction : undefined,
  };
}

/** "qwen.qwen3-coder-480b-a35b-instruct" → "qwen3-coder-480b-a35b-instruct": the vendor prefix only takes room in a toast. */
function shortModel(id: string): string {
  const dot = id.indexOf('.');
  return dot > 0 ? id.slice(dot + 1) : id;
}

export class EditorCommands implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly review: ProposalReview;

  constructor(private readonly services: EditorCommandServices) {
    this.review = new ProposalReview(services.log);
    this.disposables.push(this.review);
    for (const action of EDITOR_ACTIONS) {
      this.register(EDITOR_COMMAND_IDS[action.id], (arg) => this.run(action, readArgs(arg)));
    }
    this.register(COMMAND.editorRunWithModel, () => this.runWithModel());
    this.register(COMMAND.editorAcceptProposal, (arg) => this.review.accept(arg));
    this.register(COMMAND.editorRejectProposal, (arg) => this.review.reject(arg));
  }

  private register(id: string, handler: (arg?: unknown) => unknown): void {
    this.disposables.push(registerGuarded(this.services.errors, id, 'Bedrock Mantle editor command', handler));
  }

  private async runWithModel(): Promise<void> {
    const picked = await vscode.window.showQuickPick(
      EDITOR_ACTIONS.map((a) => ({ label: a.label, action: a })),
      { title: 'Bedrock Mantle: Run on Selection with Model…', placeHolder: 'What to do with the selection' },
    );
    if (!picked) return;
    const model = await pickModel(this.services, `Bedrock Mantle ${picked.action.label}: choose a model`);
    if (!model) return;
    await this.run(picked.action, { model });
  }

  async run(action: EditorAction, args: EditorCommandArgs): Promise<void> {
    const sel = await readSelection(vscode.window.activeTextEditor, this.services, action.label);
    if (!sel) return;
    let instruction = args.instruction;
    if (action.id === 'ask' && !instruction?.trim()) {
      instruction = await vscode.window.showInputBox({
        title: `Bedrock Mantle: Ask about ${sel.file} ${sel.startLine}–${sel.endLine}`,
        prompt: 'What should the model do with the selected code?',
        placeHolder: 'e.g. Is this thread-safe? / Convert this to async/await',
        ignoreFocusOut: true,
      });
      if (!instruction?.trim()) return;
    }
    const model = args.model ?? this.services.settings.coderDefaultModel;
    this.services.log.info(`Editor: ${action.label} on ${sel.file}:${sel.startLine}-${sel.endLine} (${sel.text.length} chars) with ${model}`);
    switch (action.delivery) {
      case 'chat': return this.toChat(action, sel, instruction, args.model);
      case 'newEditor': return this.toNewEditor(action, sel, model);
      case 'rewrite': return this.toReview(action, sel, model);
    }
  }

  private async toChat(action: EditorAction, sel: EditorSelection, instruction: string | undefined, pickedModel: string | undefined): Promise<void> {
    // A whole-line selection ends with a line break that would only show as an empty line in the chat's code block.
    const code = sel.text.replace(/\r?\n$/, '');
    const attachment = { file: sel.file, startLine: sel.startLine, endLine: sel.endLine, languageId: sel.languageId, code };
    // Send to Chat only attaches the code for the person to ask about; it keeps the chat's model unless one was picked.
    const opts = action.id === 'sendToChat'
      ? { attachment, send: false, model: pickedModel }
      : { attachment, prompt: taskText(action, sel.languageId, instruction), send: true, model: pickedModel ?? this.services.settings.coderDefaultModel };
    try {
      await this.services.chat.open(opts);
    } catch (err) {
      void this.services.errors.show(err, `${action.label}: opening the chat`);
    }
  }

  private prompt(action: EditorAction, sel: EditorSelection) {
    return buildEditorPrompt({
      action, languageId: sel.languageId, file: sel.file, startLine: sel.startLine, endLine: sel.endLine,
      selection: sel.text, context: sel.context,
    });
  }

  /**
   * Streams the request with progress and pulls the code out of the reply. Undefined when there is nothing to use:
   * the turn failed or was stopped (already reported), or the reply held no code (then shown beside).
   */
  private async askForCode(action: EditorAction, sel: EditorSelection, model: string): Promise<{ result: TurnResult; extracted: Exclude<ExtractedCode, { kind: 'none' }> } | undefined> {
    const result = await streamWithProgress(this.services, `${action.label} · ${shortModel(model)}`, { model, messages: this.prompt(action, sel) });
    if (!result) return undefined;
    const extracted = await extractCode(result.text, sel.languageId);
    if (extracted.kind === 'none') {
      await this.showReplyWithoutCode(action, sel, result.text);
      return undefined;
    }
    return { result, extracted };
  }

  private async toNewEditor(action: EditorAction, sel: EditorSelection, model: string): Promise<void> {
    const answer = await this.askForCode(action, sel, model);
    if (!answer) return;
    const { result, extracted } = answer;
    const doc = await vscode.workspace.openTextDocument({ language: sel.languageId, content: `${extracted.code}\n` });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    if (result.finishReason === 'length') void vscode.window.showWarningMessage(`${action.label}: the reply was cut off at the model's output limit, so the file may be incomplete.`);
  }

  private async toReview(action: EditorAction, sel: EditorSelection, model: string): Promise<void> {
    const answer = await this.askForCode(action, sel, model);
    if (!answer) return;
    const { result, extracted } = answer;
    const replacement = prepareReplacement({ proposal: extracted.code, original: sel.text, linePrefix: sel.linePrefix, eol: sel.eol, indent: sel.indent });
    if (replacement === sel.text) {
      void vscode.window.showInformationMessage(inert(`${action.label}: ${shortModel(model)} proposed no change to ${sel.file} ${sel.startLine}–${sel.endLine}.`));
      return;
    }
    const notes: string[] = [];
    if (result.finishReason === 'length') notes.push('The reply was cut off at the output limit: check the end of the code.');
    if (extracted.kind === 'fenced' && extracted.used > 1) notes.push(`${extracted.used} code blocks from the reply were joined.`);
    await this.review.open({
      actionLabel: action.label, model: shortModel(model), document: sel.document, fileLabel: sel.file, range: sel.range,
      startLine: sel.startLine, endLine: sel.endLine, replacement, note: notes.join(' ') || undefined,
    });
  }

  /** A rewrite or tests request whose reply holds no code: say so, and show the reply so its reasoning is not lost. */
  private async showReplyWithoutCode(action: EditorAction, sel: EditorSelection, reply: string): Promise<void> {
    const content = `# ${action.label}: ${sel.file} ${sel.startLine}–${sel.endLine}\n\nThe model replied without any code:\n\n${reply.trim() || '*(an empty reply)*'}\n`;
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    void vscode.window.showWarningMessage(`${action.label}: the reply contained no code, so there is nothing to ${action.delivery === 'rewrite' ? 'review' : 'open'}. The reply is shown beside.`);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
