// In-memory stand-ins for the editor's key-value storage. Values are copied through JSON on the way in, as the
// editor's globalState and the model router's store do, so a test cannot pass by sharing an object by accident.
// `vscode` is imported for its types only: these run in plain Node as well as in the extension host.
import type * as vscode from 'vscode';
import type { KeyValueStore } from '../../src/common/models/capabilities';

const copy = (value: unknown): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** The model router's store (common/models/capabilities.ts KeyValueStore); `writes` counts updates. */
export class MapStore implements KeyValueStore {
  readonly map = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined { return this.map.get(key) as T | undefined; }
  update(key: string, value: unknown): Promise<void> { this.writes++; this.map.set(key, copy(value)); return Promise.resolve(); }
}

/** A Memento (globalState / workspaceState) over a Map, optionally seeded; updating a key to undefined removes it. */
export class MemoryMemento implements vscode.Memento {
  private readonly data = new Map<string, unknown>();
  /** Keys removed, in order. */
  readonly removed: string[] = [];
  constructor(seed: Record<string, unknown> = {}) { for (const [k, v] of Object.entries(seed)) this.data.set(k, copy(v)); }
  keys(): readonly string[] { return [...this.data.keys()]; }
  get<T>(key: string): T | undefined;
  get<T>(key: string, fallback: T): T;
  get<T>(key: string, fallback?: T): T | undefined { return this.data.has(key) ? (this.data.get(key) as T) : fallback; }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) { this.data.delete(key); this.removed.push(key); } else this.data.set(key, copy(value));
    return Promise.resolve();
  }
}
