// POST /anthropic/v1/messages and /messages/count_tokens. The route errors are exact (§1.5 E for a non-Anthropic
// model, in the Anthropic envelope); the Messages answer itself is a minimal version of §3.3/§3.4 (text only, the
// scripted model's reply) until the Claude issue brings the full API.
import { pacing, sendGenerated, type RequestContext } from '../context';
import { badRequest, sendJson } from '../http';
import { budgetOutput, contentText, parseMaxTokens, promptTokens } from '../output';
import { resolveModel } from '../routing';
import { scriptedReply, type Turn } from '../scriptedModel';
import { startSse, writeFrames, type SseFrame } from '../sse';
import { randomBytes } from 'node:crypto';

function parseTurns(ctx: RequestContext): Turn[] {
  const messages = ctx.body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw badRequest('messages: field required', 'messages', 'invalid_request_error');
  const system = typeof ctx.body.system === 'string' ? [{ role: 'system' as const, text: ctx.body.system }] : [];
  return [...system, ...messages.map((m: unknown, i): Turn => {
    const msg = (m ?? {}) as { role?: unknown; content?: unknown };
    if (msg.role !== 'user' && msg.role !== 'assistant') throw badRequest(`messages.${i}.role: Input should be 'user' or 'assistant'`, null, 'invalid_request_error');
    return { role: msg.role as 'user' | 'assistant', text: contentText(msg.content) ?? '' };
  })];
}

/** msg_bdrk_ + 52 lowercase base32, as observed (§3.3). */
function messageId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return `msg_bdrk_${[...randomBytes(52)].map((b) => alphabet[b % 32]).join('')}`;
}

export async function anthropicMessages(ctx: RequestContext, kind: 'messages' | 'count_tokens'): Promise<void> {
  const model = resolveModel(ctx, 'messages');
  const turns = parseTurns(ctx);
  if (kind === 'count_tokens') {
    sendJson(ctx.res, 200, { input_tokens: promptTokens(turns) });
    return;
  }
  const maxTokens = parseMaxTokens(ctx.body.max_tokens, 'max_tokens');
  const out = budgetOutput(scriptedReply(turns, { model: model.id, reasoning: false, effort: 'medium' }), maxTokens);
  const echoed = model.id.replace(/^anthropic\./, ''); // Mantle echoes the model without its vendor prefix
  const usage = { input_tokens: promptTokens(turns), cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: out.text.length };
  const stopReason = out.truncated ? 'max_tokens' : 'end_turn';
  const id = messageId();
  const text = out.text.join('');
  if (ctx.body.stream !== true) {
    const body = { content: [{ text, type: 'text' }], id, model: echoed, role: 'assistant', stop_reason: stopReason, stop_sequence: null, type: 'message', usage };
    await sendGenerated(ctx, body, out.text.length);
    return;
  }
  const frames: SseFrame[] = [];
  const emit = (type: string, payload: Record<string, unknown>, token?: SseFrame['token']): void => {
    frames.push({ event: type, data: JSON.stringify({ type, ...payload }), token });
  };
  emit('message_start', { message: { id, type: 'message', role: 'assistant', model: echoed, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 0 } } });
  emit('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
  for (const delta of out.text) emit('content_block_delta', { index: 0, delta: { type: 'text_delta', text: delta } }, { kind: 'text', delta });
  emit('content_block_stop', { index: 0 });
  emit('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: out.text.length } });
  emit('message_stop', {});
  startSse(ctx.res, {});
  await writeFrames(ctx.res, frames, pacing(ctx), ctx.serverClosed);
}
