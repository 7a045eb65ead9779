// Signatures on thinking blocks: an HMAC of the thinking text under a per-process key, so a thinking block sent back
// on a later turn is checked the way Mantle checks its own opaque signatures: changed text or a made-up signature is
// refused.
import { createHmac, randomBytes } from 'node:crypto';

const KEY = randomBytes(32);

export function signThinking(thinking: string): string {
  return createHmac('sha256', KEY).update(thinking).digest('base64');
}

export function validSignature(thinking: string, signature: string): boolean {
  return signThinking(thinking) === signature;
}
