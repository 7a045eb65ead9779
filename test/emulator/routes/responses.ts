// POST /v1/responses and /openai/v1/responses: stateful turns. The server rebuilds the conversation from stored responses when
// previous_response_id is given, answers with the scripted model, and stores the result unless store:false.
import { effectiveRetention, retentionStore } from './projects';
import { pacing, sendGenerated, type EmulatorState, type RequestContext } from '../context';
import { HttpError, badRequest, sendJson } from '../http';
import { newItemId, newResponseId } from '../ids';
import { budgetOutput, contentText, parseEffort, parseMaxTokens, promptTokens, type BudgetedOutput } from '../output';
import { outputItems, responseEvents, responseObject, responseUsage, type FunctionCall, type ResponseSkeleton } from '../responseBuilder';
import { checkImages, lastUserImages, withImageNote } from '../images';
import { resolveModel } from '../routing';
import { scriptedReply, type Role, type Turn } from '../scriptedModel';
import { deliveredText, startSse, writeFrames } from '../sse';
import type { StoredResponse } from '../store';
import { splitTokens } from '../tokens';
import { offeredTools, planCalls, toolChoiceOf, toolsRefused } from '../toolUse';

const INPUT_ROLES: readonly Role[] = ['system', 'developer', 'user', 'assistant'];

interface ParsedInput { turns: Turn[]; items: Record<string, unknown>[] }

function parseInput(value: unknown): ParsedInput {
  if (value === undefined || value === null) return { turns: [], items: [] };
  // Empty input is accepted (Mantle does); refusing it is the client's job.
  if (typeof value === 'string') {
    return { turns: [{ role: 'user', text: value }], items: [inputMessage('user', value)] };
  }
  if (!Array.isArray(value)) throw badRequest("'input' must be a string or an array of input items.", 'input');
  const turns: Turn[] = [];
  const items: Record<string, unknown>[] = [];
  value.forEach((raw: unknown, i) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    if ((item.type === 'function_call_output' || item.type === 'function_call') && typeof item.call_id === 'string' && item.call_id.length > MAX_CALL_ID) {
      // §1.5 L: Mantle rejects call ids over 64 characters; the exact text is UNCERTAIN (see README).
      throw badRequest(`Invalid 'input[${i}].call_id': string too long. Expected a string with maximum length ${MAX_CALL_ID}, but got a string with length ${item.call_id.length} instead.`, `input[${i}].call_id`, 'string_above_max_length');
    }
    if (item.type === 'function_call_output') {
      turns.push({ role: 'tool', text: String(item.output ?? '') });
      items.push({ id: newItemId('msg'), ...item });
      return;
    }
    if (item.type === 'reasoning' || item.type === 'function_call') return; // replayed output: nothing to answer
    if (item.type !== undefined && item.type !== 'message') throw badRequest(`input[${i}].type '${String(item.type)}' is not supported by the emulator.`, `input[${i}].type`);
    if (!INPUT_ROLES.includes(item.role as Role)) throw badRequest(`input[${i}].role must be one of ${INPUT_ROLES.join(', ')}.`, `input[${i}].role`);
    const text = contentText(item.content);
    if (text === undefined) throw badRequest(`input[${i}].content must be a string or an array of content parts.`, `input[${i}].content`);
    turns.push({ role: item.role as Role, text });
    items.push(inputMessage(item.role as string, text));
  });
  return { turns, items };
}

const MAX_CALL_ID = 64;

function inputMessage(role: string, text: string): Record<string, unknown> {
  return { id: newItemId('msg'), type: 'message', role, status: 'completed', content: [{ type: role === 'assistant' ? 'output_text' : 'input_text', text }] };
}

export function previousNotFound(id: string): HttpError {
  return new HttpError(400, { message: `Previous response with id '${id}' not found.`, type: 'invalid_request_error', param: 'previous_response_id', code: 'previous_response_not_found' });
}

function history(state: EmulatorState, previousId: unknown): Turn[] {
  if (previousId === undefined || previousId === null) return [];
  if (typeof previousId !== 'string') throw badRequest("'previous_response_id' must be a string.", 'previous_response_id');
  const prev = state.store.get(previousId);
  if (!prev) throw previousNotFound(previousId);
  return prev.conversation;
}

function optionalString(ctx: RequestContext, key: string): string | null {
  const v = ctx.body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw badRequest(`'${key}' must be a string.`, key);
  return v;
}

export async function createResponse(ctx: RequestContext): Promise<void> {
  const model = resolveModel(ctx, 'responses');
  const family = ctx.prefix === '/openai/v1' ? '/openai/v1' : '/v1';
  const instructions = optionalString(ctx, 'instructions');
  const past = history(ctx.state, ctx.body.previous_response_id);
  const input = parseInput(ctx.body.input);
  checkImages(model.id, 'responses', ctx.body);
  const reasoningParam = ctx.body.reasoning as { effort?: unknown } | undefined | null;
  const effort = parseEffort(reasoningParam?.effort, 'reasoning.effort');
  const maxOutputTokens = parseMaxTokens(ctx.body.max_output_tokens, 'max_output_tokens');
  const store = ctx.project ? retentionStore(ctx, effectiveRetention(ctx.project, ctx.state.retentionMode)) : ctx.body.store !== false;
  const background = ctx.body.background === true;
  if (background && ctx.state.endpoint === 'runtime') throw badRequest('Background mode is not supported on this endpoint: requests are always synchronous.', 'background');
  if (background && !store) throw badRequest('Background mode requires store=true.', 'background');

  // Instructions apply to this turn only; they are not part of what later turns inherit.
  const system: Turn[] = instructions ? [{ role: 'system', text: instructions }] : [];
  const conversation = [...system, ...past, ...input.turns];
  const reply = withImageNote(scriptedReply(conversation, { model: model.id, reasoning: model.reasoning === true, effort }), lastUserImages('responses', ctx.body));
  const tools = offeredTools(ctx.body.tools, 'responses');
  if (tools.length && model.tools === false) throw toolsRefused();
  // Call ids are call_0, call_1, … counted per response, so they repeat across responses (§4.2).
  const calls: FunctionCall[] = planCalls(tools, conversation, { choice: toolChoiceOf(ctx.body.tool_choice), parallel: ctx.body.parallel_tool_calls !== false })
    .map((c, i) => ({ id: newItemId('fc', family), call_id: `call_${i}`, name: c.name, arguments: c.arguments }));
  const budgeted = budgetOutput(reply, maxOutputTokens ?? undefined);
  const timedOut = ctx.faults.modelTimeout === true;
  // A response that calls tools answers with the calls instead of text; one that timed out produced nothing.
  const out = timedOut ? { reasoning: [], text: [], truncated: false } : calls.length ? { ...budgeted, text: [] } : budgeted;
  // The stored history is what a prompt cache would hold, so it is reported as cached input.
  const usage = responseUsage(promptTokens(conversation), past.length ? promptTokens(past) : 0, out);

  const include = Array.isArray(ctx.body.include) ? ctx.body.include : [];
  const skeleton: ResponseSkeleton = {
    id: newResponseId(), family, encryptedReasoning: include.includes('reasoning.encrypted_content'), calls: timedOut ? [] : calls,
    // gpt-oss on /v1 sends created_at as a float (§4.2).
    model: model.id, createdAt: family === '/v1' ? Date.now() / 1000 : Math.floor(Date.now() / 1000), instructions,
    previousResponseId: typeof ctx.body.previous_response_id === 'string' ? ctx.body.previous_response_id : null,
    store, background, effort, maxOutputTokens: maxOutputTokens ?? null,
    reasoningItemId: newItemId('rs', family), messageItemId: newItemId('msg', family),
    metadata: (ctx.body.metadata as Record<string, unknown> | undefined) ?? {},
  };
  const finalStatus = timedOut ? 'failed' : out.truncated ? 'incomplete' : 'completed';
  const final = (): ReturnType<typeof responseObject> => responseObject(skeleton, finalStatus, outputItems(skeleton, out), usage, out.truncated);
  const stored: StoredResponse = {
    response: responseObject(skeleton, background ? 'queued' : 'in_progress', [], null),
    conversation: [...past, ...input.turns, ...(out.text.length ? [{ role: 'assistant' as const, text: out.text.join('') }] : [])],
    inputItems: input.items,
    timers: [],
  };
  if (store) ctx.state.store.put(stored);

  if (ctx.body.stream === true) {
    const frames = responseEvents(skeleton, out, usage, timedOut);
    const progress = { written: 0 };
    let serverCut = false;
    // React on 'close' itself rather than after writeFrames returns: by then a test (or the client's next turn)
    // may already have looked the response up.
    ctx.res.once('close', () => {
      if (ctx.res.writableFinished || serverCut) return;
      // The client went away mid-answer: keep what it saw, like a cancelled generation.
      const seen = deliveredText(frames, progress.written);
      const partial = { reasoning: splitTokens(seen.reasoning), text: splitTokens(seen.text) };
      stored.response = responseObject(skeleton, 'cancelled', outputItems(skeleton, partial, 'incomplete'), responseUsage(usage.input_tokens, usage.input_tokens_details.cached_tokens, partial));
      stored.conversation = [...past, ...input.turns, ...(seen.text ? [{ role: 'assistant' as const, text: seen.text }] : [])];
    });
    startSse(ctx.res, {});
    const result = await writeFrames(ctx.res, frames, pacing(ctx), () => { serverCut = true; ctx.serverClosed(); }, progress);
    // A server-side cut simulates the network failing; the server itself finished the response.
    if (result.how === 'complete' || result.how === 'cut') stored.response = final();
    return;
  }

  if (background) {
    runInBackground(ctx, stored, final, out);
    sendJson(ctx.res, 200, stored.response);
    return;
  }

  stored.response = final();
  await sendGenerated(ctx, stored.response, out.reasoning.length + out.text.length);
}

/** Background mode: answer at once with status queued, then move to in_progress and completed on timers. */
function runInBackground(ctx: RequestContext, stored: StoredResponse, final: () => StoredResponse['response'], out: BudgetedOutput): void {
  const p = pacing(ctx);
  const generationMs = Math.max(30, p.firstTokenMs + p.tokenMs * (out.reasoning.length + out.text.length));
  const schedule = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      ctx.state.timers.delete(t);
      stored.timers = stored.timers.filter((x) => x !== t);
      fn();
    }, ms);
    ctx.state.timers.add(t);
    stored.timers.push(t);
  };
  schedule(10, () => { stored.response = { ...stored.response, status: 'in_progress' }; });
  schedule(generationMs, () => { stored.response = final(); });
}
