// Streamed tool calls arrive in pieces: Chat Completions sends `delta.tool_calls[{index, id?, function:{name?,
// arguments?}}]` fragments keyed by index, Responses `function_call` items with argument deltas keyed by item id,
// Anthropic `tool_use` blocks with `input_json_delta` keyed by block index. The pieces are collected here and turned
// into complete ToolCalls when the stream says a call (or the answer) is finished. Arguments that are not a JSON object
// become a call with `error` set, never an exception: the caller reports it and the rest of the answer is kept.
import type { ToolCall } from '../mantle/types';

interface Pending { id: string; name: string; args: string; done: boolean }

export class ToolCallAssembly {
  private readonly pending = new Map<string | number, Pending>();
  private readonly order: (string | number)[] = [];

  /** A call opens (or more of its header arrives: Chat sends id and name in the first fragment, maybe later). */
  open(key: string | number, header: { id?: string; name?: string }): void {
    let p = this.pending.get(key);
    if (!p) {
      p = { id: '', name: '', args: '', done: false };
      this.pending.set(key, p);
      this.order.push(key);
    }
    if (header.id) p.id = header.id;
    if (header.name && !p.name) p.name = header.name;
  }

  append(key: string | number, fragment: string): void {
    if (!this.pending.has(key)) this.open(key, {});
    this.pending.get(key)!.args += fragment;
  }

  /** One call is complete; `finalArguments` (Responses' `.done` item) replaces what the deltas built. */
  close(key: string | number, finalArguments?: string): ToolCall | undefined {
    const p = this.pending.get(key);
    if (!p || p.done) return undefined;
    if (finalArguments !== undefined) p.args = finalArguments;
    p.done = true;
    return completeCall(p.id, p.name, p.args);
  }

  /** The answer ended: every call not closed yet, in the order they opened. */
  closeAll(): ToolCall[] {
    return this.order.map((k) => this.close(k)).filter((c): c is ToolCall => !!c);
  }

  get size(): number {
    return this.pending.size;
  }
}

/** Parses the arguments; empty arguments mean `{}` (a tool without parameters). */
export function completeCall(id: string, name: string, args: string): ToolCall {
  const call: ToolCall = { id, name, arguments: args };
  if (!name) return { ...call, error: 'The model sent a tool call without a tool name.' };
  if (!args.trim()) return { ...call, input: {} };
  try {
    const parsed: unknown = JSON.parse(args);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { ...call, input: parsed as Record<string, unknown> };
    return { ...call, error: `The arguments for ${name} are not a JSON object.` };
  } catch (e) {
    return { ...call, error: `The arguments for ${name} are not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
  }
}
