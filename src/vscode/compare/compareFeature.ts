// bedrockMantle.compareModels: choose 2–6 models (from the Models tree's selection or a multi-select picker) and a
// prompt (typed, or an instruction plus the editor's selection), then open a ComparePanel that streams every answer.
import vscode = require('vscode');
import { composePrompt, checkPrompt, type ChatAttachment } from '../../common/chat/input';
import { modelCountProblem, readCompareArgs } from '../../common/compare/commandArgs';
import { MAX_COMPARE_MODELS, MIN_COMPARE_MODELS } from '../../common/compare/fanOut';
import type { ModelDescriptor } from '../../common/models/modelInfo';
import { displayName } from '../../common/models/modelNames';
import { codeIn } from '../codeSelection';
import { COMMAND } from '../../common/commandIds';
import { registerGuarded, type ShowsErrors } from '../commandBoundary';
import type { Log } from '../log';
import { ComparePanel, type CompareDeps } from './comparePanel';
import { inert } from '../../common/inertText';

export const COMPARE_COMMAND = COMMAND.compareModels;

export interface CompareFeatureDeps extends CompareDeps {
  getModels(): Promise<ModelDescriptor[]>;
  maxSelectionChars(): number;
  errors: ShowsErrors;
  log: Log;
}

export class CompareFeature implements vscode.Disposable {
  private readonly panels = new Set<ComparePanel>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: CompareFeatureDeps) {
    this.disposables.push(registerGuarded(deps.errors, COMPARE_COMMAND, 'Compare Models', (first?: unknown, second?: unknown) => this.run(first, second)));
  }

  /** The open comparisons (the newest last); integration tests read their state. */
  get openPanels(): ComparePanel[] { return [...this.panels]; }

  private async run(first: unknown, second: unknown): Promise<ComparePanel | undefined> {
    const args = readCompareArgs(first, second);
    let models = args.models;
    if (modelCountProblem(models.length)) {
      const picked = await this.pickModels(models);
      if (!picked) return undefined;
      models = picked;
    }
    const problem = modelCountProblem(models.length);
    if (problem) { void vscode.window.showWarningMessage(inert(`Bedrock Mantle: ${problem}`)); return undefined; }
    const prompt = args.prompt ?? (await this.askPrompt(models.length));
    if (prompt === undefined) return undefined;
    const descriptors = await this.deps.getModels().catch(() => [] as ModelDescriptor[]);
    const name = (id: string) => descriptors.find((d) => d.id === id)?.name ?? displayName(id);
    const panel = new ComparePanel(this.deps, { models: models.map((id) => ({ id, name: name(id) })), prompt, runs: args.runs ?? 1 });
    this.panels.add(panel);
    panel.onDidDispose(() => this.panels.delete(panel));
    return panel;
  }

  private async pickModels(preselected: string[]): Promise<string[] | undefined> {
    const models = await this.deps.getModels();
    const items = models.map((m) => ({
      // Names and ids come from the server's model list: no icon syntax in the picker.
      label: inert(m.name),
      description: inert(m.id),
      detail: inert(`${m.vendor} · ${m.kind}${m.reasoning ? ' · reasoning' : ''} · ${m.api === 'responses' ? 'Responses API' : 'Chat Completions'}`),
      picked: preselected.includes(m.id),
      id: m.id,
    }));
    const chosen = await vscode.window.showQuickPick(items, {
      title: `Compare Models: choose ${MIN_COMPARE_MODELS} to ${MAX_COMPARE_MODELS}`,
      placeHolder: 'Tick the models to ask the same prompt',
      canPickMany: true,
      matchOnDescription: true,
      matchOnDetail: true,
    });
    return chosen?.map((c) => c.id);
  }

  /** The typed prompt; with a selection in the editor, an instruction for it with the code attached. */
  private async askPrompt(count: number): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    const read = editor && !editor.selection.isEmpty ? codeIn(editor.document, editor.selection) : undefined;
    const selection = read?.code ?? '';
    if (read && selection.trim()) {
      const limit = this.deps.maxSelectionChars();
      if (selection.length > limit) {
        const go = 'Send Anyway';
        const answer = await vscode.window.showWarningMessage(
          `The selection is ${selection.length.toLocaleString('en-US')} characters, more than the ${limit.toLocaleString('en-US')} set in bedrockMantle.editor.maxSelectionChars, and it goes to ${count} models.`,
          { modal: true }, go);
        if (answer !== go) return undefined;
      }
      const attachment: ChatAttachment = { file: read.file, startLine: read.startLine, endLine: read.endLine, languageId: read.languageId, code: selection };
      const instruction = await vscode.window.showInputBox({
        title: `Compare ${count} Models on the Selection`,
        prompt: `${attachment.file}, lines ${attachment.startLine}–${attachment.endLine} are attached below your instruction.`,
        placeHolder: 'e.g. Explain this code / Find the bug / Write unit tests',
        ignoreFocusOut: true,
      });
      return instruction === undefined ? undefined : composePrompt(instruction, attachment);
    }
    const text = await vscode.window.showInputBox({
      title: `Compare ${count} Models`,
      prompt: 'The prompt every model answers, side by side.',
      placeHolder: 'e.g. Explain the CAP theorem in three sentences',
      ignoreFocusOut: true,
      validateInput: (v) => (checkPrompt(v).ok ? undefined : 'Type a prompt: an empty prompt is not sent.'),
    });
    return text === undefined || !checkPrompt(text).ok ? undefined : text;
  }

  dispose(): void {
    for (const p of [...this.panels]) p.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
