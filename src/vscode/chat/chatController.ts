// The chat's host side: owns the threads, runs turns through the Mantle client, persists after every turn change and
// keeps every attached webview (sidebar view and/or editor panel) in sync. Webview messages are validated by the
// shared protocol before anything here sees them.
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { DeltaBatcher } from '../../common/chat/batcher';
import { checkPrompt, composePrompt, type ChatAttachment } from '../../common/chat/input';
import { threadFromSeed, type ChatSeed } from '../../common/compare/chatSeed';
import { catalogModelOptions, sortModelOptions } from '../../common/chat/modelOptions';
import { cancelBackgroundTurn, pollBackgroundTurn, runTurn, type BackgroundResponses, type TurnRunnerEnv } from '../../common/chat/turnRunner';
import type { ApiKind, MantleApi } from '../../common/mantle/types';
import { UNAVAILABLE_MANTLE } from '../../common/mantle/unavailable';
import { parseWebviewMessage, type HostMessage, type ModelOption, type ThreadSummary, type WebviewMessage } from '../../common/protocol';
import { createThread, findTurn, forkThread, runningTurn, type Thread } from '../../common/threads/model';
import type { Log } from '../log';
import { openWebviewLink, receiveWebviewMessage } from '../webviewMessages';
import { commandForAction, EditorTracker, exportThread, insertAtCursor, openInNewEditor } from './chatHostActions';
import type { ChatSettings } from './chatSettings';
import type { ThreadStore } from './threadStore';
import { inert } from '../../common/inertText';

export interface ChatModelSource {
  list(): Promise<ModelOption[]>;
  apiFor(modelId: string): ApiKind;
  /** Fires when the live list or a learned capability changes. */
  onDidChange?: vscode.Event<unknown>;
}

export type ChatMantle = MantleApi & Partial<BackgroundResponses>;

/** The arguments of bedrockMantle.openChat (see the seams between features). */
export interface OpenChatOptions {
  model?: string;
  prompt?: string;
  attachment?: ChatAttachment;
  send?: boolean;
  /** Start the thread with this finished exchange (Compare Models' "Continue in Chat"). */
  seed?: ChatSeed;
}

export interface ChatDeps {
  store: ThreadStore;
  settings: ChatSettings;
  mantle: () => ChatMantle | undefined;
  models: ChatModelSource;
  log: Log;
  /** How often a background turn is polled. */
  pollIntervalMs?: number;
}

export class ChatController implements vscode.Disposable {
  private readonly threads = new Map<string, Thread>();
  private activeId: string | undefined;
  private readonly views = new Set<vscode.Webview>();
  /** The request of the turn running in each thread (one at a time per thread). */
  private readonly running = new Map<string, AbortController>();
  /** Background turns being polled, by turn id. */
  private readonly polls = new Map<string, AbortController>();
  /** Text streamed so far for running turns, so a view that (re)connects mid-stream shows it. */
  private readonly partial = new Map<string, { text: string; reasoning: string }>();
  private models: ModelOption[] = sortModelOptions(catalogModelOptions());
  private pendingCompose: string | undefined;
  private readonly batcher = new DeltaBatcher((b) => this.post({ type: 'delta', ...b }), 40);
  private readonly editors = new EditorTracker();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: ChatDeps) {
    for (const t of deps.store.loadAll()) this.threads.set(t.id, t);
    const stored = deps.store.activeThreadId();
    this.activeId = stored && this.threads.has(stored) ? stored : this.sorted()[0]?.id;
    this.disposables.push(deps.settings.onDidChange(() => this.postState()));
    if (deps.models.onDidChange) this.disposables.push(deps.models.onDidChange(() => void this.refreshModels()));
    // Background turns keep running on the server across reloads: pick their polling up again.
    for (const t of this.threads.values()) for (const turn of t.turns) if (turn.status === 'background') this.startPolling(t.id, turn.id);
    void this.refreshModels();
  }

  // ── views ────────────────────────────────────────────────────────────────────────────────────────────────────────
  attach(webview: vscode.Webview): vscode.Disposable {
    this.views.add(webview);
    const sub = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    return new vscode.Disposable(() => { sub.dispose(); this.views.delete(webview); });
  }

  /** Entry point for everything a webview posts: validate, log and drop anything malformed, never throw. */
  receive(raw: unknown): Promise<void> {
    return receiveWebviewMessage('Chat', raw, parseWebviewMessage, (m) => this.handle(m), this.deps.log);
  }

  private async handle(m: WebviewMessage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.postState();
        if (this.pendingCompose !== undefined) { this.post({ type: 'compose', text: this.pendingCompose }); this.pendingCompose = undefined; }
        void this.refreshModels();
        return;
      case 'send': return this.send(m.threadId, m.text, m.background);
      case 'stop': return this.stop(m.threadId);
      case 'newThread': await this.newThread(); return;
      case 'switchThread': return this.switchThread(m.threadId);
      case 'renameThread': return this.renameThread(m.threadId);
      case 'deleteThread': return this.deleteThread(m.threadId);
      case 'setModel': return this.setModel(m.threadId, m.model);
      case 'setEffort': return void (await this.deps.settings.setEffort(m.effort));
      case 'setShowReasoning': return void (await this.deps.settings.setShowReasoning(m.show));
      case 'editResend': return this.editAndResend(m.threadId, m.turnId, m.text);
      case 'copy': return void (await vscode.env.clipboard.writeText(m.text));
      case 'insertCode': return insertAtCursor(this.editors, m.code);
      case 'openCode': return openInNewEditor(m.code, m.language);
      case 'openLink': return openWebviewLink('Chat', m.href, this.deps.log);
      case 'runAction': return this.runAction(m.action, m.threadId, m.turnId);
      case 'cancelBackground': return this.cancelBackground(m.threadId, m.turnId);
      case 'exportThread': return this.exportThread(m.threadId);
    }
  }

  // ── commands and messages ───────────────────────────────────────────────────────────────────────────────────────
  get activeThread(): Thread | undefined { return this.activeId ? this.threads.get(this.activeId) : undefined; }

  async newThread(model?: string): Promise<Thread> {
    // An empty thread is reused rather than piling up empty "New chat" entries.
    const current = this.activeThread;
    if (current && current.turns.length === 0 && !this.running.has(current.id)) {
      if (model && model !== current.model) await this.replace({ ...current, model });
      else this.postState();
      return this.threads.get(current.id) ?? current;
    }
    const thread = createThread(randomUUID(), model ?? this.deps.settings.defaultModel, Date.now());
    this.threads.set(thread.id, thread);
    await this.activate(thread.id);
    await this.deps.store.save(thread);
    return thread;
  }

  /** bedrockMantle.openChat: choose the thread, fill or send the prompt. Revealing the view is the caller's job. */
  async open(opts: OpenChatOptions | undefined): Promise<void> {
    if (opts?.seed) {
      const seeded = threadFromSeed(opts.seed, opts.model ?? this.deps.settings.defaultModel, { thread: randomUUID(), turn: randomUUID() }, Date.now());
      this.threads.set(seeded.id, seeded);
      await this.activate(seeded.id);
      await this.deps.store.save(seeded);
      return;
    }
    const hasContent = !!opts && (opts.prompt !== undefined || opts.attachment !== undefined);
    if (opts?.model || hasContent) await this.newThread(opts?.model);
    if (!hasContent) return;
    const text = composePrompt(opts?.prompt ?? '', opts?.attachment);
    if (opts?.send) await this.send(this.activeId ?? '', text, false);
    else { this.pendingCompose = text; if (this.views.size) { this.post({ type: 'compose', text }); this.pendingCompose = undefined; } }
  }

  async send(threadId: string, text: string, background: boolean): Promise<void> {
    // Checked again here: the webview refuses empty prompts too, but it is not trusted.
    const check = checkPrompt(text);
    if (!check.ok) { this.post({ type: 'notice', text: check.reason }); return; }
    let thread = this.threads.get(threadId) ?? (await this.newThread());
    if (this.running.has(thread.id) || runningTurn(thread)) {
      this.post({ type: 'notice', text: 'This thread is still answering. Stop it or wait before sending again.' });
      return;
    }
    if (this.activeId !== thread.id) await this.activate(thread.id);
    const controller = new AbortController();
    this.running.set(thread.id, controller);
    const settings = this.deps.settings;
    try {
      // Reasoning effort only goes to reasoning models: other models may reject an unknown parameter.
      const effort = this.isReasoningModel(thread.model) ? settings.effort : undefined;
      thread = await runTurn(this.env(), thread, { prompt: check.text, store: settings.store, effort, background }, {
        onThread: (t) => this.onRunnerThread(t),
        onDelta: (turnId, kind, delta) => {
          const p = this.partial.get(turnId) ?? { text: '', reasoning: '' };
          if (kind === 'text') p.text += delta; else p.reasoning += delta;
          this.partial.set(turnId, p);
          this.batcher.push(thread.id, turnId, kind, delta);
        },
      }, controller.signal);
    } finally {
      this.running.delete(thread.id);
    }
    const last = thread.turns[thread.turns.length - 1];
    if (last) this.partial.delete(last.id);
    if (last?.status === 'background') this.startPolling(thread.id, last.id);
  }

  stop(threadId?: string): void {
    const id = threadId ?? this.activeId;
    if (id) this.running.get(id)?.abort();
  }

  async switchThread(threadId: string): Promise<void> {
    if (this.threads.has(threadId)) await this.activate(threadId);
  }

  async renameThread(threadId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const title = await vscode.window.showInputBox({ title: 'Rename chat thread', value: thread.title, validateInput: (v) => (v.trim() ? undefined : 'The title cannot be empty.') });
    if (!title?.trim()) return;
    await this.replace({ ...(this.threads.get(threadId) ?? thread), title: title.trim() });
  }

  async deleteThread(threadId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const answer = await vscode.window.showWarningMessage(inert(`Delete the chat thread "${thread.title}"?`), { modal: true, detail: 'Its local transcript is removed. Responses stored on the server are not deleted.' }, 'Delete');
    if (answer !== 'Delete') return;
    this.running.get(threadId)?.abort();
    for (const turn of thread.turns) this.polls.get(turn.id)?.abort();
    this.threads.delete(threadId);
    await this.deps.store.delete(threadId);
    if (this.activeId === threadId) await this.activate(this.sorted()[0]?.id);
    else this.postState();
  }

  async setModel(threadId: string, model: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread || !model.trim()) return;
    await this.replace({ ...thread, model });
  }

  async editAndResend(threadId: string, turnId: string, text: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread || !checkPrompt(text).ok) return;
    const branch = forkThread(thread, turnId, randomUUID(), Date.now());
    if (!branch) return;
    this.threads.set(branch.id, branch);
    await this.deps.store.save(branch);
    await this.activate(branch.id);
    await this.send(branch.id, text, false);
  }

  async exportThread(threadId?: string): Promise<void> {
    const thread = this.threads.get(threadId ?? this.activeId ?? '');
    if (!thread) { void vscode.window.showInformationMessage('There is no chat thread to export yet.'); return; }
    await exportThread(thread);
  }

  private async runAction(action: string, threadId: string, turnId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    const turn = thread && findTurn(thread, turnId);
    if (action === 'retry') { if (turn) await this.send(threadId, turn.prompt, false); return; }
    if (action === 'copySsoCommand') { if (turn?.error?.command) await vscode.env.clipboard.writeText(turn.error.command); return; }
    const command = commandForAction(action);
    if (command) await vscode.commands.executeCommand(...command);
    else this.deps.log.warn(`Chat: ignored an unknown error action "${action.slice(0, 40)}".`);
  }

  private async cancelBackground(threadId: string, turnId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread || findTurn(thread, turnId)?.status !== 'background') return;
    this.polls.get(turnId)?.abort();
    await this.replace(await cancelBackgroundTurn(this.env(), thread, turnId));
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────────────────────────────
  private env(): TurnRunnerEnv {
    const log = this.deps.log;
    return {
      mantle: this.deps.mantle() ?? UNAVAILABLE_MANTLE,
      apiFor: (model) => this.deps.models.apiFor(model),
      now: () => Date.now(),
      newId: () => randomUUID(),
      log: (level, msg) => log[level](`Chat: ${msg}`),
    };
  }

  /** The runner works on its own copy; title and model changes made meanwhile (rename, picker) are kept. */
  private onRunnerThread(t: Thread): void {
    const live = this.threads.get(t.id);
    if (!live) return; // deleted while it ran
    const title = live.title === 'New chat' ? t.title : live.title;
    void this.replace({ ...live, title, turns: t.turns, updatedAt: t.updatedAt });
  }

  private startPolling(threadId: string, turnId: string): void {
    if (this.polls.has(turnId) || !this.deps.mantle()?.getResponse) return;
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const controller = new AbortController();
    this.polls.set(turnId, controller);
    void pollBackgroundTurn(this.env(), thread, turnId, { onThread: (t) => this.onRunnerThread(t), onDelta: () => undefined }, controller.signal, this.deps.pollIntervalMs)
      .finally(() => this.polls.delete(turnId));
  }

  /** Saves a changed thread (after every turn change, never per token) and repaints the views. */
  private async replace(thread: Thread): Promise<void> {
    this.threads.set(thread.id, thread);
    this.postState();
    try { await this.deps.store.save(thread); }
    catch (err) { this.deps.log.error('Chat: saving the thread failed', err); }
  }

  private async activate(id: string | undefined): Promise<void> {
    this.activeId = id;
    this.postState();
    await this.deps.store.setActiveThreadId(id);
  }

  private sorted(): Thread[] {
    return [...this.threads.values()].sort((a, b) => b.updatedAt - a.updatedAt);
  }

  private isReasoningModel(model: string): boolean {
    return (this.models.find((m) => m.id === model) ?? catalogModelOptions().find((m) => m.id === model))?.reasoning === true;
  }

  private async refreshModels(): Promise<void> {
    try {
      const live = await this.deps.models.list();
      if (live.length) { this.models = sortModelOptions(live); this.postState(); }
    } catch (err) {
      this.deps.log.debug(`Chat: live model list unavailable, using the catalogue (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  private post(message: HostMessage): void {
    for (const v of this.views) void v.postMessage(message).then(undefined, () => undefined);
  }

  postState(): void {
    this.batcher.flush(); // deltas already streamed must land before the state that follows them
    if (!this.activeThread) {
      // There is always a thread to type into (and a model picker to show); it is stored once it changes.
      const fresh = createThread(randomUUID(), this.deps.settings.defaultModel, Date.now());
      this.threads.set(fresh.id, fresh);
      this.activeId = fresh.id;
    }
    const active = this.activeThread;
    const thread = active && {
      ...active,
      turns: active.turns.map((t) => {
        const p = t.status === 'streaming' ? this.partial.get(t.id) : undefined;
        return p ? { ...t, answer: p.text, reasoning: p.reasoning } : t;
      }),
    };
    const threads: ThreadSummary[] = this.sorted().map((t) => ({ id: t.id, title: t.title, model: t.model, updatedAt: t.updatedAt, turns: t.turns.length, running: this.running.has(t.id) || runningTurn(t) !== undefined }));
    const models = thread && !this.models.some((m) => m.id === thread.model) ? [...this.models, { id: thread.model, api: this.deps.models.apiFor(thread.model) }] : this.models;
    const s = this.deps.settings;
    this.post({ type: 'state', threads, ...(thread ? { thread } : {}), models, prefs: { showReasoning: s.showReasoning, effort: s.effort, store: s.store } });
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    for (const c of this.polls.values()) c.abort();
    this.batcher.dispose();
    this.editors.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.views.clear();
  }
}
