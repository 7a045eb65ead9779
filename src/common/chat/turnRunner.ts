// Runs one chat turn through the turn engine (which picks the API, streams and falls back from Responses to Chat
// Completions) and folds the outcome back into the thread. The chat's own recovery lives here because it needs the
// thread: previous_response_not_found → resend once with the history from the local transcript.
// Pure TypeScript over the MantleApi contract, so it runs in unit/client tests without an editor.
import { toTurnError } from '../mantle/errors';
import { isTransientKind, MAX_POLL_RETRIES, pollRetryDelayMs } from '../mantle/transportChecks';
import { executeTurn, singleClientEngine, type TurnEngine } from '../mantle/turnEngine';
import type { ApiKind, MantleApi, ReasoningEffort, RoutePrefix, TurnEvent, TurnRequest, TurnResult } from '../mantle/types';
import type { ChatToolset } from '../tools/chatTools';
import { runChatToolTurn } from '../tools/chatToolTurn';
import type { Attachment } from '../attachments/attachment';
import { addTurn, findTurn, updateTurn, type Thread, type Turn } from '../threads/model';
import { checkPrompt } from './input';
import { isRetentionRefusal, NOTICE_RETENTION, type RetentionMemory } from '../account/retention';
import { planTurn } from './plan';

/** GET/cancel of stored responses, for background turns. Optional so the chat works with a client without them. */
export interface BackgroundResponses {
  /** `prefix`: the route family the response lives on (GPT-5.x: /openai/v1); absent, the client's default. */
  getResponse(id: string, signal?: AbortSignal, prefix?: RoutePrefix): Promise<TurnResult>;
  cancelResponse(id: string, signal?: AbortSignal, prefix?: RoutePrefix): Promise<void>;
}

export interface TurnRunnerEnv {
  mantle: MantleApi & Partial<BackgroundResponses>;
  /** Which API the model takes, for an env without `turns` (test doubles on one route family). */
  apiFor(model: string): ApiKind;
  /** The product's turn engine (container.turns: the model router and one client per API). */
  turns?: TurnEngine;
  now(): number;
  newId(): string;
  log(level: 'debug' | 'info' | 'warn', message: string): void;
  /** Whether the Region/Project refuses stored responses (common/account/retention.ts); absent: never assumed. */
  retention?: RetentionMemory;
  /** The chat's workspace tools (container: src/vscode/tools); absent, turns are plain requests. */
  tools?: ChatToolset;
}

export interface RunOptions {
  prompt: string;
  store: boolean;
  effort?: ReasoningEffort;
  background?: boolean;
  /** Attached files and images (attachments/composer.ts), recorded on the turn and sent with it. */
  attachments?: Attachment[];
  /** The workspace's instruction file as the request's instructions. */
  instructions?: string;
}

export interface RunHooks {
  /** The thread changed shape (turn added, finished, failed, retried): persist and repaint. */
  onThread(thread: Thread): void;
  /** Streamed text for a turn; the caller batches these for the webview. */
  onDelta(turnId: string, kind: 'text' | 'reasoning', delta: string): void;
}

export const NOTICE_RECOVERED = 'The server no longer had this conversation, so its history was resent from this chat.';
export const NOTICE_FELL_BACK = 'This model does not accept the Responses API here; the turn went through Chat Completions with the history.';

/** Statuses of a background response that is still running on the server. */
const RUNNING = new Set(['queued', 'in_progress']);

function describe(req: TurnRequest): string {
  return `${req.api} model=${req.model} messages=${req.messages.length} previous_response_id=${req.previousResponseId ?? '-'} store=${String(req.store ?? '-')}${req.background ? ' background' : ''}`;
}

/** The turn once its request finished. Only a stored Responses request can be chained or run in the background. */
function finished(turn: Turn, result: TurnResult, opts: RunOptions, answer: string, reasoning: string): Partial<Turn> {
  const onServer = result.api === 'responses' && opts.store;
  const stillRunning = onServer && opts.background === true && result.status !== undefined && RUNNING.has(result.status);
  return {
    status: stillRunning ? 'background' : 'done',
    api: result.api,
    stored: onServer,
    responseId: result.id ?? turn.responseId,
    answer: result.text || answer,
    reasoning: result.reasoning || reasoning,
    // Signed Claude thinking goes back with this answer on later turns (historyMessages).
    ...(result.thinking ? { thinking: result.thinking } : {}),
    usage: result.usage,
    timeToFirstTokenMs: result.timeToFirstTokenMs,
    totalMs: result.totalMs,
  };
}

/**
 * Adds a turn for `opts.prompt` to `thread` and runs it. Resolves with the final thread in every case (an error is
 * recorded on the turn, not thrown); rejects only when the prompt itself is refused (empty).
 */
export async function runTurn(env: TurnRunnerEnv, thread: Thread, opts: RunOptions, hooks: RunHooks, signal?: AbortSignal): Promise<Thread> {
  const check = checkPrompt(opts.prompt);
  if (!check.ok) throw new Error(check.reason);
  const model = thread.model;
  const turn: Turn = { id: env.newId(), prompt: opts.prompt, model, answer: '', reasoning: '', status: 'streaming', createdAt: env.now(), ...(opts.effort ? { effort: opts.effort } : {}), ...(opts.attachments?.length ? { attachments: opts.attachments } : {}) };
  let current = addTurn(thread, turn, env.now());
  hooks.onThread(current);

  let rebuildHistory = false;
  const notices: string[] = [];
  // A Region/Project known to refuse stored responses gets none asked of it (and so no background either).
  let run: RunOptions = env.retention?.refusesStore() && opts.store ? { ...opts, store: false, background: false } : opts;
  const engine = env.turns ?? singleClientEngine(env.mantle, (m) => env.apiFor(m), (level, message) => env.log(level, `chat turn: ${message}`));
  // Each request is planned against the thread as it was before this turn.
  for (;;) {
    let answer = '';
    let reasoning = '';
    let lastApi: ApiKind | undefined;
    const build = (api: ApiKind): TurnRequest => {
      const { request } = planTurn({
        thread, prompt: run.prompt, model, api, store: run.store, effort: run.effort, background: run.background, rebuildHistory,
        attachments: run.attachments, instructions: run.instructions,
      });
      env.log('info', `chat turn → ${describe(request)}`);
      return request;
    };
    const onEvent = (e: TurnEvent): void => {
      if (e.kind === 'text') { answer += e.delta; hooks.onDelta(turn.id, 'text', e.delta); }
      else if (e.kind === 'reasoning') { reasoning += e.delta; hooks.onDelta(turn.id, 'reasoning', e.delta); }
      else if (e.kind === 'started' && e.responseId) current = updateTurn(current, turn.id, { responseId: e.responseId }, env.now());
    };
    // The workspace tools (when the chat has them, the thread did not turn them off, and the turn is not a
    // background one, which could not run tools while nobody waits): a tool loop instead of one request.
    const toolset = env.tools && !thread.toolsOff && !run.background ? env.tools : undefined;
    const toolTurn = toolset
      ? await runChatToolTurn({
        engine, toolset, model, signal, build, onEvent,
        onToolUse: (tools) => { current = updateTurn(current, turn.id, { tools }, env.now()); hooks.onThread(current); },
      })
      : undefined;
    if (toolTurn?.notice) notices.push(toolTurn.notice);
    const outcome = toolTurn ? toolTurn.outcome : await executeTurn(engine, {
      model,
      signal,
      onAttempt: (api, refused) => {
        const apiChanged = lastApi !== undefined && lastApi !== api;
        lastApi = api;
        answer = '';
        reasoning = '';
        // The same API on the other route family sends the same request: nothing to tell the person.
        if (!refused || !apiChanged) return;
        // The model refused Responses: the engine asks again through Chat Completions with the whole history.
        notices.push(NOTICE_FELL_BACK);
        current = updateTurn(current, turn.id, { answer: '', reasoning: '', notice: notices.join(' ') }, env.now());
        hooks.onThread(current);
      },
      build,
      onEvent,
    });
    if (outcome.ok) {
      const patch = finished(findTurn(current, turn.id) ?? turn, outcome.result, run, answer, reasoning);
      if (notices.length) patch.notice = notices.join(' ');
      current = updateTurn(current, turn.id, patch, env.now());
      env.log('info', `chat turn ← ${outcome.result.api} id=${outcome.result.id ?? '-'} status=${patch.status ?? '-'}`);
      hooks.onThread(current);
      return current;
    }
    const { error } = outcome;
    if (error.kind === 'previousResponseNotFound' && !rebuildHistory && !signal?.aborted) {
      env.log('warn', 'previous_response_not_found: resending the history from the local transcript');
      rebuildHistory = true;
      notices.push(NOTICE_RECOVERED);
      current = updateTurn(current, turn.id, { answer: '', reasoning: '', notice: notices.join(' ') }, env.now());
      hooks.onThread(current);
      continue;
    }
    if (run.store && isRetentionRefusal(error) && !signal?.aborted) {
      env.log('warn', 'the retention mode refuses stored responses: resending the history, not stored, from now on here');
      env.retention?.remember();
      run = { ...run, store: false, background: false };
      notices.push(NOTICE_RETENTION);
      current = updateTurn(current, turn.id, { answer: '', reasoning: '', notice: notices.join(' ') }, env.now());
      hooks.onThread(current);
      continue;
    }
    const patch: Partial<Turn> = error.kind === 'cancelled'
      ? { status: 'stopped', answer, reasoning }
      : { status: 'error', answer, reasoning, error };
    if (notices.length) patch.notice = notices.join(' ');
    current = updateTurn(current, turn.id, patch, env.now());
    env.log(error.kind === 'cancelled' ? 'info' : 'warn', `chat turn ✗ ${error.kind}: ${error.message}`);
    hooks.onThread(current);
    return current;
  }
}

/**
 * Polls a background turn with GET /v1/responses/{id} until it leaves queued/in_progress, then records the answer.
 * An abort (window closing, chat disposed) just stops polling: the turn stays 'background' and is resumed later.
 */
export async function pollBackgroundTurn(
  env: TurnRunnerEnv, thread: Thread, turnId: string, hooks: RunHooks, signal: AbortSignal, intervalMs = 1000,
): Promise<Thread> {
  const turn = findTurn(thread, turnId);
  const getResponse = env.mantle.getResponse?.bind(env.mantle);
  if (!turn?.responseId || !getResponse) return thread;
  let current = thread;
  let retries = 0;
  while (!signal.aborted) {
    let result: TurnResult;
    try {
      result = await getResponse(turn.responseId, signal, env.turns?.prefixFor?.(turn.model));
      retries = 0;
    } catch (err) {
      if (signal.aborted) break;
      const error = toTurnError(err);
      // One dropped connection or 5xx must not fail a turn that is still running on the server: try again.
      if (isTransientKind(error.kind) && retries < MAX_POLL_RETRIES) {
        retries++;
        env.log('warn', `background poll failed (${error.kind}), retry ${retries} of ${MAX_POLL_RETRIES}`);
        await abortableDelay(pollRetryDelayMs(retries, intervalMs), signal);
        continue;
      }
      current = updateTurn(current, turnId, { status: 'error', error }, env.now());
      hooks.onThread(current);
      return current;
    }
    if (!result.status || !RUNNING.has(result.status)) {
      const ok = result.status === undefined || result.status === 'completed';
      const patch: Partial<Turn> = ok
        ? { status: 'done', answer: result.text, reasoning: result.reasoning, usage: result.usage, totalMs: env.now() - turn.createdAt }
        : { status: result.status === 'cancelled' ? 'stopped' : 'error', answer: result.text, reasoning: result.reasoning, ...(result.status === 'cancelled' ? {} : { error: { kind: 'server', message: `The background response ended as ${result.status}.`, actions: ['showLogs'] } }) };
      current = updateTurn(current, turnId, patch, env.now());
      hooks.onThread(current);
      return current;
    }
    await abortableDelay(intervalMs, signal);
  }
  return current;
}

function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });
}

/** Cancels a background turn on the server and marks it stopped; it never becomes the chain head. */
export async function cancelBackgroundTurn(env: TurnRunnerEnv, thread: Thread, turnId: string): Promise<Thread> {
  const turn = findTurn(thread, turnId);
  if (turn?.responseId && env.mantle.cancelResponse) {
    try { await env.mantle.cancelResponse(turn.responseId, undefined, env.turns?.prefixFor?.(turn.model)); }
    catch (err) { env.log('warn', `cancelling background response failed: ${err instanceof Error ? err.message : String(err)}`); }
  }
  return updateTurn(thread, turnId, { status: 'stopped', notice: 'Cancelled.' }, env.now());
}
