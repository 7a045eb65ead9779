// Tool definitions, tool choice and tool turns in each API's own shape (PROTOCOL-2026-12 §4), built without I/O:
// - Chat Completions: `tools:[{type:'function',function:{…}}]`, the assistant message carries `tool_calls`, each
//   result is its own `{role:'tool', tool_call_id, content}` message;
// - Responses: flat function tools, `function_call` items replayed and `function_call_output` items for results (on a
//   chained turn only the outputs are sent: the server still holds the calls);
// - Anthropic Messages: `input_schema` tools, `tool_use` blocks in the assistant turn, `tool_result` blocks first in
//   the next user turn.
// A turn's results sit on the user message that follows the calls (ChatMessage.toolResults), as VS Code and Anthropic
// model it; each API is given the shape it wants from there.
import { chatContent, responsesContent } from '../attachments/render';
import type { ChatMessage, ToolCall, ToolChoice, ToolDefinition, ToolResult } from '../mantle/types';

type Json = Record<string, unknown>;

/**
 * Open-weight tool templates answer with an empty generation when a schema contains `propertyNames` (addendum §4.1),
 * so it is removed everywhere in the schema; the rest is passed through untouched.
 */
export function sanitizeSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(sanitizeSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema as Json)) if (k !== 'propertyNames') out[k] = sanitizeSchema(v);
  return out;
}

/** A tool without a schema takes no arguments; every API wants an object schema. */
function parametersOf(t: ToolDefinition): Json {
  return (t.parameters ? sanitizeSchema(t.parameters) : { type: 'object', properties: {} }) as Json;
}

// ---- Chat Completions ----

export function chatTools(tools: readonly ToolDefinition[]): Json[] {
  return tools.map((t) => ({ type: 'function', function: { name: t.name, ...(t.description ? { description: t.description } : {}), parameters: parametersOf(t) } }));
}

export function chatToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

/** The whole conversation as Chat Completions messages (instructions become the first system message). */
export function chatMessages(messages: readonly ChatMessage[], instructions?: string): Json[] {
  const out: Json[] = instructions ? [{ role: 'system', content: instructions }] : [];
  for (const m of messages) {
    for (const r of m.toolResults ?? []) out.push({ role: 'tool', tool_call_id: r.callId, content: resultText(r) });
    if (m.role === 'assistant' && m.toolCalls?.length) {
      out.push({
        role: 'assistant',
        // OpenAI's convention for a turn that only calls tools (addendum §4.1: message.content:null).
        content: m.content || null,
        tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
      });
    } else if (m.content || m.parts?.length || !m.toolResults?.length) {
      // A user message's attachments go first as content parts (common/attachments/render.ts).
      out.push({ role: m.role, content: m.role === 'user' && m.parts?.length ? chatContent(m.content, m.parts) : m.content });
    }
  }
  return out;
}

// ---- Responses ----

export function responsesTools(tools: readonly ToolDefinition[]): Json[] {
  return tools.map((t) => ({ type: 'function', name: t.name, ...(t.description ? { description: t.description } : {}), parameters: parametersOf(t), strict: false }));
}

export function responsesToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.name };
}

/**
 * Input items for the messages given: results as function_call_output items, an assistant turn's calls replayed as
 * function_call items after its text. On a chained turn the caller passes only the new messages, so a tool step is
 * nothing but its outputs.
 */
export function responsesInput(messages: readonly ChatMessage[]): Json[] {
  const out: Json[] = [];
  for (const m of messages) {
    for (const r of m.toolResults ?? []) out.push({ type: 'function_call_output', call_id: r.callId, output: resultText(r) });
    if (m.role === 'user' && m.parts?.length) out.push({ role: m.role, content: responsesContent(m.content, m.parts) });
    else if (m.content || (!m.toolResults?.length && !m.toolCalls?.length)) out.push({ role: m.role, content: m.content });
    for (const c of m.role === 'assistant' ? m.toolCalls ?? [] : []) out.push({ type: 'function_call', call_id: c.id, name: c.name, arguments: c.arguments });
  }
  return out;
}

// ---- Anthropic Messages ----

export function messagesTools(tools: readonly ToolDefinition[]): Json[] {
  return tools.map((t) => ({ name: t.name, ...(t.description ? { description: t.description } : {}), input_schema: parametersOf(t) }));
}

export function messagesToolChoice(choice: ToolChoice): Json {
  if (typeof choice !== 'string') return { type: 'tool', name: choice.name };
  return { type: choice === 'required' ? 'any' : choice };
}

/** tool_result blocks: they must come first in the user turn that follows the tool_use blocks. */
export function toolResultBlocks(results: readonly ToolResult[]): Json[] {
  return results.map((r) => ({ type: 'tool_result', tool_use_id: r.callId, content: r.content, ...(r.isError ? { is_error: true } : {}) }));
}

export function toolUseBlocks(calls: readonly ToolCall[]): Json[] {
  return calls.map((c) => ({ type: 'tool_use', id: c.id, name: c.name, input: c.input ?? {} }));
}

/** The OpenAI APIs have no error flag on a result: an error is said in the text. */
function resultText(r: ToolResult): string {
  return r.isError ? `Error: ${r.content}` : r.content;
}
