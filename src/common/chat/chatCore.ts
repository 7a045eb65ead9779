// The chat's logic without the editor: it owns the threads, runs one turn at a time per thread through the turn
// runner, polls background turns, persists after every turn change (and, while an answer streams, at most once a
// second: never per token) and keeps every attached view in sync with one `state` message. What only the editor can
// do — post to webviews, ask for a title, confirm a delete, touch the clipboard and editors, run a command — comes in
// through ChatSurface, and storage through ThreadRepository, so all of it runs in plain Node tests
// (vscode/chat/chatController.ts is the thin adapter).
import type { PricingContext } from '../account/pricing';
import type { RetentionMemory } from '../account/retention';
import type { Attachment } from '../attachments/attachment';
import { AttachmentComposer, isComposerMessage, type AttachmentSource } from '../attachments/composer';
import { withWorkspaceInstructions } from '../attachments/instructions';
import { selectionAttachment } from '../attachments/selection';
import { isImageRefusal, VisionKnowledge } from '../attachments/vision';
import { limitsFor } from '../lm/modelInfo';
import { DeltaBatcher } from './batcher';
import { checkPrompt, composePrompt } from './input';
import { catalogModelOptions, catalogReasoning, sortModelOptions } from './modelOptions';
import type { OpenChatOptions } from './openChat';
import { pageBefore, threadFigures, windowOf } from './threadWindow';
import { cancelBackgroundTurn, pollBackgroundTurn, runTurn, type BackgroundResponses, type TurnRunnerEnv } from './turnRunner';
import { threadFromSeed } from '../compare/chatSeed';
import type { TurnEngine } from '../mantle/turnEngine';
import type { ApiKind, MantleApi, ReasoningEffort } from '../mantle/types';
import { receiveWebviewMessage } from '../messageCheck';
import { effortFor } from '../models/reasoningEfforts';
import { parseWebviewMessage, type HostMessage, type ModelOption, type ThreadSummary, type WebviewMessage } from '../protocol';
import { createThread, findTurn, forkThread, runningTurn, type Thread } from '../threads/model';
import { SaveThrottle } from '../threads/saveThrottle';
import type { ChatToolset } from '../tools/chatTools';

/** Where threads live between sessions (vscode/chat/threadStore.ts: one file per thread, node/threadFiles.ts). */
export interface ThreadRepository {
  loadAll(): Thread[];
  /**
   * Stores the thread. The editor's store merges it with the copy another window stored and refuses a thread any
   * window deleted (common/threads/merge.ts, node/threadFiles.ts); it may return what it stored.
   */
  save(thread: Thread): Promise<Thread | undefined | void>;
  /** Removes the thread for good: a window that still has it open cannot bring it back by saving it. */
  delete(threadId: string): Promise<void>;
  activeThreadId(): string | undefined;
  setActiveThreadId(id: string | undefined): Promise<void>;
}

/** The chat settings the core reads, and the two toolbar toggles it writes. */
export interface ChatPreferences {
  readonly store: boolean;
  readonly showReasoning: boolean;
  readonly defaultModel: string;
  readonly effort: ReasoningEffort;
  setShowReasoning(show: boolean): PromiseLike<void>;
  setEffort(effort: ReasoningEffort): PromiseLike<void>;
  /** The Region and price overrides turns are priced with; absent: tokens only. */
  readonly pricing?: PricingContext;
  /** Whether the Region/Project refuses stored responses (remembered); absent: never assumed. */
  readonly retention?: RetentionMemory;
}

export interface ChatModelList {
  list(): Promise<ModelOption[]>;
  apiFor(modelId: string): ApiKind;
}

export type ChatMantle = MantleApi & Partial<BackgroundResponses>;

/** What only the editor can do for the chat. Every argument may come from rendered model output: it is untrusted. */
export interface ChatSurface {
  /** Sends to every attached view (none is fine). */
  post(message: HostMessage): void;
  readonly hasViews: boolean;
  /** A new title for the thread, or undefined when the person cancelled. */
  askTitle(thread: Thread): Promise<string | undefined>;
  confirmDelete(thread: Thread): Promise<boolean>;
  copy(text: string): Promise<void>;
  insertCode(code: string): Promise<void>;
  openCode(code: string, language: string): Promise<void>;
  openLink(href: string): Promise<void>;
  /** Runs an error action's command from the registry; false when the action has none. */
  runErrorAction(action: string): Promise<boolean>;
  /** Exports the thread, or says there is nothing to export when it is undefined. */
  exportThread(thread: Thread | undefined): Promise<void>;
}

export interface ChatLog {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
}

export interface ChatCoreDeps {
  store: ThreadRepository;
  prefs: ChatPreferences;
  models: ChatModelList;
  mantle: ChatMantle;
  /** container.turns: the model router and one client per API (absent in tests on one route family). */
  turns?: TurnEngine;
  surface: ChatSurface;
  log: ChatLog;
  newId(): string;
  now(): number;
  /** The chat's workspace tools while bedrockMantle.chat.tools.enabled is on (src/vscode/tools). */
  tools?: () => ChatToolset | undefined;
  /** How often a background turn is polled. */
  pollIntervalMs?: number;
  /** How often, at most, a streaming answer is saved so far (common/threads/saveThrottle.ts). */
  partialSaveIntervalMs?: number;
  /** The editor's pickers for attachments (vscode/chat/workspaceAttachments.ts); without it the composer attaches only images. */
  attachments?: AttachmentSource;
}

const BUSY = 'This thread is still answering. Stop it or wait before sending again.';

export class ChatCore {
  private readonly threads = new Map<string, Thread>();
  private activeId: string | undefined;
  /** The request of the turn running in each thread (one at a time per thread). */
  private readonly running = new Map<string, AbortController>();
  /** Background turns being polled, by turn id. */
  private readonly polls = new Map<string, AbortController>();
  /** Text streamed so far for running turns, so a view that (re)connects mid-stream shows it. */
  private readonly partial = new Map<string, { text: string; reasoning: string }>();
  private models: ModelOption[] = sortModelOptions(catalogModelOptions());
  private pendingCompose: string | undefined;
  private readonly batcher: DeltaBatcher;
  /** Saves of answers still streaming, so a crash keeps what had arrived. */
  private readonly partialSaves: SaveThrottle;
  /** Attachments waiting in the composer, and the send-time checks (attachments/composer.ts). */
  readonly composer: AttachmentComposer;
  private readonly vision = new VisionKnowledge();
  private attachmentsShownFor: string | undefined;

  constructor(private readonly deps: ChatCoreDeps) {
    this.composer = new AttachmentComposer({
      source: deps.attachments, vision: this.vision, newId: () => deps.newId(),
      windowFor: (model) => limitsFor(model).context,
      notice: (text) => deps.surface.post({ type: 'notice', text }),
      changed: () => this.postAttachments(),
      models: () => this.models.map((m) => m.id),
    });
    this.batcher = new DeltaBatcher((b) => deps.surface.post({ type: 'delta', ...b }), 40);
    this.partialSaves = new SaveThrottle((threadId) => void this.savePartial(threadId), deps.partialSaveIntervalMs);
    for (const t of deps.store.loadAll()) this.threads.set(t.id, t);
    const stored = deps.store.activeThreadId();
    this.activeId = stored && this.threads.has(stored) ? stored : this.sorted()[0]?.id;
    // Background turns keep running on the server across reloads: pick their polling up again.
    for (const t of this.threads.values()) for (const turn of t.turns) if (turn.status === 'background') this.startPolling(t.id, turn.id);
    void this.refreshModels();
  }

  get activeThread(): Thread | undefined { return this.activeId ? this.threads.get(this.activeId) : undefined; }

  /** Entry point for everything a view posts: validate, log and drop anything malformed, never throw. */
  receive(raw: unknown): Promise<void> {
    return receiveWebviewMessage('Chat', raw, parseWebviewMessage, (m) => this.handle(m), this.deps.log);
  }

  /** A validated message (vscode/webviewHost.ts connectWebview has already sent the view its snapshot on `ready`). */
  async handle(m: WebviewMessage): Promise<void> {
    const ui = this.deps.surface;
    if (isComposerMessage(m)) return this.composer.receive(m);
    switch (m.type) {
      case 'ready':
        if (this.pendingCompose !== undefined) { ui.post({ type: 'compose', text: this.pendingCompose }); this.pendingCompose = undefined; }
        void this.refreshModels();
        void this.composer.refreshInstructions();
        return;
      case 'send': return this.send(m.threadId, m.text, m.background);
      case 'stop': return this.stop(m.threadId);
      case 'newThread': await this.newThread(); return;
      case 'switchThread': return this.switchThread(m.threadId);
      case 'renameThread': return this.renameThread(m.threadId);
      case 'deleteThread': return this.deleteThread(m.threadId);
      case 'setModel': return this.setModel(m.threadId, m.model);
      case 'setEffort': return void (await this.deps.prefs.setEffort(m.effort));
      case 'setShowReasoning': return void (await this.deps.prefs.setShowReasoning(m.show));
      case 'editResend': return this.editAndResend(m.threadId, m.turnId, m.text);
      case 'copy': return ui.copy(m.text);
      case 'insertCode': return ui.insertCode(m.code);
      case 'openCode': return ui.openCode(m.code, m.language);
      case 'openLink': return ui.openLink(m.href);
      case 'runAction': return this.runAction(m.action, m.threadId, m.turnId);
      case 'cancelBackground': return this.cancelBackground(m.threadId, m.turnId);
      case 'exportThread': return this.exportThread(m.threadId);
      case 'setThreadTools': return this.setThreadTools(m.threadId, m.on);
      case 'loadTurns': return this.postOlderTurns(m.threadId, m.before);
    }
  }

  async newThread(model?: string): Promise<Thread> {
    // An empty thread is reused rather than piling up empty "New chat" entries.
    const current = this.activeThread;
    if (current && current.turns.length === 0 && !this.running.has(current.id)) {
      if (model && model !== current.model) await this.replace({ ...current, model });
      else this.postState();
      return this.threads.get(current.id) ?? current;
    }
    return this.addThread(createThread(this.deps.newId(), model ?? this.deps.prefs.defaultModel, this.deps.now()));
  }

  /** Chooses the thread, fills or sends the prompt. Revealing a view is the caller's job. */
  async open(opts: OpenChatOptions | undefined): Promise<void> {
    if (opts?.seed) {
      const ids = { thread: this.deps.newId(), turn: this.deps.newId() };
      await this.addThread(threadFromSeed(opts.seed, opts.model ?? this.deps.prefs.defaultModel, ids, this.deps.now()));
      return;
    }
    const hasContent = !!opts && (opts.prompt !== undefined || opts.attachment !== undefined);
    if (opts?.model || hasContent) await this.newThread(opts?.model);
    if (!hasContent) return;
    // With the editor's pickers wired, the selection becomes a chip like any other attachment; the prompt stays what
    // the command asked (test doubles without pickers keep the older folded-in form).
    const a = opts?.attachment;
    if (a && this.deps.attachments) this.composer.add(selectionAttachment(a));
    const text = a && this.deps.attachments ? (opts?.prompt ?? '') : composePrompt(opts?.prompt ?? '', a);
    if (!text.trim() && !opts?.send) return; // the chip is there; the person's draft is left as it was
    if (opts?.send) await this.send(this.activeId ?? '', text, false);
    else if (this.deps.surface.hasViews) this.deps.surface.post({ type: 'compose', text });
    else this.pendingCompose = text;
  }

  /** `again`: the attachments of a turn being sent again (Retry, Edit and resend) instead of the composer's. */
  async send(threadId: string, text: string, background: boolean, again?: readonly Attachment[]): Promise<void> {
    // Checked again here: the webview refuses empty prompts too, but it is not trusted.
    const check = checkPrompt(text);
    if (!check.ok) { this.deps.surface.post({ type: 'notice', text: check.reason }); return; }
    let thread = this.threads.get(threadId) ?? (await this.newThread());
    if (this.running.has(thread.id) || runningTurn(thread)) { this.deps.surface.post({ type: 'notice', text: BUSY }); return; }
    if (this.activeId !== thread.id) await this.activate(thread.id);
    const picked = again ? await this.composer.resend(thread.model, again) : await this.composer.takeForSend(thread.model, check.text);
    if (!picked.ok) { if (picked.reason) this.deps.surface.post({ type: 'notice', text: picked.reason }); return; }
    const withImage = picked.attachments.some((a) => a.kind === 'image');
    const controller = new AbortController();
    this.running.set(thread.id, controller);
    const prefs = this.deps.prefs;
    try {
      // Reasoning effort only goes to reasoning models: other models may reject an unknown parameter.
      // and each family gets the nearest value it takes (GPT-5.x none…xhigh, gpt-oss low…high).
      const effort = this.isReasoningModel(thread.model) ? effortFor(thread.model, prefs.effort) : undefined;
      const id = thread.id;
      const attached = {
        attachments: picked.attachments,
        ...(picked.instructions ? { instructions: withWorkspaceInstructions(undefined, picked.instructions) } : {}),
      };
      thread = await runTurn(this.env(), thread, { prompt: check.text, store: prefs.store, effort, background, ...attached }, {
        onThread: (t) => this.onRunnerThread(t),
        onDelta: (turnId, kind, delta) => {
          const p = this.partial.get(turnId) ?? { text: '', reasoning: '' };
          if (kind === 'text') p.text += delta; else p.reasoning += delta;
          this.partial.set(turnId, p);
          this.batcher.push(id, turnId, kind, delta);
          this.partialSaves.request(id);
        },
      }, controller.signal);
    } finally {
      this.partialSaves.cancel(thread.id);
      this.running.delete(thread.id);
    }
    const last = thread.turns[thread.turns.length - 1];
    if (last) this.partial.delete(last.id);
    // What the server said about an image teaches which models read them (the catalogue is only a hint).
    if (withImage && last?.status === 'done') this.vision.learn(thread.model, true);
    if (withImage && last?.error && isImageRefusal(last.error.message)) this.vision.learn(thread.model, false);
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
    const title = (await this.deps.surface.askTitle(thread))?.trim();
    if (!title) return;
    await this.replace({ ...(this.threads.get(threadId) ?? thread), title });
  }

  async deleteThread(threadId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread || !(await this.deps.surface.confirmDelete(thread))) return;
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
    const branch = forkThread(thread, turnId, this.deps.newId(), this.deps.now());
    if (!branch) return;
    this.threads.set(branch.id, branch);
    await this.deps.store.save(branch);
    await this.activate(branch.id);
    await this.send(branch.id, text, false, findTurn(thread, turnId)?.attachments ?? []);
  }

  async exportThread(threadId?: string): Promise<void> {
    await this.deps.surface.exportThread(this.threads.get(threadId ?? this.activeId ?? ''));
  }

  private async runAction(action: string, threadId: string, turnId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    const turn = thread && findTurn(thread, turnId);
    if (action === 'retry') { if (turn) await this.send(threadId, turn.prompt, false, turn.attachments ?? []); return; }
    if (action === 'copySsoCommand') { if (turn?.error?.command) await this.deps.surface.copy(turn.error.command); return; }
    if (!(await this.deps.surface.runErrorAction(action))) this.deps.log.warn(`Chat: ignored an unknown error action "${action.slice(0, 40)}".`);
  }

  private async cancelBackground(threadId: string, turnId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread || findTurn(thread, turnId)?.status !== 'background') return;
    this.polls.get(turnId)?.abort();
    await this.replace(await cancelBackgroundTurn(this.env(), thread, turnId));
  }

  private async setThreadTools(threadId: string, on: boolean): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const { toolsOff: _off, ...rest } = thread;
    await this.replace(on ? rest : { ...rest, toolsOff: true });
  }

  private env(): TurnRunnerEnv {
    const log = this.deps.log;
    const tools = this.deps.tools?.();
    return {
      ...(tools ? { tools } : {}),
      mantle: this.deps.mantle,
      ...(this.deps.turns ? { turns: this.deps.turns } : {}),
      apiFor: (model) => this.deps.models.apiFor(model),
      now: () => this.deps.now(),
      newId: () => this.deps.newId(),
      log: (level, msg) => log[level](`Chat: ${msg}`),
      ...(this.deps.prefs.retention ? { retention: this.deps.prefs.retention } : {}),
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
    if (this.polls.has(turnId) || !this.deps.mantle.getResponse) return;
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const controller = new AbortController();
    this.polls.set(turnId, controller);
    void pollBackgroundTurn(
      this.env(), thread, turnId, { onThread: (t) => this.onRunnerThread(t), onDelta: () => undefined }, controller.signal, this.deps.pollIntervalMs,
    )
      .finally(() => this.polls.delete(turnId));
  }

  private async addThread(thread: Thread): Promise<Thread> {
    this.threads.set(thread.id, thread);
    await this.activate(thread.id);
    await this.deps.store.save(thread);
    return thread;
  }

  /** Saves a changed thread (after every turn change, never per token) and repaints the views. */
  private async replace(thread: Thread): Promise<void> {
    this.threads.set(thread.id, thread);
    this.postState();
    try { await this.deps.store.save(thread); }
    catch (err) { this.deps.log.error('Chat: saving the thread failed', err); }
  }

  /** The thread with its streaming turn's text so far, saved (it reads back as an interrupted turn, never a chain head). */
  private async savePartial(threadId: string): Promise<void> {
    const thread = this.threads.get(threadId);
    if (!thread || !this.running.has(threadId)) return;
    try { await this.deps.store.save(this.withPartial(thread)); }
    catch (err) { this.deps.log.error('Chat: saving the answer so far failed', err); }
  }

  /** Streaming turns carry the text that arrived so far (the runner fills the turn in only when it ends). */
  private withPartial(thread: Thread): Thread {
    if (!this.partial.size) return thread;
    return {
      ...thread,
      turns: thread.turns.map((t) => {
        const p = t.status === 'streaming' ? this.partial.get(t.id) : undefined;
        return p ? { ...t, answer: p.text, reasoning: p.reasoning } : t;
      }),
    };
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
    const live = this.models.find((m) => m.id === model);
    return live ? live.reasoning === true : catalogReasoning(model);
  }

  /** The live model list for the picker; the shipped catalogue stays when it cannot be had. */
  async refreshModels(): Promise<void> {
    try {
      const live = await this.deps.models.list();
      if (live.length) { this.models = sortModelOptions(live); this.postState(); }
    } catch (err) {
      this.deps.log.debug(`Chat: live model list unavailable, using the catalogue (${err instanceof Error ? err.message : String(err)})`);
    }
  }

  /**
   * There is always a thread to type into (and a model picker to show): with none active, a fresh one is made
   * here; it is stored only once it changes.
   */
  private ensureActiveThread(): Thread {
    const active = this.activeThread;
    if (active) return active;
    const fresh = createThread(this.deps.newId(), this.deps.prefs.defaultModel, this.deps.now());
    this.threads.set(fresh.id, fresh);
    this.activeId = fresh.id;
    return fresh;
  }

  /** Posts the whole picture to every view. */
  postState(): void {
    this.batcher.flush(); // deltas already streamed must land before the state that follows them
    const state = this.stateMessage();
    this.deps.surface.post(state);
    if (this.attachmentsShownFor !== state.thread?.model) this.postAttachments();
  }

  /** What a view that has just (re)loaded needs, sent to it alone by the webview host when it says `ready`. */
  snapshot(): HostMessage[] {
    this.batcher.flush(); // the views already showing get the deltas; the new one has them in the state
    return [this.stateMessage(), this.attachmentsMessage()];
  }

  /** The thread list, the active thread's last turns (with text streamed so far) and its figures, models and settings. */
  private stateMessage(): Extract<HostMessage, { type: 'state' }> {
    // The thread's last turns only, and the whole thread's figures (threadWindow.ts): never the whole of a long thread.
    const p = this.deps.prefs;
    // Figures from the stored turns (text streaming in does not change them), so they are cached between states.
    const active = this.ensureActiveThread();
    const { thread, window } = windowOf(this.withPartial(active), threadFigures(active, p.pricing));
    const threads: ThreadSummary[] = this.sorted().map((t) => ({
      id: t.id, title: t.title, model: t.model, updatedAt: t.updatedAt, turns: t.turns.length,
      running: this.running.has(t.id) || runningTurn(t) !== undefined,
    }));
    const models = this.models.some((m) => m.id === thread.model)
      ? this.models
      : [...this.models, { id: thread.model, api: this.deps.models.apiFor(thread.model) }];
    return { type: 'state', threads, thread, models, prefs: { showReasoning: p.showReasoning, effort: p.effort, store: p.store, tools: !!this.deps.tools?.(), ...(p.pricing ? { pricing: p.pricing } : {}) }, window };
  }

  /** A page of older turns for a view scrolling up a long thread (only turns it asks for; a streaming one with its text so far). */
  private postOlderTurns(threadId: string, before: number): void {
    const thread = this.threads.get(threadId);
    if (!thread) return;
    const page = pageBefore(this.withPartial(thread), before);
    if (page.turns.length) this.deps.surface.post({ type: 'turns', threadId, ...page });
  }

  /** The chips, estimate and window for the active thread's model (after changes, not with every state). */
  postAttachments(): void {
    this.attachmentsShownFor = this.activeThread?.model ?? this.deps.prefs.defaultModel;
    this.deps.surface.post(this.attachmentsMessage());
  }

  /** One builder for the views already showing (postAttachments) and for a view that has just loaded (snapshot). */
  private attachmentsMessage(): Extract<HostMessage, { type: 'attachments' }> {
    return { type: 'attachments', view: this.composer.view(this.activeThread?.model ?? this.deps.prefs.defaultModel) };
  }

  dispose(): void {
    for (const c of this.running.values()) c.abort();
    for (const c of this.polls.values()) c.abort();
    this.batcher.dispose();
    this.partialSaves.dispose();
  }
}
