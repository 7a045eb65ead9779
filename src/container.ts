import vscode = require('vscode');
import type { ChatOpener } from './common/chat/openChat';
import { COMMAND } from './common/commandIds';
import { routedEngine, type TurnEngine, type TurnStreamer } from './common/mantle/turnEngine';
import type { ApiKind } from './common/mantle/types';
import { ToolSupport, withToolLearning } from './common/tools/toolSupport';
import type { WorkspaceTools } from './vscode/tools/workspaceTools';
import { modelOption } from './common/chat/modelOptions';
import { ModelRouter } from './common/models/router';
import { UsageMeter } from './common/account/usageMeter';
import { Redactor } from './common/redact';
import { Log } from './vscode/log';
import { AnthropicMessagesClient } from './node/anthropicMessagesClient';
import { MantleClient } from './node/mantleClient';
import { warmStreamPath, type WarmUpClients } from './node/streamWarmUp';
import { AuthService } from './vscode/auth/authService';
import { registerConnectionCommands } from './vscode/auth/connectionCommands';
import { ErrorPresenter } from './vscode/errorPresenter';
import { Settings } from './vscode/settings';
import { ConnectionStatusBar } from './vscode/statusBar';
import { AccountFeature } from './vscode/account/accountFeature';
import { ModelService } from './vscode/models/modelService';
import { credentialsSourceFrom } from './vscode/models/credentialsSource';
import { ModelsTreeProvider, type ModelsTreeSurface } from './vscode/models/modelsTreeProvider';
import { registerModelsCommands } from './vscode/models/modelsCommands';
import type { EditorCommands } from './vscode/editor/editorCommands';
import type { ChatFeature } from './vscode/chat/chatFeature';
import { LazyFeature } from './vscode/lazyFeature';
import type * as FeaturesModule from './features';

/** dist/features.js: the feature code that is loaded on first use (src/features.ts). */
type Features = typeof FeaturesModule;
import { registerLm, type LmFeature, type LanguageModelSurface } from './vscode/lm/registerLm';
import type { ParticipantSurface } from './vscode/lm/mantleParticipant';
import type { CompareFeature } from './vscode/compare/compareFeature';
import { AutocompleteFeature } from './vscode/autocomplete/autocompleteFeature';

/** What activation registered for the container to fill in (src/extension.ts): it builds the container on first use. */
export interface Surfaces {
  /** The Models tree view, created at activation with a stand-in data provider; connect() hands it the real one. */
  readonly modelsView: ModelsTreeSurface;
  /** The language-model provider registered at activation (vendor bedrock-mantle); connect() hands it the real one. */
  readonly languageModels: LanguageModelSurface;
  /** The @mantle chat participant created at activation; connect() hands it the real handler. */
  readonly participant: ParticipantSurface;
}

/**
 * The composition root: creates every service once, wires them together and owns their disposables.
 * Features are added here and nowhere else, so the dependency graph can be read in one place.
 *
 * Activation (src/extension.ts) builds none of it: it registers stand-ins for the command ids and the providers VS
 * Code asks for by id, and builds this container (dist/container.js) on the first call of one of them or in the first
 * idle moment after it. The container builds settings, credentials, the status bar, the Models tree's data and the
 * providers; everything else is built on first use:
 *  - a feature with its own commands or views: a LazyFeature below (its command ids listed next to it, so the
 *    stand-ins exist from the start; the activation test checks every contributed command is registered), its
 *    class exported from src/features.ts and required inside the builder (`require('./features')`, which the build
 *    turns into a require of the separate bundle dist/features.js);
 *  - an SDK: a loader file in src/node (openaiSdk.ts, anthropicSdk.ts) that esbuild.mjs turns into a require of a
 *    bundle of its own; never a value import elsewhere (the build fails on one).
 * New feature code goes behind one of these, not into the constructor's eager part.
 */
export class Container implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly redactor = new Redactor();
  readonly log: Log;
  readonly settings: Settings;
  readonly auth: AuthService;
  /** The one Mantle client (MantleApi; chat and responses behind container.turns); after auth.onDidChange its next request builds a fresh connection. */
  readonly mantle: MantleClient;
  /** Claude through the Anthropic Messages API, on the same credentials; its SDK loads on the first Claude turn. */
  readonly anthropic: AnthropicMessagesClient;
  readonly errors: ErrorPresenter;
  readonly statusBar: ConnectionStatusBar;
  /** Key facts, the Project, and what the answers cost (issue 21). */
  readonly account: AccountFeature;
  /** Where each model answers (path prefix + API) per Region+endpoint: catalogue hints refined by live answers. */
  readonly router: ModelRouter;
  /** The turn engine every feature's requests go through: the router's route, the client for its API. */
  readonly turns: TurnEngine;
  /** Models learned to refuse tools on this connection (the language-model provider stops declaring toolCalling). */
  readonly toolSupport = new ToolSupport();
  /** The chat's workspace tools (confined to the workspace; edits only proposed through the editor commands' review); built on first use. */
  get chatTools(): WorkspaceTools {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (this.workspaceTools ??= new (require('./features') as Features).WorkspaceTools({ review: () => this.editorCommands.review, maxSteps: () => this.settings.chatToolsMaxSteps, log: this.log }));
  }
  private workspaceTools: WorkspaceTools | undefined;
  /** Live model list (cached per Region+endpoint in globalState) and learned capabilities: getModels(), apiFor(id). */
  readonly models: ModelService;
  /** Explain / Refactor / Fix / … on the selection, and the diff review of rewrites (built on first use). */
  get editorCommands(): EditorCommands { return this.lazyEditor.get(); }
  /** The chat: threads chained on the server, in a side-bar view and an editor panel (bedrockMantle.openChat); built on first use. */
  get chat(): ChatFeature { return this.lazyChat.get(); }
  /** Mantle models in VS Code's own chat: the language-model provider (vendor bedrock-mantle) and @mantle. */
  readonly lm: LmFeature;
  /** Compare Models: one prompt to 2–6 models at once, side by side, with a live table (bedrockMantle.compareModels); built on first use. */
  get compare(): CompareFeature { return this.lazyCompare.get(); }
  /** Inline completions (ghost text) from a coder model; off by default, when only its toggle and status item exist. */
  readonly autocomplete: AutocompleteFeature;
  /** How other features open the chat (a typed seam, not the command bus); the chat is built when first opened. */
  private readonly chatOpener: ChatOpener = { open: (opts) => this.chat.open(opts) };
  private readonly lazyEditor: LazyFeature<EditorCommands>;
  private readonly lazyChat: LazyFeature<ChatFeature>;
  private readonly lazyCompare: LazyFeature<CompareFeature>;
  /** Which features were built so far (the bench and tests read it; activation should have built none). */
  get builtFeatures(): string[] {
    return Object.entries({ editorCommands: this.lazyEditor, chat: this.lazyChat, compare: this.lazyCompare }).filter(([, f]) => f.built).map(([n]) => n);
  }

  constructor(readonly context: vscode.ExtensionContext, surfaces: Surfaces) {
    this.log = this.register(new Log(this.redactor));
    this.register(vscode.commands.registerCommand(COMMAND.showLogs, () => this.log.show()));
    // Connection and authentication: settings → credentials → the one client, its status bar item and commands.
    this.settings = this.register(new Settings(this.log));
    this.auth = this.register(new AuthService(context.secrets, this.settings, this.redactor, this.log));
    this.mantle = new MantleClient({ connection: () => this.auth.connection(), logger: this.log, redact: (s) => this.redactor.redact(s) });
    this.anthropic = new AnthropicMessagesClient({ connection: () => this.auth.connection(), logger: this.log, redact: (s) => this.redactor.redact(s) });
    this.register(this.auth.onDidChange(() => { this.mantle.invalidate(); this.anthropic.invalidate(); }));
    this.register(this.mantle.onHealth(() => { this.requested = true; }));
    this.errors = new ErrorPresenter(this.log, this.redactor);
    this.statusBar = this.register(new ConnectionStatusBar(this.settings, this.auth, this.mantle));
    // The account: key facts, Project and costs in the tooltip; the window's cost meter on every client below.
    this.account = this.register(new AccountFeature({
      workspaceState: context.workspaceState, globalState: context.globalState, settings: this.settings, auth: this.auth,
      listProjects: (signal) => this.mantle.listProjects(signal), errors: this.errors, log: this.log,
    }));
    this.statusBar.setAccount(this.account);
    for (const d of registerConnectionCommands({ ...this, keyLine: (a) => this.account.keyLine(a) })) this.register(d);
    // Models: the router (learned routes in globalState), the list every feature asks, and the Models tree.
    // Region+endpoint: what is listed and learned belongs to one of them (bedrock-runtime is its own endpoint).
    const scope = (): string => `${this.settings.region}|${this.settings.endpointOverride ?? ''}${this.settings.endpointType === 'runtime' ? '|runtime' : ''}`;
    this.router = new ModelRouter({ storage: context.globalState });
    this.models = this.register(new ModelService({
      storage: context.globalState,
      api: () => this.mantle,
      router: this.router,
      scope,
      log: this.log,
    }));
    // One client per API: the Mantle client speaks Chat Completions and Responses, the Anthropic client Messages.
    // Each learns which models refuse tools (common/tools/toolSupport.ts).
    this.register(this.auth.onDidChange(() => this.toolSupport.reset()));
    this.scope = scope;
    this.turns = this.engineOver(
      { openAi: this.mantle, anthropic: this.anthropic },
      { router: this.router, meter: this.account.meter, toolSupport: this.toolSupport, log: this.log },
    );
    const credentials = credentialsSourceFrom(this.auth);
    void this.models.listenToCredentials(credentials);
    const modelsTree = this.register(new ModelsTreeProvider(this.models, credentials, this.settings, surfaces.modelsView));
    this.register(registerModelsCommands(this.models, modelsTree, this.settings, this.log, this.errors, this.chatOpener));
    // Editor commands: the selection to a coder model, rewrites reviewed as a diff.
    this.lazyEditor = this.register(new LazyFeature([
      COMMAND.editorExplain, COMMAND.editorRefactor, COMMAND.editorFix, COMMAND.editorAddDocumentation, COMMAND.editorGenerateTests,
      COMMAND.editorAsk, COMMAND.editorSendToChat, COMMAND.editorRunWithModel, COMMAND.editorAcceptProposal, COMMAND.editorRejectProposal,
    ], () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { EditorCommands } = require('./features') as Features;
      return new EditorCommands({
        log: this.log, settings: this.settings, turns: this.turns, errors: this.errors, models: this.models, chat: this.chatOpener,
      });
    }));
    // Chat: the model list from the models service; each thread's API from its learned capabilities. Its view and
    // panel are registered now (VS Code asks for them by id); the store, controller and stored threads when shown.
    this.lazyChat = this.register(new LazyFeature([
      COMMAND.openChat, COMMAND.newThread, COMMAND.exportThread, COMMAND.stopChat, COMMAND.toggleReasoning, COMMAND.chatAttach,
    ], () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { ChatFeature } = require('./features') as Features;
      const chat = new ChatFeature({
        context, log: this.log, settings: this.settings, mantle: this.mantle, turns: this.turns, errors: this.errors,
        tools: () => (this.settings.chatToolsEnabled ? this.chatTools : undefined),
        models: {
          list: async () => (await this.models.getModels()).map((m) => modelOption(m.id, m.api, m.reasoning)),
          apiFor: (id) => this.models.apiFor(id),
          onDidChange: this.models.onDidChange,
        },
      });
      chat.settings.retention = this.account.retention;
      return chat;
    }));
    // VS Code's chat: the same client, model list and settings behind the model picker and the @mantle participant.
    this.lm = this.register(registerLm({
      turns: this.turns,
      modelIds: async () => (await this.models.getModels()).map((m) => m.id),
      apiFor: (id) => this.models.apiFor(id),
      isToolless: (id) => this.toolSupport.isToolless(id),
      onDidChangeModels: this.models.onDidChange,
      settings: this.settings,
      showError: (err, what) => void this.errors.show(err, what),
      log: this.log,
    }, surfaces.languageModels, surfaces.participant));
    // Compare: the same client and model list; each column's API from the learned capabilities, chat's reasoning toggle.
    this.lazyCompare = this.register(new LazyFeature([COMMAND.compareModels], () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { CompareFeature } = require('./features') as Features;
      return new CompareFeature({
        extensionUri: context.extensionUri, log: this.log, mantle: this.mantle, turns: this.turns, chat: this.chatOpener,
        apiFor: (id) => this.models.apiFor(id), settings: this.chat.settings,
        getModels: () => this.models.getModels(), maxSelectionChars: () => this.settings.editorMaxSelectionChars,
        errors: this.errors,
      });
    }));
    // Autocomplete: the same turn engine, asked only while the person has it turned on.
    this.autocomplete = this.register(new AutocompleteFeature({ log: this.log, settings: this.settings, turns: this.turns, errors: this.errors }));
    this.log.info(`Bedrock Mantle ${context.extension.packageJSON.version as string} activated`);
  }

  /**
   * Readies what the first chat request needs once the chat is on screen, so the person's first message does not
   * wait for it: the connection (credentials from SecretStorage or the environment), the openai SDK
   * (dist/openai-sdk.js) with its client, the model list the chat's picker and the routes come from, and the
   * network path itself — one GET /models (unbilled) on that client, because a list served from the cache makes no
   * request and the window's first request pays for the HTTP stack, the editor's proxy lookup and the connection.
   * And the code of a streamed turn and of the chat's send path (node/streamWarmUp.ts, common/chat/chatWarmUp.ts:
   * canned answers from a loopback server of this process, through the global fetch, with a placeholder key):
   * nothing of the person's is sent, and nothing is kept or learned.
   * Never called from activation; once per window. Failures are left to the request that needs the thing (it reports
   * them with its actions); without credentials nothing is sent.
   */
  warmUp(): Promise<void> {
    this.warming ??= (async () => {
      await Promise.allSettled([this.mantle.currentConnection(), this.models.getModels()]);
      await this.warmCode().catch(() => undefined);
      if (!this.requested && await this.auth.resolveAuth().then(() => true, () => false)) await this.mantle.listModels().catch(() => undefined);
    })();
    return this.warming;
  }
  private warming: Promise<void> | undefined;
  /** Whether a request of this window went over the network yet (then warmUp() sends none). */
  private requested = false;

  /**
   * warmUp()'s part that runs code without sending anything: one canned turn per API the chat's model may take
   * (node/streamWarmUp.ts), then the chat's own send path over those clients, through an engine like container.turns
   * whose router, meter and tool memory are its own (common/chat/chatWarmUp.ts). Public for the host tests, which run
   * it again to see what it does; the product calls it through warmUp() only.
   */
  warmCode(): Promise<unknown> {
    // A chat whose model is Claude also readies the Anthropic client (its SDK loads then, as its first turn would).
    const model = this.settings.chatDefaultModel;
    const apis: ApiKind[] = this.models.apiFor(model) === 'messages' ? ['responses', 'chat', 'messages'] : ['responses', 'chat'];
    const chatSendPath = (loopback: WarmUpClients) => this.chat.warmSendPath(this.engineOver(
      { openAi: loopback.mantle, anthropic: loopback.anthropic },
      { router: new ModelRouter(), meter: new UsageMeter(() => this.chat.settings.pricing), toolSupport: new ToolSupport() },
    ), loopback.mantle);
    return warmStreamPath(() => this.auth.connection(), model, apis, chatSendPath);
  }

  /** The Region+endpoint the router's and the model list's knowledge belongs to. */
  private readonly scope: () => string;

  /**
   * A turn engine: the router's route for each model, the client for its API, each answer's usage metered and each
   * tool refusal learned. container.turns is the one over the real clients; warmUp() builds one over the loopback
   * clients with a router, meter and tool memory of its own, so the warm-up runs the same code and teaches nothing.
   */
  private engineOver(
    clients: { openAi: TurnStreamer; anthropic: TurnStreamer },
    learned: { router: ModelRouter; meter: UsageMeter; toolSupport: ToolSupport; log?: Log },
  ): TurnEngine {
    const { router, meter, toolSupport, log } = learned;
    const learnTools = (client: TurnStreamer) => withToolLearning(client, toolSupport, (m) => log?.info(m));
    const openAi = meter.wrap(learnTools(clients.openAi));
    return {
      ...routedEngine(
        { plan: (model, accept) => router.plan(this.scope(), model, accept, this.settings.endpointType) },
        { chat: openAi, responses: openAi, messages: meter.wrap(learnTools(clients.anthropic)) },
        log ? (level, message) => log[level](message) : undefined,
      ),
      prefixFor: (model) => router.view(this.scope(), model, this.settings.endpointType).prefix,
    };
  }

  register<T extends vscode.Disposable>(d: T): T {
    this.disposables.push(d);
    return d;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) {
      try { d.dispose(); } catch { /* disposal must not stop the others */ }
    }
  }
}
