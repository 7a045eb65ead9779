// Data retention (PROTOCOL-2026-12 §5): when the Region's or the Project's retention mode is `none`, Mantle refuses
// `store: true` and background responses. A chat thread then continues with the history resent from the local
// transcript (as with bedrockMantle.chat.store off) instead of failing, says so on that turn, and the refusal is
// remembered per Region and Project so later turns do not ask again.

/** Where the chat asks whether the server may keep responses, and reports that it may not. */
export interface RetentionMemory {
  /** The server refused stored responses for the current Region and Project before. */
  refusesStore(): boolean;
  /** Remember that it did (for the current Region and Project). */
  remember(): void;
}

export const NOTICE_RETENTION = "This Region or Project keeps no responses (its data-retention mode is 'none'), so this thread now resends its history from this chat instead of chaining on the server, and background responses are off here.";

/**
 * A refusal of `store: true` or `background: true` by the retention mode. Mantle's exact status and text are not
 * documented; the sourced wording names "data retention mode", which is what is matched, with the field it refused.
 */
export function isRetentionRefusal(error: { kind: string; message: string }): boolean {
  return (error.kind === 'badRequest' || error.kind === 'forbidden')
    && /data[ _-]?retention/i.test(error.message) && /\b(store|background)\b/i.test(error.message);
}

/** The globalState-like storage the memory keeps its scopes in. */
export interface ScopeStorage {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const RETENTION_STORAGE_KEY = 'bedrockMantle.retention.noStore';
const MAX_SCOPES = 200;

/** The memory over `storage`, scoped by `scope()` (Region or endpoint, and Project). */
export function retentionMemory(storage: ScopeStorage, scope: () => string): RetentionMemory {
  const scopes = (): string[] => {
    const v = storage.get<unknown>(RETENTION_STORAGE_KEY);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  };
  return {
    refusesStore: () => scopes().includes(scope()),
    remember: () => {
      const s = scope();
      const known = scopes();
      if (!known.includes(s)) void storage.update(RETENTION_STORAGE_KEY, [...known, s].slice(-MAX_SCOPES));
    },
  };
}
