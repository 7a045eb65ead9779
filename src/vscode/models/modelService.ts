import * as vscode from 'vscode';
import type { ApiKind, MantleApi, MantleApiEvents } from '../../common/mantle/types';
import { ModelRegistry, type ModelsState } from '../../common/models/modelRegistry';
import type { ModelDescriptor } from '../../common/models/modelInfo';
import type { Log } from '../log';

/** What the service needs to know about credentials; container.auth provides it. */
export interface CredentialsSource {
  readonly onDidChange: vscode.Event<unknown>;
  hasCredentials(): boolean | Promise<boolean>;
}

export interface ModelServiceDeps {
  /** globalState: the list cache and the learned capabilities survive restarts. */
  storage: vscode.Memento;
  /** The one Mantle client (container.mantle), looked up on each use. */
  api: () => MantleApi & Partial<MantleApiEvents>;
  /** Region+endpoint the list and the learned answers belong to. */
  scope: () => string;
  log: Log;
}

/** The settings whose change moves the models to another Region or endpoint. */
const SCOPE_SETTINGS = ['bedrockMantle.region', 'bedrockMantle.endpoint'];

/**
 * container.models: the live model list of the current Region+endpoint (cached in globalState) and what each model
 * can do. The chat and the editor commands ask it `getModels()` and `apiFor(id)`; the Models tree draws `state`.
 */
export class ModelService implements vscode.Disposable {
  readonly registry: ModelRegistry;
  private readonly emitter = new vscode.EventEmitter<void>();
  /** The list, its loading/error state, or a model's capability changed. */
  readonly onDidChange = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private pendingLoad: ReturnType<typeof setTimeout> | undefined;
  private pendingRefetch = false;

  constructor(private readonly deps: ModelServiceDeps) {
    this.registry = new ModelRegistry({ api: deps.api, storage: deps.storage, scope: deps.scope });
    const sub = this.registry.onDidChange(() => this.emitter.fire());
    this.disposables.push({ dispose: () => sub.dispose() });
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (SCOPE_SETTINGS.some((s) => e.affectsConfiguration(s))) this.scopeMayHaveChanged('Region or endpoint changed');
    }));
  }

  /** Starts listening for capability answers from the client. Separate, because the client may be created later. */
  listenToCapabilities(events: MantleApiEvents): void {
    const sub = events.onCapabilityLearned((answer) => {
      this.deps.log.info(`Learned: ${answer.model} ${answer.responses ? 'accepts' : 'does not accept'} the Responses API`);
      this.registry.learn(answer).catch((e: unknown) => this.deps.log.error('Could not store a learned capability', e));
    });
    this.disposables.push({ dispose: () => sub.dispose() });
  }

  /** Credentials changed: the same endpoint may list other models for another account, so fetch again. */
  listenToCredentials(source: CredentialsSource): void {
    this.disposables.push(source.onDidChange(() => this.scopeMayHaveChanged('credentials changed', true)));
  }

  private scopeMayHaveChanged(why: string, refetch = false): void {
    this.deps.log.debug(`Models: ${why}; reloading the list`);
    this.registry.reset();
    this.scheduleLoad(refetch);
  }

  /** The tree is shown and nothing is loaded yet: load (from the cache when it can) without blocking the caller. */
  ensureLoaded(): void {
    if (this.registry.state.status === 'idle') this.scheduleLoad(false);
  }

  /**
   * Loads on the next turn of the event loop, so the client (which listens to the same settings and credentials
   * events) has rebuilt itself first, and several triggers in one turn make one load.
   */
  private scheduleLoad(refetch: boolean): void {
    this.pendingRefetch ||= refetch;
    if (this.pendingLoad) return;
    this.pendingLoad = setTimeout(() => {
      const refetchNow = this.pendingRefetch;
      this.pendingLoad = undefined;
      this.pendingRefetch = false;
      const load = refetchNow ? this.registry.refresh() : this.registry.getModels();
      load.catch((e: unknown) => this.deps.log.warn(`Models: listing failed: ${e instanceof Error ? e.message : String(e)}`));
    }, 0);
  }

  get state(): ModelsState {
    return this.registry.state;
  }

  get scope(): string {
    return this.deps.scope();
  }

  /** The live models of the current Region+endpoint (from the cache when it has them). Rejects with a MantleError. */
  getModels(): Promise<ModelDescriptor[]> {
    return this.registry.getModels();
  }

  /** Fetches the list again (the Refresh and Retry actions). */
  refresh(): Promise<ModelDescriptor[]> {
    return this.registry.refresh();
  }

  /** 'responses' when the model is known (learned) or hinted (catalogue) to accept it, else 'chat'. */
  apiFor(modelId: string): ApiKind {
    return this.registry.apiFor(modelId);
  }

  dispose(): void {
    clearTimeout(this.pendingLoad);
    this.registry.reset();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
