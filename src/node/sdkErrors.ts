// Converts whatever the openai SDK (or fetch, or the credential chain) threw into a MantleError. The rules about
// statuses and messages live in common/mantle/errorMapping.ts; this file only knows the SDK's error classes.
import { loadOpenAiSdk, type OpenAiSdk } from './openaiSdk';
import { mapHttpFailure, mapNetworkFailure, type ErrorContext } from '../common/mantle/errorMapping';
import { MantleError, isMantleError } from '../common/mantle/errors';
import { requestIdOf } from './transportFetch';

export interface FailureCircumstances {
  /** The caller's signal fired. */
  cancelled: boolean;
  /** The stall timer fired. */
  stalled: boolean;
  stallSeconds: number;
  /** Some of the answer had already streamed when the failure happened. */
  streaming: boolean;
}

/** Walks the cause chain ("fetch failed" → ECONNREFUSED 127.0.0.1:4010) to the most specific description. */
export function describeCause(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    if (e instanceof Error) {
      const code = (e as NodeJS.ErrnoException).code;
      const text = code && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
      if (text && !parts.includes(text) && !/^Connection error\.?$/.test(text) && text !== 'fetch failed') parts.push(text);
      e = e.cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(': ');
}

export function toMantleError(err: unknown, ctx: ErrorContext, how: FailureCircumstances, redact: (s: string) => string): MantleError {
  if (isMantleError(err)) return err;
  // The SDK's error classes; it loads on first use (openaiSdk.ts), and a failure is not the path to keep cheap.
  const { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError }: OpenAiSdk = loadOpenAiSdk();
  const stopped = stoppedByUs(how, err instanceof APIUserAbortError);
  if (stopped) return stopped;
  if (err instanceof APIConnectionTimeoutError) {
    return new MantleError({ kind: 'timeout', message: `${ctx.host} did not answer within ${how.stallSeconds} seconds.`, actions: ['retry', 'showLogs'] });
  }
  if (err instanceof APIError && err.status !== undefined && !(err instanceof APIConnectionError)) {
    const body = err.error as { message?: unknown } | undefined;
    return mapHttpFailure(
      {
        status: err.status,
        code: err.code,
        type: err.type,
        message: typeof body?.message === 'string' ? body.message : err.message,
        requestId: err.requestID ?? (err.headers ? requestIdOf(err.headers) : undefined),
      },
      ctx,
      redact,
    );
  }
  if (err instanceof APIError && !(err instanceof APIConnectionError)) {
    // An `error` event inside an SSE stream: no HTTP status, the server's code and message only.
    if (err.code === 'previous_response_not_found') return mapHttpFailure({ status: 400, code: err.code, message: err.message }, ctx, redact);
    return new MantleError({ kind: 'server', code: err.code ?? undefined, message: `Mantle reported an error while answering: ${redact(err.message)}`, actions: ['retry', 'showLogs'] });
  }
  return connectionFailure(err, ctx, how, redact, err instanceof APIConnectionError);
}

/**
 * The failures both SDKs' paths phrase alike because we caused them: the stall watchdog fired, or the caller stopped
 * the request (`isAbort`: the SDK's own abort error). Undefined when neither happened.
 */
export function stoppedByUs(how: FailureCircumstances, isAbort: boolean): MantleError | undefined {
  if (how.stalled) {
    return new MantleError({
      kind: 'timeout',
      message: `Mantle sent nothing for ${how.stallSeconds} seconds, so the ${how.streaming ? 'answer was stopped; the part received so far is kept' : 'request was stopped'}.`,
      actions: ['retry', 'showLogs'],
    });
  }
  if (how.cancelled || isAbort) return new MantleError({ kind: 'cancelled', message: 'Stopped.', actions: [] });
  return undefined;
}

/**
 * A failure with no answer from the server: a cut stream keeps what arrived, a refused or unreachable connection is
 * explained by errorMapping (`isConnectionError`: the SDK's connection error class), anything else is a plain
 * network failure.
 */
export function connectionFailure(
  err: unknown, ctx: ErrorContext, how: FailureCircumstances, redact: (s: string) => string, isConnectionError: boolean,
): MantleError {
  if (how.streaming) {
    return new MantleError({
      kind: 'streamCut',
      message: `The connection to ${ctx.host} broke before the answer was complete (${redact(describeCause(err))}); the part received so far is kept.`,
      actions: ['retry', 'showLogs'],
    });
  }
  if (isConnectionError || err instanceof TypeError) return mapNetworkFailure(describeCause(err), ctx, redact);
  return new MantleError({ kind: 'network', message: `Request to ${ctx.host} failed: ${redact(describeCause(err))}`, actions: ['showLogs'] });
}
