// Which vscode.LanguageModelError a MantleError becomes when it leaves our provider. Callers of vscode.lm are told to
// branch on `code` (NoPermissions / NotFound / Blocked); everything else stays a plain Error with the MantleError's
// message, which VS Code reports as code "Unknown" with the error as its cause.
import type { MantleErrorKind } from '../mantle/errors';

export type LmErrorCode = 'NoPermissions' | 'NotFound' | 'Blocked';

const CODES: Partial<Record<MantleErrorKind, LmErrorCode>> = {
  noCredentials: 'NoPermissions',
  auth: 'NoPermissions',
  forbidden: 'NoPermissions',
  ssoExpired: 'NoPermissions',
  modelNotFound: 'NotFound',
  // Mantle throttles by tokens per minute only; after the client's retries the caller is, for now, blocked.
  rateLimited: 'Blocked',
};

export function lmErrorCodeFor(kind: MantleErrorKind): LmErrorCode | undefined {
  return CODES[kind];
}
