// Shared shapes of what the extension knows about a model. What a model can do is decided by the model router
// (router.ts): the shipped catalogue and the id family are hints, answers learned from live traffic are the truth,
// remembered per Region+endpoint because the same id may be served differently elsewhere.

/** Where a model's route knowledge came from, shown in the tree's tooltip. */
export type CapabilitySource = 'learned' | 'catalog' | 'none';

/** The subset of vscode.Memento the stores need, so they run (and are tested) in plain Node. */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}
