// A stand-in tokenizer: a token is a run of at most four non-space characters plus the whitespace before it. That is
// close to real BPE averages (~4 characters per token), and — unlike real tokenizers — the pieces concatenate back to
// the exact text, so the streamed deltas, the final text and the usage counts always agree.
const PIECE = /\s*\S{1,4}|\s+$/g;

export function splitTokens(text: string): string[] {
  return text.match(PIECE) ?? [];
}

export function countTokens(text: string): number {
  return splitTokens(text).length;
}
