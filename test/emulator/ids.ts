// Identifier formats observed on Mantle: resp_ + 52 lowercase alphanumerics, chatcmpl-<uuid>.
import { randomBytes, randomUUID } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  // 256 % 36 bias is irrelevant for test ids; what matters is the shape.
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export const newResponseId = (): string => `resp_${randomAlnum(52)}`;
export const newItemId = (prefix: 'rs' | 'msg'): string => `${prefix}_${randomAlnum(48)}`;
export const newChatId = (): string => `chatcmpl-${randomUUID()}`;
export const newRequestId = (): string => randomUUID();
