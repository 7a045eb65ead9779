// What a route handler gets: the request, its parsed body, the faults in force and the emulator's shared state.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ActiveFaults } from './faults';
import { delay, sendJson } from './http';
import type { EmulatorModel, EmulatorPrefix, RetentionMode } from './models';
import type { RequestLog, RequestLogEntry } from './requestLog';
import type { StreamPacing } from './sse';
import type { ResponseStore } from './store';
import type { EmulatorProject } from './routes/projects';

export interface EmulatorState {
  /** 'runtime' plays bedrock-runtime's OpenAI endpoint instead of Mantle (§2). */
  endpoint: 'mantle' | 'runtime';
  models: Map<string, EmulatorModel>;
  /** Answer an /openai/v1-family model on /v1 with the 401 "Berm is not enabled" variant (C′) instead of A/C. */
  bermOnV1: boolean;
  /** GET /openai/v1/models: a 404 (default) or the same list as /v1/models. */
  openaiModels: 'not-found' | 'mirror';
  /** Claude models this account has not been granted (§1.5 H). */
  claudeNotEnabled: ReadonlySet<string>;
  /** The account's effective data-retention mode; models needing more are `status:"unavailable"`. */
  retentionMode: RetentionMode;
  store: ResponseStore;
  /** The account's Projects by id (routes/projects.ts); always holds `default`. */
  projects: Map<string, EmulatorProject>;
  /** The Region the emulator plays (Project ARNs). */
  region: string;
  log: RequestLog;
  tokenDelayMs: number;
  /** When set, tokens after the first stream at this fixed rate instead of tokenDelayMs apart (sse.ts onSchedule). */
  tokensPerSecond?: number;
  firstTokenDelayMs: number;
  /** Background-work timers, cleared on close(). */
  timers: Set<NodeJS.Timeout>;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The route family of the path. */
  prefix: EmulatorPrefix;
  /** The JSON body when it was an object; {} for an empty body. */
  body: Record<string, unknown>;
  entry: RequestLogEntry;
  faults: ActiveFaults;
  state: EmulatorState;
  /** The Project the request is attributed to (Mantle; set by the router before any route runs). */
  project?: EmulatorProject;
  /** Marks that the server itself is about to drop the connection, so the log does not blame the client. */
  serverClosed(): void;
}

export function pacing(ctx: RequestContext): StreamPacing {
  // A token-rate fault on the request wins over the emulator's own rate.
  const rate = ctx.faults.tokenMs === undefined ? ctx.state.tokensPerSecond : undefined;
  return {
    firstTokenMs: ctx.faults.firstTokenMs ?? ctx.state.firstTokenDelayMs,
    tokenMs: ctx.faults.tokenMs ?? (rate ? 1000 / rate : ctx.state.tokenDelayMs),
    onSchedule: rate ? true : undefined,
    termination: ctx.faults.termination,
  };
}

/** Non-streaming replies take as long as streaming them would, and honour cut/stall faults too. */
export async function sendGenerated(ctx: RequestContext, body: unknown, outputTokens: number): Promise<void> {
  const p = pacing(ctx);
  await delay(p.firstTokenMs + p.tokenMs * Math.max(0, outputTokens - 1));
  if (p.termination?.kind === 'cut') {
    ctx.serverClosed();
    ctx.res.socket?.destroy();
    return;
  }
  if (p.termination?.kind === 'stall') {
    await new Promise<void>((resolve) => (ctx.res.closed ? resolve() : ctx.res.once('close', () => resolve())));
    return;
  }
  sendJson(ctx.res, 200, body);
}
