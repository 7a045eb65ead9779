// Reading an Anthropic Messages request as Mantle checks it: the anthropic-version header (or the Bedrock body field),
// the workspace header, system and messages as content blocks (text, thinking with its signature, tool_use,
// tool_result), cache_control breakpoints and max_tokens. Refusals use the Anthropic field-path wording
// (`messages.0.role: …`) and become the Anthropic error envelope (http.ts).
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http';
import { countTokens } from '../tokens';
import { validSignature } from './signatures';

export function anthropicBadRequest(message: string): HttpError {
  return new HttpError(400, { code: 'invalid_request_error', type: 'invalid_request_error', message });
}

/** One content block, flattened to what the emulator needs: its text (for the scripted model and token counts). */
export interface Block {
  type: 'text' | 'thinking' | 'tool_use' | 'tool_result' | 'image' | 'document';
  text: string;
  role: 'system' | 'user' | 'assistant';
  /** A cache breakpoint ends the cached prefix here; ttl '1h' or the default '5m'. */
  cacheTtl?: '5m' | '1h';
  /** tool_use: its id and name; tool_result: the tool_use_id it answers. */
  toolId?: string;
  toolName?: string;
  /** Only the newest assistant turn's thinking counts as input; earlier thinking is stripped (Anthropic docs). */
  tokens: number;
}

export interface MessagesInput {
  /** system blocks first, then every message's blocks in order. */
  blocks: Block[];
  maxTokens?: number;
  tools: { name: string; properties: Record<string, { type?: unknown }> }[];
}

/**
 * `anthropic-version: 2023-06-01` is documented; `bedrock-2023-05-31` and any other date were seen accepted
 * (addendum §3.1, §3.5). A missing header is UNCERTAIN and accepted here, as 2023-06-01 (README).
 */
export function checkVersion(req: IncomingMessage, body: Record<string, unknown>): void {
  const header = req.headers['anthropic-version'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && !/^(bedrock-)?\d{4}-\d{2}-\d{2}$/.test(value)) throw anthropicBadRequest(`anthropic-version: invalid version '${value.slice(0, 40)}'`);
  const field = body.anthropic_version;
  if (field !== undefined && field !== 'bedrock-2023-05-31') throw anthropicBadRequest(`anthropic_version: invalid version '${String(field).slice(0, 40)}'`);
}

/** The Projects/Workspaces id of `anthropic-workspace` (§5); it scopes the prompt cache. Format check: UNCERTAIN. */
export function workspaceOf(req: IncomingMessage): string {
  const header = req.headers['anthropic-workspace'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined) return 'default';
  if (!/^(default|proj_[A-Za-z0-9]+)$/.test(value)) throw anthropicBadRequest(`anthropic-workspace: '${value.slice(0, 40)}' is not a valid workspace id`);
  return value;
}

function cacheTtl(block: Record<string, unknown>, at: string): Block['cacheTtl'] {
  const cc = block.cache_control;
  if (cc === undefined || cc === null) return undefined;
  const c = cc as Record<string, unknown>;
  if (typeof cc !== 'object' || c.type !== 'ephemeral') throw anthropicBadRequest(`${at}.cache_control.type: Input should be 'ephemeral'`);
  if (c.ttl !== undefined && c.ttl !== '5m' && c.ttl !== '1h') throw anthropicBadRequest(`${at}.cache_control.ttl: Input should be '5m' or '1h'`);
  return (c.ttl as Block['cacheTtl']) ?? '5m';
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((c: unknown) => (c && typeof c === 'object' && typeof (c as { text?: unknown }).text === 'string' ? (c as { text: string }).text : '')).join('');
}

function parseBlock(raw: unknown, role: Block['role'], at: string): Block {
  if (typeof raw !== 'object' || raw === null) throw anthropicBadRequest(`${at}: Input should be a valid dictionary`);
  const b = raw as Record<string, unknown>;
  const ttl = cacheTtl(b, at);
  const block = (type: Block['type'], text: string, extra: Partial<Block> = {}): Block => ({ type, text, role, tokens: countTokens(text) + 2, ...(ttl ? { cacheTtl: ttl } : {}), ...extra });
  switch (b.type) {
    case 'text':
      if (typeof b.text !== 'string') throw anthropicBadRequest(`${at}.text: Field required`);
      return block('text', b.text);
    case 'thinking':
      if (role !== 'assistant') throw anthropicBadRequest(`${at}: thinking blocks are only allowed in assistant messages`);
      if (typeof b.thinking !== 'string' || typeof b.signature !== 'string' || !validSignature(b.thinking, b.signature)) {
        throw anthropicBadRequest(`${at}: Invalid \`signature\` in \`thinking\` block`);
      }
      return block('thinking', b.thinking);
    case 'tool_use':
      if (typeof b.id !== 'string' || typeof b.name !== 'string') throw anthropicBadRequest(`${at}.id: Field required`);
      return block('tool_use', JSON.stringify(b.input ?? {}), { toolId: b.id, toolName: b.name });
    case 'tool_result':
      if (typeof b.tool_use_id !== 'string') throw anthropicBadRequest(`${at}.tool_use_id: Field required`);
      return block('tool_result', resultText(b.content), { toolId: b.tool_use_id });
    case 'image':
    case 'document':
      return block(b.type, '');
    default:
      throw anthropicBadRequest(`${at}.type: Input tag '${String(b.type)}' found using 'type' does not match any of the expected tags: 'text', 'image', 'document', 'thinking', 'tool_use', 'tool_result'`);
  }
}

function parseContent(content: unknown, role: Block['role'], at: string): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content, role, tokens: countTokens(content) + 2 }];
  if (!Array.isArray(content)) throw anthropicBadRequest(`${at}: Input should be a valid string or list`);
  return content.map((b, j) => parseBlock(b, role, `${at}.${j}`));
}

/** The whole request as blocks; `forCount` is count_tokens, which takes no max_tokens (§3.2). */
export function parseMessagesInput(body: Record<string, unknown>, forCount: boolean): MessagesInput {
  const messages = body.messages;
  if (messages === undefined) throw anthropicBadRequest('messages: Field required');
  if (!Array.isArray(messages) || messages.length === 0) throw anthropicBadRequest('messages: List should have at least 1 item after validation, not 0');
  const blocks: Block[] = [];
  if (body.system !== undefined) blocks.push(...parseContent(body.system, 'system', 'system'));
  let lastAssistantStart = -1;
  messages.forEach((m: unknown, i) => {
    const msg = (m ?? {}) as { role?: unknown; content?: unknown };
    if (msg.role !== 'user' && msg.role !== 'assistant') throw anthropicBadRequest(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    if (msg.role === 'assistant') lastAssistantStart = blocks.length;
    blocks.push(...parseContent(msg.content, msg.role, `messages.${i}.content`));
  });
  // Thinking from turns before the newest assistant turn is stripped from the context and not counted.
  blocks.forEach((b, i) => { if (b.type === 'thinking' && i < lastAssistantStart) b.tokens = 0; });
  const breakpoints = blocks.filter((b) => b.cacheTtl).length;
  if (breakpoints > 4) throw anthropicBadRequest(`A maximum of 4 blocks with cache_control may be provided. Found ${breakpoints}.`);

  let maxTokens: number | undefined;
  if (forCount) {
    for (const key of ['max_tokens', 'stream'] as const) if (body[key] !== undefined) throw anthropicBadRequest(`${key}: Extra inputs are not permitted`);
  } else {
    const value = body.max_tokens;
    if (value === undefined) throw anthropicBadRequest('max_tokens: Field required');
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw anthropicBadRequest('max_tokens: Input should be greater than or equal to 1');
    maxTokens = value;
  }
  const tools = Array.isArray(body.tools) ? body.tools.map((t: unknown, i) => {
    const tool = (t ?? {}) as { name?: unknown; input_schema?: { properties?: unknown }; strict?: unknown };
    if (typeof tool.name !== 'string') throw anthropicBadRequest(`tools.${i}.custom.name: Field required`);
    if (forCount && tool.strict !== undefined) throw anthropicBadRequest(`tools.${i}.custom.strict: Extra inputs are not permitted`);
    const props = tool.input_schema?.properties;
    return { name: tool.name, properties: (props && typeof props === 'object' ? props : {}) as Record<string, { type?: unknown }> };
  }) : [];
  return { blocks, maxTokens, tools };
}

/** Input tokens of the whole prompt: its blocks plus the frame that primes the assistant turn. */
export function inputTokens(blocks: readonly Block[]): number {
  return blocks.reduce((sum, b) => sum + b.tokens, 0) + 3;
}
