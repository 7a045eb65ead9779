// Prompt-cache accounting for /anthropic/v1/messages (addendum §3.2). A block with `cache_control` is a breakpoint:
// the prompt up to and including it is written to the cache, and a later request whose prompt starts with the same
// blocks reads it back. As on Anthropic's API, a breakpoint also finds a cached prefix that ended up to 20 blocks
// before it, so a thread that moves its breakpoint to the newest message each turn reads the previous turn's prefix.
// One cache per emulator and workspace, keyed by model and the exact blocks; entries live 5 minutes or 1 hour.
// UNCERTAIN: there is no minimum cacheable length here (Anthropic's is 1024+ tokens), so short test chats cache.
import { createHash } from 'node:crypto';
import type { Block } from './request';

const LOOKBACK_BLOCKS = 20;
const TTL_MS = { '5m': 5 * 60_000, '1h': 60 * 60_000 } as const;

export interface CacheUsage {
  /** Input tokens not read from or written to the cache (after the last breakpoint). */
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export class PromptCache {
  private readonly entries = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Reads what the prompt's prefix finds, writes each breakpoint's prefix, and splits the input tokens accordingly. */
  account(scope: string, blocks: readonly Block[], totalInput: number): CacheUsage {
    const now = this.now();
    const keys: string[] = [];
    const hash = createHash('sha256').update(scope);
    for (const b of blocks) {
      hash.update(JSON.stringify([b.role, b.type, b.text, b.toolId ?? '']));
      keys.push(hash.copy().digest('hex'));
    }
    const breakpoints = blocks.flatMap((b, i) => (b.cacheTtl ? [i] : []));
    let hit = -1;
    for (const bp of breakpoints) {
      for (let i = bp; i >= 0 && i >= bp - LOOKBACK_BLOCKS; i--) {
        const expires = this.entries.get(keys[i]);
        if (expires !== undefined && expires > now) { hit = Math.max(hit, i); break; }
      }
    }
    const upTo = (end: number): number => blocks.slice(0, end + 1).reduce((s, b) => s + b.tokens, 0);
    const read = hit >= 0 ? upTo(hit) : 0;
    const creation = { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 };
    let from = hit + 1;
    for (const bp of breakpoints) {
      const ttl = blocks[bp].cacheTtl ?? '5m';
      // A hit refreshes the entry's lifetime; a new prefix is written and billed at the cache-write rate.
      this.entries.set(keys[bp], now + TTL_MS[ttl]);
      if (bp < from) continue;
      const written = upTo(bp) - upTo(from - 1);
      if (ttl === '1h') creation.ephemeral_1h_input_tokens += written; else creation.ephemeral_5m_input_tokens += written;
      from = bp + 1;
    }
    const created = creation.ephemeral_5m_input_tokens + creation.ephemeral_1h_input_tokens;
    return { input_tokens: totalInput - read - created, cache_creation_input_tokens: created, cache_read_input_tokens: read, cache_creation: creation };
  }
}
