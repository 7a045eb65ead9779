// A token-count estimate for provideTokenCount. Mantle serves models from ten vendors with different tokenizers and
// has no counting endpoint, so an exact count is impossible without shipping every tokenizer. VS Code uses the count
// to decide how much history fits, so the estimate errs high: one token per 3 UTF-8 bytes. English prose averages
// about 4 characters per token (this over-counts it by roughly a third); CJK text is about one token per character,
// i.e. 3 bytes (counted about right); code with many short symbols lands in between.

const BYTES_PER_TOKEN = 3;
/** Role markers and separators each chat template adds around a message. */
export const MESSAGE_OVERHEAD_TOKENS = 4;

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) { bytes += 4; i++; } // a surrogate pair is one 4-byte code point
    else bytes += 3;
  }
  return bytes;
}

export function estimateTextTokens(text: string): number {
  return Math.ceil(utf8Length(text) / BYTES_PER_TOKEN);
}

/** Tokens of a whole message: its text plus the per-message template overhead. */
export function estimateMessageTokens(text: string): number {
  return estimateTextTokens(text) + MESSAGE_OVERHEAD_TOKENS;
}
