import vscode = require('vscode');
import type { ApiKind, MantleApi } from '../../common/mantle/types';
import type { ModelRouter } from '../../common/models/router';
import { ModelRegistry, type ModelsState } from '../../common/models/modelRegistry';
import type { ModelDescriptor } from '../../common/models/modelInfo';
import type { Log } from '../log';

/** What the models need to know about credentials (built from container.auth by credentialsSource.ts). */
export interface CredentialsSource {
  /** Fires when a secret or a connection setting (Region, endpoint, auth mode, profile, …) changed. */
  readonly onDidChange: vscode.Event<unknown>;
  /** A string that changes when the credentials' identity does; undefined when there are none. */
  identity(): Promise<string | undefined>;
  hasCredentials(): Promise<boolean>;
}

export interface ModelServiceDeps {
  /** globalState: the list cache and the learned capabilities survive restarts. */
  storage: vscode.Memento;
  /** The one Mantle client (container.mantle), looked up on each use. */
  api: () => MantleApi;
  /** container.router: where each model answers, learned per Region+endpoint. */
  router?: ModelRouter;
  /** Region+endpoint the list and the learned answers belong to. */
  scope: () => string;
  log: Log;
}

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
  private refetchOnNextLoad = false;

  constructor(private readonly deps: ModelServiceDeps) {
    this.registry = new ModelRegistry({ api: deps.api, storage: deps.storage, scope: deps.scope, ...(deps.router ? { router: deps.router } : {}) });
    const sub = this.registry.onDidChange(() => this.emitter.fire());
    this.disposables.push({ dispose: () => sub.dispose() });
  }


  /**
   * The connection changed (container.auth fires for secrets and for every connection setting). A move to another
   * Region or endpoint shows that scope's list, from its cache when it has one; other credentials on the same scope
   * may be another account with other models, so the list is fetched again; anything else changes nothing here.
   * Resolves once the current connection is known (tests wait for it); changes are handled one at a time, in order.
   */
  listenToCredentials(source: CredentialsSource): Promise<void> {
    const snapshot = async () => ({ scope: this.deps.scope(), identity: await source.identity() });
    let last = snapshot();
    let queue: Promise<void> = last.then(() => undefined);
    this.disposables.push(source.onDidChange(() => {
      queue = queue.then(async () => {
        const before = await last;
        last = snapshot();
        const now = await last;
        const moved = now.scope !== before.scope;
        if (!moved && now.identity === before.identity) return;
        this.deps.log.debug(`Models: ${moved ? `now listing ${now.scope}` : 'credentials changed; the list will be fetched again'}`);
        // Loaded when something asks (the tree when visible, a chat): no requests for a view nobody looks at.
        this.refetchOnNextLoad ||= !moved;
        this.registry.reset();
      }).catch((e: unknown) => this.deps.log.error('Models: could not follow a connection change', e));
    }));
    return queue;
  }

  /** The tree is shown and nothing is loaded yet: load (from the cache when it can) without blocking the caller. */
  ensureLoaded(): void {
    if (this.registry.state.status !== 'idle') return;
    this.scheduleLoad(this.refetchOnNextLoad);
    this.refetchOnNextLoad = false;
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
      // The client has logged the failure; the tree shows it as its error row.
      load.catch(() => undefined);
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
    if (this.refetchOnNextLoad && this.registry.state.status === 'idle') {
      this.refetchOnNextLoad = false;
      return this.registry.refresh();
    }
    return this.registry.getModels();
  }

  /** Fetches the list again (the Refresh and Retry actions). */
  refresh(): Promise<ModelDescriptor[]> {
    return this.registry.refresh();
  }

  /** The API a conversation uses for the model: Responses when learned or hinted to take it, else what it takes. */
  apiFor(modelId: string): ApiKind {
    return this.registry.apiFor(modelId);
  }

  dispose(): void {
    clearTimeout(this.pendingLoad);
    this.registry.reset();
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
