// Identifier formats observed on Mantle (PROTOCOL-2026-12 §9.5): resp_ + 52 lowercase base32, chatcmpl-<uuid>;
// items on /openai/v1 are fc_/rs_/msg_ + 32 hex, on /v1 (gpt-oss) msg_ + 16 hex for reasoning and message alike.
import { randomBytes, randomUUID } from 'node:crypto';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

function randomAlnum(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const hex = (chars: number): string => randomBytes(chars / 2).toString('hex');

export const newResponseId = (): string => `resp_${randomAlnum(52, BASE32)}`;
/** An item id: the type's prefix + 32 hex; on /v1 reasoning and message items are both msg_ + 16 hex. */
export const newItemId = (prefix: 'rs' | 'msg' | 'fc', family: '/v1' | '/openai/v1' = '/openai/v1'): string =>
  (family === '/v1' && prefix !== 'fc' ? `msg_${hex(16)}` : `${prefix}_${hex(32)}`);
export const newChatId = (): string => `chatcmpl-${randomUUID()}`;
export const newRequestId = (): string => randomUUID();
