// One comparison in an editor panel: runs the fan-out, folds its hooks into the snapshot, streams batched deltas to
// the webview and answers the webview's requests (Stop, Run again, Continue in Chat, copy). Every message from the
// webview is validated by compareProtocol.ts before anything here sees it.
import type { PricingContext } from '../../common/account/pricing';
import { randomUUID } from 'node:crypto';
import vscode = require('vscode');
import { DeltaBatcher } from '../../common/chat/batcher';
import { clampRuns, startComparison, type RunningComparison } from '../../common/compare/fanOut';
import { applyDelta, createSnapshot, finish, firstToken, lastCompletedRun, runEnded, runStarted, shownRun, type CompareSnapshot } from '../../common/compare/session';
import { comparisonMarkdown } from '../../common/compare/table';
import { parseCompareWebviewMessage, type CompareHostMessage, type CompareWebviewMessage } from '../../common/compareProtocol';
import type { ChatOpener } from '../../common/chat/openChat';
import type { TurnEngine, TurnStreamer } from '../../common/mantle/turnEngine';
import type { ApiKind, ReasoningEffort } from '../../common/mantle/types';
import type { Log } from '../log';
import { compareHtml, compareWebviewOptions, connectWebview, onHidden, openWebviewLink, runErrorActionCommand, type WebviewConnection } from '../webviewHost';

export const COMPARE_PANEL_TYPE = 'bedrockMantle.comparePanel';

export interface CompareSettings {
  readonly store: boolean;
  readonly showReasoning: boolean;
  readonly effort: ReasoningEffort;
  /** The Region and price overrides each column's cost is computed with; absent: tokens only. */
  readonly pricing?: PricingContext;
  setShowReasoning(show: boolean): Thenable<void>;
  onDidChange(listener: () => void): vscode.Disposable;
}

export interface CompareDeps {
  extensionUri: vscode.Uri;
  log: Log;
  mantle: TurnStreamer;
  /** container.turns: every column's requests go through the model router. */
  turns?: TurnEngine;
  apiFor(model: string): ApiKind;
  settings: CompareSettings;
  /** Where "Continue in Chat" sends a column's exchange. */
  chat: ChatOpener;
}

export interface CompareInput {
  models: { id: string; name: string }[];
  prompt: string;
  runs: number;
}

/** The title of the panel: the start of the prompt. */
function panelTitle(prompt: string): string {
  const line = prompt.trim().split(/\r?\n/, 1)[0] ?? '';
  return `Compare: ${line.length > 30 ? `${line.slice(0, 29).trimEnd()}…` : line}`;
}

export class ComparePanel implements vscode.Disposable {
  readonly panel: vscode.WebviewPanel;
  private snapshot: CompareSnapshot;
  private comparison: RunningComparison | undefined;
  private readonly batcher = new DeltaBatcher((b) => this.post({ type: 'delta', column: Number(b.threadId), run: Number(b.turnId), text: b.text, reasoning: b.reasoning }), 40);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly page: WebviewConnection<CompareHostMessage>;
  private disposed = false;
  private readonly onDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDisposeEmitter.event;

  constructor(private readonly deps: CompareDeps, private readonly input: CompareInput) {
    this.snapshot = this.freshSnapshot(input.runs);
    // No retainContextWhenHidden: a panel shown again posts `ready` and the host replays the whole comparison.
    this.panel = vscode.window.createWebviewPanel(
      COMPARE_PANEL_TYPE, panelTitle(input.prompt), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      compareWebviewOptions(deps.extensionUri),
    );
    this.panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'mantle.svg');
    this.page = connectWebview<CompareHostMessage, CompareWebviewMessage>(this.panel.webview, {
      feature: 'Compare', parse: parseCompareWebviewMessage, handle: (m) => this.handle(m), log: deps.log,
      snapshot: () => [this.stateMessage()], replacedBySnapshot: ['state', 'delta'],
    }, onHidden(this.panel));
    this.disposables.push(
      this.page,
      this.panel.onDidDispose(() => this.dispose()),
      deps.settings.onDidChange(() => { this.snapshot = { ...this.snapshot, showReasoning: deps.settings.showReasoning }; this.postState(); }),
    );
    this.panel.webview.html = compareHtml(this.panel.webview, deps.extensionUri);
    this.start(input.runs);
  }

  get state(): CompareSnapshot { return this.snapshot; }

  /** Starts (or restarts) the comparison with `runs` runs per model. */
  start(runs: number): void {
    this.comparison?.stop();
    const count = clampRuns(runs);
    this.snapshot = this.freshSnapshot(count);
    const log = this.deps.log;
    const comparison = startComparison({
      mantle: this.deps.mantle,
      ...(this.deps.turns ? { turns: this.deps.turns } : {}),
      apiFor: (m) => this.deps.apiFor(m),
      log: (level, msg) => log[level](msg),
    }, {
      models: this.input.models.map((m) => m.id),
      prompt: this.input.prompt,
      runs: count,
      store: this.deps.settings.store,
      effort: this.deps.settings.effort,
    }, {
      onRunStart: (c, r, api) => this.update(runStarted(this.snapshot, c, r, api)),
      onFirstToken: (c, r, ms) => this.update(firstToken(this.snapshot, c, r, ms)),
      onEvent: (c, r, e) => {
        if (e.kind === 'started' || e.kind === 'toolCall') return;
        this.snapshot = applyDelta(this.snapshot, c, r, e.kind === 'text' ? e.delta : '', e.kind === 'reasoning' ? e.delta : '');
        this.batcher.push(String(c), String(r), e.kind, e.delta);
      },
      onRunEnd: (c, r, outcome) => this.update(runEnded(this.snapshot, c, r, outcome, this.deps.settings.store)),
    });
    this.comparison = comparison;
    void comparison.done.then(() => {
      if (this.comparison !== comparison) return; // a newer run replaced this one
      this.comparison = undefined;
      this.update(finish(this.snapshot));
    });
  }

  stop(): void {
    this.comparison?.stop();
  }

  private freshSnapshot(runs: number): CompareSnapshot {
    return createSnapshot({ id: randomUUID(), prompt: this.input.prompt, runs, showReasoning: this.deps.settings.showReasoning, models: this.input.models });
  }

  private update(next: CompareSnapshot): void {
    this.snapshot = next;
    this.postState();
  }

  private async handle(m: CompareWebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready': return; // the host has replayed the snapshot
      case 'stop': return this.stop();
      case 'rerun': return this.start(m.runs);
      case 'continueInChat': return this.continueInChat(m.column);
      case 'copyAnswer': {
        const col = this.snapshot.columns[m.column];
        if (col) await vscode.env.clipboard.writeText(shownRun(col).run.text);
        return;
      }
      case 'copyTable':
        await vscode.env.clipboard.writeText(comparisonMarkdown(this.snapshot));
        vscode.window.setStatusBarMessage('$(check) Comparison table copied as Markdown', 3000);
        return;
      case 'setShowReasoning': return void (await this.deps.settings.setShowReasoning(m.show));
      case 'openLink': return openWebviewLink('Compare', m.href, this.deps.log);
      case 'runAction': return void (await runErrorActionCommand(m.action));
    }
  }

  /** Opens a chat thread with the column's model, holding the prompt and that model's latest completed answer. */
  private async continueInChat(column: number): Promise<void> {
    const col = this.snapshot.columns[column];
    const run = col && lastCompletedRun(col);
    if (!col || !run) { this.post({ type: 'notice', text: 'This model has no completed answer to continue from yet.' }); return; }
    await this.deps.chat.open({
      model: col.model,
      seed: {
        prompt: this.snapshot.prompt,
        answer: run.text,
        reasoning: run.reasoning,
        ...(run.api ? { api: run.api } : {}),
        ...(run.responseId ? { responseId: run.responseId } : {}),
        stored: run.stored === true,
        ...(run.usage ? { usage: run.usage } : {}),
      },
    });
  }

  private postState(): void {
    this.post(this.stateMessage());
  }

  private stateMessage(): CompareHostMessage {
    this.batcher.flush(); // deltas already streamed must land before the state that follows them
    const pricing = this.deps.settings.pricing;
    return { type: 'state', snapshot: pricing ? { ...this.snapshot, pricing } : this.snapshot };
  }

  private post(message: CompareHostMessage): void {
    if (this.disposed) return;
    this.page.post(message);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.comparison?.stop();
    this.batcher.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onDisposeEmitter.fire();
    this.onDisposeEmitter.dispose();
  }
}
