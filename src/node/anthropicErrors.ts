// Converts what @anthropic-ai/sdk (or fetch) threw into a MantleError, with the same rules and phrasing as the OpenAI
// paths (common/mantle/errorMapping.ts). The SDK module is passed in because it is loaded lazily (anthropicSdk.ts).
import { mapHttpFailure, type ErrorContext } from '../common/mantle/errorMapping';
import { MantleError, isMantleError } from '../common/mantle/errors';
import type { AnthropicSdk } from './anthropicSdk';
import { connectionFailure, stoppedByUs, type FailureCircumstances } from './sdkErrors';
import { requestIdOf } from './transportFetch';

/** The server's own words: the Anthropic envelope's error.message, or the transport guard's. */
export function apiMessageOf(err: { apiMessage?: string | null; error?: unknown; message: string }): string {
  const body = err.error as { error?: { message?: unknown } } | undefined;
  if (err.apiMessage) return err.apiMessage;
  return typeof body?.error?.message === 'string' ? body.error.message : err.message;
}

export function toMantleErrorFromAnthropic(
  sdk: AnthropicSdk, err: unknown, ctx: ErrorContext, how: FailureCircumstances, redact: (s: string) => string,
): MantleError {
  if (isMantleError(err)) return err;
  const stopped = stoppedByUs(how, err instanceof sdk.APIUserAbortError);
  if (stopped) return stopped;
  if (err instanceof sdk.APIConnectionTimeoutError) {
    return new MantleError({ kind: 'timeout', message: `${ctx.host} did not answer within ${how.stallSeconds} seconds.`, actions: ['retry', 'showLogs'] });
  }
  if (err instanceof sdk.APIError && !(err instanceof sdk.APIConnectionError)) {
    const body = err.error as { error?: { code?: unknown } } | undefined;
    if (err.status !== undefined) {
      return mapHttpFailure({
        status: err.status,
        code: typeof body?.error?.code === 'string' ? body.error.code : null,
        type: err.type,
        message: apiMessageOf(err),
        requestId: err.headers ? requestIdOf(err.headers) : undefined,
      }, ctx, redact);
    }
    // An `error` event inside the stream (§3.4): no HTTP status, the server's type and message only.
    const what = err.type === 'overloaded_error' ? `${ctx.model ?? 'The model'} was overloaded while answering` : 'Mantle reported an error while answering';
    return new MantleError({
      kind: 'server',
      code: err.type ?? undefined,
      message: `${what} (${redact(apiMessageOf(err))})${how.streaming ? '; the part received so far is kept' : ''}.`,
      actions: ['retry', 'showLogs'],
    });
  }
  return connectionFailure(err, ctx, how, redact, err instanceof sdk.APIConnectionError);
}
