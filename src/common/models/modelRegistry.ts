// The live model list of the current Region+endpoint, cached so that opening the tree (or a chat asking which API to
// use) does not cost a request each time, described with what the model router knows (routes learned per scope). Pure: the editor side (src/vscode/models/)
// supplies the storage (globalState), the client and the scope, and turns the change listeners into a vscode.Event.

import type { ApiKind, LiveModel, MantleApi } from '../mantle/types';
import type { KeyValueStore } from './capabilities';
import { describeModel, type ModelDescriptor } from './modelInfo';
import { ModelRouter } from './router';

export type ModelsState =
  | { status: 'idle' }
  | { status: 'loading' }
  /** `refreshError`: fetching again failed, and these are the last models known for this scope. */
  | { status: 'ready'; models: ModelDescriptor[]; fetchedAt: number; fromCache: boolean; refreshError?: unknown }
  /** Listing failed and nothing is known for this scope. */
  | { status: 'error'; error: unknown };

interface CachedList {
  ids: string[];
  fetchedAt: number;
  /** id → the server's reason, for models listed as `status:"unavailable"`. */
  unavailable?: Record<string, string>;
}

export interface ModelRegistryOptions {
  /** The one Mantle client; a function so the registry never holds a stale client after a settings change. */
  api: () => MantleApi;
  storage: KeyValueStore;
  /** Where each model answers; its learned answers redraw the list at once. Defaults to a router on `storage`. */
  router?: ModelRouter;
  /** Identifies the Region+endpoint the list and the learned answers belong to. */
  scope: () => string;
  now?: () => number;
  /** A cached list older than this is fetched again on the next read. Mantle adds models over time; a day is a guess. */
  maxAgeMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class ModelRegistry {
  static readonly CACHE_KEY = 'bedrockMantle.models.listCache';

  readonly router: ModelRouter;
  private current: ModelsState = { status: 'idle' };
  private ids: string[] = [];
  private unavailable: Record<string, string> = {};
  private loadedScope: string | undefined;
  private errorScope: string | undefined;
  private lastFetchedAt = 0;
  private inFlight: { scope: string; promise: Promise<ModelDescriptor[]>; abort: AbortController } | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private readonly maxAgeMs: number;

  constructor(private readonly options: ModelRegistryOptions) {
    this.router = options.router ?? new ModelRouter({ storage: options.storage });
    // What a successful (or refused) answer teaches shows at once, for the scope on screen.
    this.router.onDidLearn((scope) => { if (scope === (this.loadedScope ?? this.options.scope())) this.fire(); });
    this.now = options.now ?? Date.now;
    this.maxAgeMs = options.maxAgeMs ?? DAY_MS;
  }

  /** The state for the current scope, with descriptors rebuilt so learned capabilities always show. */
  get state(): ModelsState {
    if (this.current.status === 'ready') return { ...this.current, models: this.describeAll() };
    return this.current;
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(): void {
    for (const l of [...this.listeners]) l();
  }

  private setState(s: ModelsState): void {
    this.current = s;
    this.fire();
  }

  private describeAll(): ModelDescriptor[] {
    const scope = this.loadedScope ?? this.options.scope();
    return this.ids.map((id) => describeModel(id, this.router.view(scope, id), this.unavailable[id]));
  }

  /**
   * The models of the current scope: from memory, else the stored cache (no request), else fetched. A failure is
   * kept until refresh() (Retry) or reset() (new Region, endpoint or credentials): readers that react to change events
   * (the chat's model picker) would otherwise turn one failure into a loop of requests.
   */
  async getModels(): Promise<ModelDescriptor[]> {
    const scope = this.options.scope();
    if (this.current.status === 'ready' && this.loadedScope === scope) return this.describeAll();
    if (this.inFlight?.scope === scope) return this.inFlight.promise;
    if (this.current.status === 'error' && this.errorScope === scope) throw this.current.error;
    const cached = this.readCache(scope);
    if (cached && this.now() - cached.fetchedAt < this.maxAgeMs) {
      this.ids = cached.ids;
      this.unavailable = cached.unavailable ?? {};
      this.loadedScope = scope;
      this.lastFetchedAt = cached.fetchedAt;
      this.setState({ status: 'ready', models: this.describeAll(), fetchedAt: cached.fetchedAt, fromCache: true });
      return this.describeAll();
    }
    return this.fetch(scope);
  }

  /** Fetches the list again, whatever the cache holds (the Refresh button, a credentials change). */
  refresh(): Promise<ModelDescriptor[]> {
    const scope = this.options.scope();
    if (this.inFlight?.scope === scope) return this.inFlight.promise;
    return this.fetch(scope);
  }

  /**
   * The Region, endpoint or credentials changed: forget what is in memory (an in-flight request for another scope is
   * cancelled) and let the next read decide between the cache and a request.
   */
  reset(): void {
    this.inFlight?.abort.abort();
    this.inFlight = undefined;
    this.ids = [];
    this.unavailable = {};
    this.loadedScope = undefined;
    this.errorScope = undefined;
    this.setState({ status: 'idle' });
  }

  private fetch(scope: string): Promise<ModelDescriptor[]> {
    this.inFlight?.abort.abort();
    const abort = new AbortController();
    const promise = (async () => {
      try {
        const live: LiveModel[] = await this.options.api().listModels(abort.signal);
        // Duplicates would make two tree rows with the same id; the order is decided by grouping.ts, not the server.
        const ids = [...new Set(live.map((m) => m.id).filter((id) => typeof id === 'string' && id.length > 0))];
        const fetchedAt = this.now();
        const unavailable: Record<string, string> = {};
        for (const m of live) if (m.unavailable) unavailable[m.id] = m.unavailable;
        await this.writeCache(scope, { ids, fetchedAt, ...(Object.keys(unavailable).length ? { unavailable } : {}) });
        if (this.inFlight?.abort !== abort) return ids.map((id) => describeModel(id, this.router.view(scope, id), unavailable[id]));
        this.ids = ids;
        this.unavailable = unavailable;
        this.loadedScope = scope;
        this.lastFetchedAt = fetchedAt;
        this.setState({ status: 'ready', models: this.describeAll(), fetchedAt, fromCache: false });
        return this.describeAll();
      } catch (error) {
        if (this.inFlight?.abort === abort) this.failed(scope, error);
        throw error;
      } finally {
        if (this.inFlight?.abort === abort) this.inFlight = undefined;
      }
    })();
    this.inFlight = { scope, promise, abort };
    // Announced only now, so a listener that reads the models joins this request instead of starting another.
    this.setState({ status: 'loading' });
    return promise;
  }

  /** A failed listing keeps showing the last models known for the scope (memory, else cache), with the error. */
  private failed(scope: string, error: unknown): void {
    const known = this.loadedScope === scope && this.ids.length > 0
      ? { ids: this.ids, fetchedAt: this.lastFetchedAt, unavailable: this.unavailable }
      : this.readCache(scope);
    if (known) {
      this.ids = known.ids;
      this.unavailable = known.unavailable ?? {};
      this.loadedScope = scope;
      this.setState({ status: 'ready', models: this.describeAll(), fetchedAt: known.fetchedAt, fromCache: true, refreshError: error });
    } else {
      this.errorScope = scope;
      this.setState({ status: 'error', error });
    }
  }

  /** Synchronous, for a chat picking its model: the API a conversation uses there (Responses when it takes it). */
  apiFor(modelId: string): ApiKind {
    return describeModel(modelId, this.router.view(this.options.scope(), modelId)).api;
  }

  private readCache(scope: string): CachedList | undefined {
    const all = this.options.storage.get<Record<string, unknown>>(ModelRegistry.CACHE_KEY);
    const entry = all && typeof all === 'object' ? all[scope] : undefined;
    if (!entry || typeof entry !== 'object') return undefined;
    const { ids, fetchedAt, unavailable } = entry as Partial<CachedList>;
    if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string') || typeof fetchedAt !== 'number') return undefined;
    // Reasons are server text: only strings are kept, and the tree shows them as plain text.
    const reasons: Record<string, string> = {};
    if (unavailable && typeof unavailable === 'object') for (const [id, r] of Object.entries(unavailable)) if (typeof r === 'string') reasons[id] = r;
    return { ids, fetchedAt, unavailable: reasons };
  }

  private async writeCache(scope: string, list: CachedList): Promise<void> {
    const all = this.options.storage.get<Record<string, CachedList>>(ModelRegistry.CACHE_KEY);
    await this.options.storage.update(ModelRegistry.CACHE_KEY, { ...(all && typeof all === 'object' ? all : {}), [scope]: list });
  }
}
