// Turns what the server (or the network) said into a MantleError phrased for a person, with the actions worth
// offering. Pure: the node client extracts status/code/message from the SDK error and passes them here, so every
// rule below is unit-tested without a network.
import { MantleError, MantleErrorAction } from './errors';
import { boundText, isClockSkewMessage, NOT_EVENT_STREAM, REDIRECT_REFUSED } from './transportChecks';
import { classifyRouteAnswer } from '../models/router';

export type AuthMode = 'apiKey' | 'awsProfile';

/** What was being attempted, so the message can name the model, the host and the credentials in use. */
export interface ErrorContext {
  authMode: AuthMode;
  /** AWS profile name, when authMode is awsProfile. */
  profile?: string;
  region: string;
  host: string;
  /** True when bedrockMantle.endpoint replaces the Regional endpoint. */
  customEndpoint: boolean;
  model?: string;
  api?: 'responses' | 'chat' | 'messages' | 'models';
  /** The route family the request went to (/v1, /openai/v1), for the log line. */
  path?: string;
  /** For a short-term API key: the Region it was generated in (it works only there). */
  keyRegion?: string;
  /** How many retries the SDK made before giving up (429/5xx). */
  retries?: number;
}

export interface HttpFailure {
  status: number;
  code?: string | null;
  type?: string | null;
  message?: string | null;
  requestId?: string | null;
}

const UNSUPPORTED_API = /does not support the '([^']+)' API|isn't supported on this route/i;
const PREVIOUS_NOT_FOUND = /previous[ _]response.*not[ _]found/i;

export function isUnsupportedApiMessage(message: string | null | undefined): boolean {
  return !!message && UNSUPPORTED_API.test(message);
}

/** The server's own message without the SDK's "400 " status prefix, bounded (an HTML page is not a message). */
function serverText(f: HttpFailure): string {
  return boundText((f.message ?? '').replace(/^\d{3}\s+/, '').trim());
}

function authAction(ctx: ErrorContext): MantleErrorAction {
  return ctx.authMode === 'apiKey' ? 'setApiKey' : 'useAwsProfile';
}

function where(ctx: ErrorContext): string {
  return ctx.customEndpoint ? ctx.host : `Region ${ctx.region}`;
}

export function mapHttpFailure(f: HttpFailure, ctx: ErrorContext, redact: (s: string) => string): MantleError {
  const said = redact(serverText(f));
  const fact = classifyRouteAnswer(f.status, serverText(f)).kind;
  const routeFact = fact === 'routeError' || fact === 'apiError' || fact === 'berm' ? fact : undefined;
  const base = { status: f.status, code: f.code ?? undefined, requestId: f.requestId ?? undefined, ...(routeFact ? { routeFact } : {}) };
  const suffix = said ? ` (server said: ${said})` : '';
  const model = ctx.model ? `'${ctx.model}'` : 'the model';

  if (f.code === REDIRECT_REFUSED || f.code === NOT_EVENT_STREAM) {
    // Written by the transport itself (src/node/transportFetch.ts): not Mantle speaking, so no "server said".
    return new MantleError({
      ...base,
      kind: 'network',
      message: `${said} (${ctx.customEndpoint ? ctx.host : `Region ${ctx.region}, ${ctx.host}`})`,
      actions: ctx.customEndpoint ? ['openSettings', 'retry', 'showLogs'] : ['retry', 'showLogs'],
    });
  }
  if ((f.status === 401 || f.status === 403) && isClockSkewMessage(said)) {
    return new MantleError({
      ...base,
      kind: 'auth',
      message: `Mantle refused the request's signature because this computer's clock is off${suffix}. Set the system clock to the correct time (turn on automatic time sync), then try again.`,
      actions: ['retry', 'showLogs'],
    });
  }
  if (f.code === 'previous_response_not_found' || PREVIOUS_NOT_FOUND.test(said)) {
    return new MantleError({ ...base, kind: 'previousResponseNotFound', message: `Mantle no longer has the earlier response this turn continues from${suffix}.`, actions: ['retry', 'showLogs'] });
  }
  if ((f.status === 400 || f.status === 404) && UNSUPPORTED_API.test(said)) {
    return new MantleError({ ...base, kind: 'unsupportedApi', message: `${model} does not accept this API on Mantle${suffix}.`, actions: ['showLogs'] });
  }
  switch (true) {
    case (f.status === 401 || f.status === 403) && ctx.authMode === 'apiKey' && !!ctx.keyRegion && ctx.keyRegion !== ctx.region:
      return new MantleError({
        ...base,
        kind: f.status === 401 ? 'auth' : 'forbidden',
        message: `Mantle refused the API key (${f.status}): it is a short-term key generated in ${ctx.keyRegion}, and such keys work only there, but requests go to ${ctx.region}. Select ${ctx.keyRegion}, or generate a key in ${ctx.region}.`,
        actions: ['selectRegion', 'setApiKey', 'showLogs'],
      });
    case f.status === 401:
      return new MantleError({
        ...base,
        kind: 'auth',
        message: ctx.authMode === 'apiKey'
          ? `Mantle rejected the API key (401). It may be wrong, expired (short-term keys last at most 12 hours) or made for another Region than ${ctx.region}.`
          : `Mantle rejected the SigV4 signature from AWS profile '${ctx.profile ?? 'default'}' (401). The credentials may be expired or invalid${suffix}.`,
        actions: [authAction(ctx), 'showLogs'],
      });
    case f.status === 403:
      return new MantleError({
        ...base,
        kind: 'forbidden',
        message: `Mantle refused access (403): the ${ctx.authMode === 'apiKey' ? 'API key' : `AWS profile '${ctx.profile ?? 'default'}'`} lacks permission for bedrock-mantle in ${where(ctx)}${suffix}.`,
        actions: [authAction(ctx), 'selectRegion', 'showLogs'],
      });
    case f.status === 404:
      return new MantleError({
        ...base,
        kind: 'modelNotFound',
        message: ctx.model
          ? `${model} is not available in ${where(ctx)}${suffix}. Choose another Region or model.`
          : `Mantle answered 404 Not Found from ${where(ctx)}${suffix}.`,
        actions: ['selectRegion', 'showLogs'],
      });
    case f.status === 429:
      return new MantleError({
        ...base,
        kind: 'rateLimited',
        message: `Mantle throttled the request (429)${ctx.retries ? ` after ${ctx.retries} retr${ctx.retries === 1 ? 'y' : 'ies'}` : ''}: the tokens-per-minute quota for ${model} in ${where(ctx)} is used up. Wait a minute, or ask for a quota increase.`,
        actions: ['retry', 'showLogs'],
      });
    case f.status === 529:
      // The Messages API's overload answer (addendum §3.6, §7): capacity, not a fault of the request.
      return new MantleError({
        ...base,
        kind: 'server',
        message: `${model} is overloaded on Mantle (529)${ctx.retries ? ` on every one of ${ctx.retries + 1} attempts` : ''}${suffix}. Try again in a moment.`,
        actions: ['retry', 'showLogs'],
      });
    case f.status >= 500:
      return new MantleError({
        ...base,
        kind: 'server',
        message: `Mantle had a server error (${f.status})${ctx.retries ? ` on every one of ${ctx.retries + 1} attempts` : ''}${suffix}.`,
        actions: ['retry', 'showLogs'],
      });
    default:
      return new MantleError({ ...base, kind: 'badRequest', message: `Mantle rejected the request (${f.status})${suffix}.`, actions: ['showLogs'] });
  }
}

/** A failure before any HTTP status: DNS, refused connection, TLS, reset. Names the host so a proxy/VPN issue is visible. */
export function mapNetworkFailure(cause: string, ctx: ErrorContext, redact: (s: string) => string): MantleError {
  const detail = cause ? `: ${redact(cause)}` : '';
  return new MantleError({
    kind: 'network',
    message: `Could not reach ${ctx.host}${detail}. Check the network, VS Code's proxy settings${ctx.customEndpoint ? ' and the bedrockMantle.endpoint setting' : ''}.`,
    actions: ctx.customEndpoint ? ['openSettings', 'retry', 'showLogs'] : ['selectRegion', 'retry', 'showLogs'],
  });
}
