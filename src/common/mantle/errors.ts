// One error type for everything that can go wrong talking to Mantle, already phrased for a person and carrying the
// actions the UI should offer. Produced by the client (src/node/) from SDK errors; consumed by every feature.
// The message never contains a secret: it is built from status, code and the server's message, passed through the
// Redactor by the producer.

export type MantleErrorKind =
  | 'noCredentials'        // no API key / profile configured
  | 'auth'                 // 401: key wrong or expired, signature rejected
  | 'forbidden'            // 403: no permission, wrong service/region for the credentials
  | 'modelNotFound'        // 404: model not offered in this Region
  | 'unsupportedApi'       // 400 "does not support the '/v1/responses' API": a capability answer, not a failure
  | 'previousResponseNotFound' // 400 previous_response_not_found: the server forgot the chain
  | 'badRequest'           // other 400s
  | 'rateLimited'          // 429 after retries: tokens-per-minute quota
  | 'server'               // 5xx after retries
  | 'network'              // connection refused, DNS, TLS, reset
  | 'timeout'              // no data for too long (stall) or request time-out
  | 'streamCut'            // the stream ended before the response completed
  | 'ssoExpired'           // AWS SSO session expired or missing: needs `aws sso login`
  | 'config'               // invalid setting, missing/malformed ~/.aws/config, unknown profile
  | 'cancelled';           // the person stopped it

export type RouteFact = 'routeError' | 'apiError' | 'berm';

export type MantleErrorAction = 'setApiKey' | 'useAwsProfile' | 'chooseProfile' | 'selectRegion' | 'openSettings' | 'showLogs' | 'retry' | 'copySsoCommand';

/** Marks a MantleError across bundles: the lazily loaded feature bundle has its own copy of this class (esbuild.mjs). */
const MANTLE_ERROR = Symbol.for('bedrockMantle.MantleError');

export class MantleError extends Error {
  readonly [MANTLE_ERROR] = true;
  readonly kind: MantleErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly requestId?: string;
  readonly actions: readonly MantleErrorAction[];
  /** For ssoExpired: the exact command to copy, e.g. `aws sso login --profile dev`. */
  readonly command?: string;
  /** The answer is a routing fact (PROTOCOL-2026-12 §1.5): wrong prefix, API not offered there, or the Berm 401. */
  readonly routeFact?: RouteFact;

  constructor(init: {
    kind: MantleErrorKind; message: string; status?: number; code?: string; requestId?: string; actions?: MantleErrorAction[];
    command?: string; routeFact?: RouteFact;
  }) {
    super(init.message);
    this.name = 'MantleError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.actions = init.actions ?? ['showLogs'];
    this.command = init.command;
    this.routeFact = init.routeFact;
  }
}

export function isMantleError(e: unknown): e is MantleError {
  return e instanceof MantleError || (e instanceof Error && (e as { [MANTLE_ERROR]?: unknown })[MANTLE_ERROR] === true);
}

/**
 * A failed turn as the features keep and show it (chat threads store it, compare columns and webviews draw it): the
 * same for every caller, so an error looks and acts alike everywhere. Loosely typed because stored threads and
 * webview messages come back from outside: an unknown kind or action is shown as text, never acted on.
 */
export interface TurnError {
  kind: MantleErrorKind | 'unknown' | (string & {});
  message: string;
  /** MantleError actions (setApiKey, showLogs, retry, …) offered as buttons next to the error. */
  actions: (MantleErrorAction | (string & {}))[];
  /** For ssoExpired: the command to copy (e.g. `aws sso login --profile dev`). */
  command?: string;
}

/** Anything a request threw, as a TurnError. Something that is not a MantleError is 'cancelled' after an abort. */
export function toTurnError(err: unknown, signal?: AbortSignal): TurnError {
  if (isMantleError(err)) return { kind: err.kind, message: err.message, actions: [...err.actions], ...(err.command ? { command: err.command } : {}) };
  return { kind: signal?.aborted ? 'cancelled' : 'unknown', message: err instanceof Error ? err.message : String(err), actions: ['showLogs'] };
}
