// POST /v1/chat/completions and /openai/v1/chat/completions, non-streaming and SSE. Reasoning models put their chain of thought in
// message.reasoning / delta.reasoning (Mantle's field, not in the SDK types) before the answer. With `tools`, the
// scripted model may answer with tool_calls instead (toolUse.ts): streamed as a first fragment with id and name, then
// argument fragments, and finish_reason "tool_calls".
import { pacing, sendGenerated, type RequestContext } from '../context';
import { badRequest } from '../http';
import { checkImages, lastUserImages, withImageNote } from '../images';
import { newChatId } from '../ids';
import { budgetOutput, contentText, parseEffort, parseMaxTokens, promptTokens, type BudgetedOutput } from '../output';
import { resolveModel } from '../routing';
import { scriptedReply, type Role, type Turn } from '../scriptedModel';
import { startSse, writeFrames, type SseFrame } from '../sse';
import { argumentFragments, chatCallId, offeredTools, planCalls, toolChoiceOf, toolsRefused } from '../toolUse';

const ROLES: readonly Role[] = ['system', 'developer', 'user', 'assistant', 'tool'];

function parseMessages(value: unknown): Turn[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest("'messages' must be a non-empty array.", 'messages');
  return value.map((m: unknown, i) => {
    const msg = (m ?? {}) as { role?: unknown; content?: unknown; tool_calls?: unknown; tool_call_id?: unknown };
    if (!ROLES.includes(msg.role as Role)) throw badRequest(`messages[${i}].role must be one of ${ROLES.join(', ')}.`, `messages[${i}].role`);
    if (msg.role === 'tool' && typeof msg.tool_call_id !== 'string') throw badRequest(`messages[${i}].tool_call_id is required for role 'tool'.`, `messages[${i}].tool_call_id`);
    // An assistant turn that only called tools has content null (OpenAI's convention).
    const callsOnly = msg.role === 'assistant' && Array.isArray(msg.tool_calls) && msg.tool_calls.length > 0 && (msg.content === null || msg.content === undefined);
    const text = callsOnly ? '' : contentText(msg.content);
    if (text === undefined) throw badRequest(`messages[${i}].content must be a string or an array of content parts.`, `messages[${i}].content`);
    return { role: msg.role as Role, text };
  });
}

function usage(prompt: number, out: BudgetedOutput): Record<string, unknown> {
  const completion = out.reasoning.length + out.text.length;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: out.reasoning.length },
  };
}

export async function chatCompletions(ctx: RequestContext): Promise<void> {
  const model = resolveModel(ctx, 'chat');
  const turns = parseMessages(ctx.body.messages);
  checkImages(model.id, 'chat', ctx.body);
  const effort = parseEffort(ctx.body.reasoning_effort, 'reasoning_effort');
  const maxTokens = parseMaxTokens(ctx.body.max_completion_tokens ?? ctx.body.max_tokens, ctx.body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens');
  const tools = offeredTools(ctx.body.tools, 'chat');
  if (tools.length && model.tools === false) throw toolsRefused();
  const planned = planCalls(tools, turns, { choice: toolChoiceOf(ctx.body.tool_choice), parallel: ctx.body.parallel_tool_calls !== false });
  const calls = planned.map((c, i) => ({ id: chatCallId(model.id, c.name, i), type: 'function', function: { name: c.name, arguments: c.arguments } }));
  const scripted = withImageNote(scriptedReply(turns, { model: model.id, reasoning: model.reasoning === true, effort }), lastUserImages('chat', ctx.body));
  // A turn that calls tools has no answer text; Kimi narrates first, with its leading space (addendum §4.1).
  const narration = model.id.startsWith('moonshotai.') ? ` I'll use ${planned.map((c) => c.name).join(' and ')} first.` : '';
  const reply = calls.length ? { reasoning: scripted.reasoning, text: narration } : scripted;
  const out = budgetOutput(reply, maxTokens);
  const finishReason = out.truncated ? 'length' : calls.length ? 'tool_calls' : 'stop';
  const id = newChatId();
  const created = Math.floor(Date.now() / 1000);
  const prompt = promptTokens(turns);

  if (ctx.body.stream !== true) {
    const message: Record<string, unknown> = { role: 'assistant', content: calls.length && !out.text.length ? null : out.text.join(''), refusal: null };
    if (calls.length && !out.truncated) message.tool_calls = calls;
    if (model.reasoning) message.reasoning = out.reasoning.join('');
    const body = {
      id, object: 'chat.completion', created, model: model.id,
      choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
      usage: usage(prompt, out),
    };
    await sendGenerated(ctx, body, out.reasoning.length + out.text.length);
    return;
  }

  const includeUsage = (ctx.body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}): string =>
    JSON.stringify({ id, object: 'chat.completion.chunk', created, model: model.id, choices, ...(includeUsage ? { usage: null } : {}), ...extra });
  const delta = (d: Record<string, unknown>, finish: string | null = null): unknown[] => [{ index: 0, delta: d, finish_reason: finish, logprobs: null }];

  const frames: SseFrame[] = [{ data: chunk(delta({ role: 'assistant', content: '' })) }];
  for (const piece of out.reasoning) frames.push({ data: chunk(delta({ reasoning: piece })), token: { kind: 'reasoning', delta: piece } });
  for (const piece of out.text) frames.push({ data: chunk(delta({ content: piece })), token: { kind: 'text', delta: piece } });
  if (!out.truncated) {
    calls.forEach((c, index) => {
      frames.push({ data: chunk(delta({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.function.name, arguments: '' } }] })) });
      for (const piece of argumentFragments(c.function.arguments)) {
        frames.push({ data: chunk(delta({ tool_calls: [{ index, function: { arguments: piece } }] })) });
      }
    });
  }
  frames.push({ data: chunk(delta({}, finishReason)) });
  if (includeUsage) frames.push({ data: chunk([], { usage: usage(prompt, out) }) });
  frames.push({ data: '[DONE]' });

  startSse(ctx.res, {});
  await writeFrames(ctx.res, frames, pacing(ctx), ctx.serverClosed);
}
