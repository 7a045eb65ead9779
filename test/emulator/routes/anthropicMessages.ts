// POST /anthropic/v1/messages (JSON or SSE) and /anthropic/v1/messages/count_tokens: Claude as Mantle serves it
// (addendum §3). The route errors come first (routing.ts: E for a non-Anthropic model, H, J); then the version and
// workspace headers, the request's blocks, thinking per the model's form, and prompt-cache accounting. The stream
// follows the Anthropic grammar of §3.4: message_start, ping, per block content_block_start / _delta / _stop (thinking
// with its signature_delta, text, tool_use with input_json_delta), message_delta with usage, message_stop; the
// `model-timeout` fault ends it with an `error` event instead (README).
import { randomBytes } from 'node:crypto';
import { pacing, sendGenerated, type EmulatorState, type RequestContext } from '../context';
import { sendJson } from '../http';
import { budgetOutput } from '../output';
import { checkImages, lastUserImages, withImageNote } from '../images';
import { resolveModel } from '../routing';
import { scriptedReply, type Role, type Turn } from '../scriptedModel';
import { startSse, writeFrames, type SseFrame } from '../sse';
import { splitTokens } from '../tokens';
import { PromptCache, type CacheUsage } from '../anthropic/promptCache';
import { checkVersion, inputTokens, parseMessagesInput, workspaceOf, type Block, type MessagesInput } from '../anthropic/request';
import { signThinking } from '../anthropic/signatures';
import { parseThinking } from '../anthropic/thinking';

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const base32 = (n: number): string => [...randomBytes(n)].map((b) => BASE32[b % 32]).join('');

/** msg_bdrk_ + 52 lowercase base32, as observed (§3.3). */
const messageId = (): string => `msg_bdrk_${base32(52)}`;
/** Tool-use ids on Mantle are not in the addendum: UNCERTAIN, chosen like the message id (README). */
const toolUseId = (): string => `toolu_bdrk_${base32(24)}`;

const caches = new WeakMap<EmulatorState, PromptCache>();
function cacheOf(state: EmulatorState): PromptCache {
  let cache = caches.get(state);
  if (!cache) caches.set(state, (cache = new PromptCache()));
  return cache;
}

/** The conversation as the scripted model reads it: one turn per run of blocks from the same speaker. */
function turnsOf(blocks: readonly Block[]): Turn[] {
  const turns: Turn[] = [];
  for (const b of blocks) {
    if (b.type === 'thinking' || b.type === 'tool_use') continue;
    const role: Role = b.type === 'tool_result' ? 'tool' : b.role;
    const last = turns[turns.length - 1];
    if (last && last.role === role) last.text += `\n${b.text}`;
    else turns.push({ role, text: b.text });
  }
  return turns;
}

interface ToolCall { id: string; name: string; input: Record<string, unknown> }

/**
 * Scripted tool use: a user message that names one of the request's tools gets a call to it (every string property
 * of its input schema filled with the message), and a tool_result gets an answer quoting it.
 */
function scriptedToolTurn(input: MessagesInput): { call?: ToolCall; text?: string } {
  const lastUser = input.blocks.filter((b) => b.role === 'user');
  const results = [];
  for (let i = lastUser.length - 1; i >= 0 && lastUser[i].type === 'tool_result'; i--) results.unshift(lastUser[i]);
  if (results.length) {
    const names = new Map(input.blocks.filter((b) => b.type === 'tool_use').map((b) => [b.toolId, b.toolName]));
    return { text: results.map((r) => `The ${names.get(r.toolId) ?? 'unknown'} tool returned: ${r.text}`).join('\n') };
  }
  const prompt = lastUser.filter((b) => b.type === 'text').map((b) => b.text).join('\n');
  const tool = input.tools.find((t) => new RegExp(`\\b${t.name.replace(/[^\w-]/g, '')}\\b`).test(prompt));
  if (!tool) return {};
  const args: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(tool.properties)) if (schema?.type === 'string') args[name] = prompt.slice(0, 200);
  return { call: { id: toolUseId(), name: tool.name, input: args } };
}

type ContentBlock =
  | { type: 'thinking'; thinking: string; signature: string; pieces: string[] }
  | { type: 'text'; text: string; pieces: string[] }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown>; pieces: string[] };

export async function anthropicMessages(ctx: RequestContext, kind: 'messages' | 'count_tokens'): Promise<void> {
  const model = resolveModel(ctx, 'messages');
  checkVersion(ctx.req, ctx.body);
  const workspace = workspaceOf(ctx.req);
  const input = parseMessagesInput(ctx.body, kind === 'count_tokens');
  checkImages(model.id, 'messages', ctx.body);
  const thinking = parseThinking(ctx.body, model.id, input.maxTokens);
  const total = inputTokens(input.blocks);
  if (kind === 'count_tokens') {
    sendJson(ctx.res, 200, { input_tokens: total });
    return;
  }

  const tool = scriptedToolTurn(input);
  const turns = turnsOf(input.blocks);
  const reply = withImageNote(scriptedReply(turns, { model: model.id, reasoning: thinking.on, effort: thinking.effort }), lastUserImages('messages', ctx.body));
  const text = tool.text ?? (tool.call ? `I'll use the ${tool.call.name} tool for this.` : reply.text);
  const out = budgetOutput({ reasoning: reply.reasoning, text }, input.maxTokens);
  const callJson = tool.call && !out.truncated ? JSON.stringify(tool.call.input) : undefined;
  const callPieces = callJson === undefined ? [] : (callJson.match(/.{1,16}/gs) ?? []);
  const stopReason = out.truncated ? 'max_tokens' : callJson !== undefined ? 'tool_use' : 'end_turn';

  const blocks: ContentBlock[] = [];
  if (out.reasoning.length) {
    const thought = out.reasoning.join('');
    blocks.push({ type: 'thinking', thinking: thought, signature: signThinking(thought), pieces: out.reasoning });
  }
  if (out.text.length) blocks.push({ type: 'text', text: out.text.join(''), pieces: out.text });
  if (tool.call && callJson !== undefined) blocks.push({ type: 'tool_use', ...tool.call, pieces: callPieces });
  const outputTokens = out.reasoning.length + out.text.length + (callJson === undefined ? 0 : splitTokens(callJson).length);

  const cache = cacheOf(ctx.state).account(`${workspace}\n${model.id}`, input.blocks, total);
  const echoed = model.id.replace(/^anthropic\./, ''); // Mantle echoes the model without its vendor prefix (§3.3)
  const id = messageId();
  const usage = (output: number): CacheUsage & Record<string, unknown> => ({ ...cache, output_tokens: output });

  if (ctx.body.stream !== true) {
    const content = blocks.map(({ pieces: _pieces, ...b }) => b);
    const body = {
      content, id, model: echoed, role: 'assistant', stop_details: null, stop_reason: stopReason, stop_sequence: null, type: 'message',
      usage: { ...usage(outputTokens), output_tokens_details: { thinking_tokens: out.reasoning.length }, service_tier: 'standard' },
    };
    await sendGenerated(ctx, body, outputTokens);
    return;
  }

  const frames: SseFrame[] = [];
  const emit = (type: string, payload: Record<string, unknown>, token?: SseFrame['token']): void => {
    frames.push({ event: type, data: JSON.stringify({ type, ...payload }), token });
  };
  emit('message_start', { message: { id, type: 'message', role: 'assistant', model: echoed, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage(1), service_tier: 'standard' } } });
  emit('ping', {});
  blocks.forEach((b, index) => {
    if (b.type === 'thinking') {
      emit('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
      for (const delta of b.pieces) emit('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: delta } }, { kind: 'reasoning', delta });
      emit('content_block_delta', { index, delta: { type: 'signature_delta', signature: b.signature } });
    } else if (b.type === 'text') {
      emit('content_block_start', { index, content_block: { type: 'text', text: '' } });
      for (const delta of b.pieces) emit('content_block_delta', { index, delta: { type: 'text_delta', text: delta } }, { kind: 'text', delta });
    } else {
      emit('content_block_start', { index, content_block: { type: 'tool_use', id: b.id, name: b.name, input: {} } });
      for (const partial of b.pieces) emit('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: partial } });
    }
    emit('content_block_stop', { index });
  });
  emit('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { ...usage(outputTokens), output_tokens_details: { thinking_tokens: out.reasoning.length } } });
  emit('message_stop', {});

  if (ctx.faults.modelTimeout) {
    // Overloaded mid-answer: the stream ends with an error event after half of the model's output (README).
    const tokens = frames.filter((f) => f.token).length;
    let seen = 0;
    const cut = frames.findIndex((f) => f.token && ++seen > Math.floor(tokens / 2));
    frames.splice(cut < 0 ? 2 : cut, frames.length, { event: 'error', data: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) });
  }
  startSse(ctx.res, {});
  await writeFrames(ctx.res, frames, pacing(ctx), ctx.serverClosed);
}
