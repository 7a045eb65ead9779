// The scripted model's client-side tool use on Chat Completions and Responses (PROTOCOL-2026-12 §4; Anthropic Messages
// keeps its own script in routes/anthropicMessages.ts). Deterministic, from the request alone:
// - a tool the newest user message names is called (the existing rule: "use lookup", "call second_tool then
//   first_tool"), with a path argument when the message names a file;
// - a message asking about a file with a verb right before it ("read README.md", "what does src/x.ts export"; not
//   "explain this code from src/x.ts") calls the offered read-like tool with that path; naming two files calls it
//   twice in one answer (parallel calls) unless parallel_tool_calls is false;
// - `change "old" to "new" in src/x.ts` calls an offered tool taking `find` and `replace` (the chat's propose_edit);
// - tool_choice "none" calls nothing, "required" or a named function always calls one;
// - the word "malformed" in the message makes the first call's arguments invalid JSON (a test of the client);
// - once the newest input is tool output, the model answers from it (scriptedModel.ts).
// A model marked tool-less in models.ts refuses a request with tools (README: the wording is UNCERTAIN).
import { randomBytes } from 'node:crypto';
import { badRequest, type HttpError } from './http';
import type { Turn } from './scriptedModel';

export interface OfferedTool { name: string; properties: string[] }
export interface PlannedCall { name: string; arguments: string }
export type Choice = 'auto' | 'none' | 'required' | { name: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' ? (v as Obj) : undefined);

/** The function tools of a request: Chat nests them under `function`, Responses has them flat. */
export function offeredTools(raw: unknown, api: 'chat' | 'responses'): OfferedTool[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw badRequest("'tools' must be an array.", 'tools');
  return raw.map((t, i) => {
    const tool = obj(t);
    const fn = api === 'chat' ? obj(tool?.function) : tool;
    if (tool?.type !== 'function' || typeof fn?.name !== 'string' || !fn.name) {
      throw badRequest(api === 'chat' ? `tools[${i}] must be {type:'function', function:{name, parameters}}.` : `tools[${i}] must be {type:'function', name, parameters}.`, `tools[${i}]`);
    }
    const props = obj(obj(fn.parameters)?.properties);
    return { name: fn.name, properties: props ? Object.keys(props) : [] };
  });
}

export function toolChoiceOf(raw: unknown): Choice {
  if (raw === 'none' || raw === 'required') return raw;
  const o = obj(raw);
  const name = obj(o?.function)?.name ?? o?.name;
  return typeof name === 'string' ? { name } : 'auto';
}

/** §1.5 K's "Unsupported parameter" wording, for a model marked tool-less (UNCERTAIN: README). */
export function toolsRefused(): HttpError {
  return badRequest("Unsupported parameter: 'tools' is not supported with this model.", 'tools', 'unsupported_parameter');
}

const PATH_PARAM = /^(path|file|file_?path|filename|uri|target)$/i;
const FILE = /(?:^|[\s"'`(])((?:[\w@-]+\/)*[\w@-]+\.[A-Za-z][A-Za-z0-9]{0,5})(?=$|[\s"'`),:;?!]|\.(?:\s|$))/g;
/** A verb right before the file: "read README.md", "what does src/x.ts export", "show me the file a.py". */
const ASKS_ABOUT_FILE = /\b(?:read|open|show(?: me)?|look at|summari[sz]e|what does|what's in|what is in|contents of)\s+(?:the\s+)?(?:file\s+)?[\w@./-]+\.[A-Za-z]/i;

function filesIn(text: string): string[] {
  return [...text.matchAll(FILE)].map((m) => m[1]).filter((p) => !/^(e\.g|i\.e)$/i.test(p));
}

function argsFor(tool: OfferedTool, path: string | undefined): string {
  if (path === undefined) return '{}';
  const param = tool.properties.find((p) => PATH_PARAM.test(p)) ?? tool.properties[0];
  return param ? JSON.stringify({ [param]: path }) : '{}';
}

/** `change "old" to "new" in src/x.ts`: an edit request for a tool taking find/replace (the chat's propose_edit). */
const CHANGE = /\b(?:change|replace)\s+"([^"]+)"\s+(?:to|with|by)\s+"([^"]*)"\s+in\s+([\w@./-]+\.[A-Za-z][A-Za-z0-9]{0,5})/i;

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The calls the model makes for this conversation (empty: it answers in text). */
export function planCalls(tools: readonly OfferedTool[], turns: readonly Turn[], opts: { choice: Choice; parallel: boolean }): PlannedCall[] {
  const last = turns.at(-1);
  if (!tools.length || last?.role !== 'user' || opts.choice === 'none') return [];
  const forced = typeof opts.choice === 'object' ? opts.choice.name : undefined;
  const allowed = forced ? tools.filter((t) => t.name === forced) : tools;
  const prompt = last.text;
  const files = filesIn(prompt);

  let calls: PlannedCall[] = allowed
    .map((t) => ({ t, at: prompt.search(new RegExp(`\\b${escape(t.name)}\\b`)) }))
    .filter((n) => n.at >= 0)
    .sort((a, b) => a.at - b.at)
    .map(({ t }) => ({ name: t.name, arguments: argsFor(t, files[0]) }));
  const change = CHANGE.exec(prompt);
  const editor = change ? allowed.find((t) => t.properties.includes('find') && t.properties.includes('replace')) : undefined;
  if (!calls.length && change && editor) {
    const param = editor.properties.find((p) => PATH_PARAM.test(p)) ?? 'path';
    calls = [{ name: editor.name, arguments: JSON.stringify({ [param]: change[3], find: change[1], replace: change[2] }) }];
  }
  if (!calls.length && files.length && ASKS_ABOUT_FILE.test(prompt)) {
    const reader = allowed.find((t) => /read|file|open/i.test(t.name)) ?? allowed.find((t) => t.properties.some((p) => PATH_PARAM.test(p)));
    if (reader) calls = files.map((f) => ({ name: reader.name, arguments: argsFor(reader, f) }));
  }
  if (!calls.length && (forced || opts.choice === 'required') && allowed[0]) calls = [{ name: allowed[0].name, arguments: argsFor(allowed[0], files[0]) }];
  if (!opts.parallel) calls = calls.slice(0, 1);
  if (calls.length && /\bmalformed\b/i.test(prompt)) calls[0] = { ...calls[0], arguments: calls[0].arguments.slice(0, -1) || '{' };
  return calls;
}

/** Arguments streamed in small fragments (a client must join them before parsing). */
export function argumentFragments(args: string): string[] {
  return args.match(/.{1,8}/gs) ?? [''];
}

/**
 * Chat call ids: Kimi's `functions.NAME:N` (addendum §4.1), otherwise OpenAI's `call_` + 24 random characters (the
 * form is UNCERTAIN on Mantle: README).
 */
export function chatCallId(model: string, name: string, index: number): string {
  if (model.startsWith('moonshotai.')) return `functions.${name}:${index}`;
  return `call_${randomBytes(12).toString('hex')}`;
}
