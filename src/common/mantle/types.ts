// The contract between the features (tree, chat, editor commands, language-model provider, compare) and the clients
// (src/node/mantleClient.ts for Chat Completions and Responses, src/node/anthropicMessagesClient.ts for Messages).
// Pure types: no 'vscode', no Node-only imports.
import type { ContentPart } from '../attachments/render';

/** chat = Chat Completions, responses = Responses, messages = Anthropic Messages (Claude). */
export type ApiKind = 'responses' | 'chat' | 'messages';
/** Route family on the endpoint; every model answers on exactly one (see common/models/router.ts). */
export type RoutePrefix = '/v1' | '/openai/v1' | '/anthropic/v1';
/** Where one request goes: the path prefix and the API under it. */
export interface Route {
  prefix: RoutePrefix;
  api: ApiKind;
}
/** GPT-5.x take none…xhigh (5.6 also max), gpt-oss low…high (PROTOCOL-2026-12 §4.2); see common/chat/modelOptions.ts. */
export type ReasoningEffort = 'none' | 'low' | 'medium' | 'high' | 'xhigh' | 'max';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
  /** Messages only: an assistant turn's thinking blocks with their signatures, sent back on later turns. */
  thinking?: ThinkingBlock[];
  /** Assistant only: the tools this turn called (after its text). See common/tools/toolWire.ts for each API's shape. */
  toolCalls?: ToolCall[];
  /** User only: what the tools called by the assistant turn before said (sent before this message's text). */
  toolResults?: ToolResult[];
  /** User messages: attached files and images, sent as content parts before `content` (attachments/render.ts). */
  parts?: ContentPart[];
}

/** A function tool offered to the model; `parameters` is a JSON schema object. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** auto = the model decides, required = it must call some tool, none = it must not, {name} = it must call that one. */
export type ToolChoice = 'auto' | 'required' | 'none' | { name: string };

/** One complete tool call as the model made it. `input` is the parsed arguments (absent when they were not JSON). */
export interface ToolCall {
  /** The call id to send back with the result (Chat: call_…/functions.NAME:N, Responses: call_<n>, Messages: toolu_…). */
  id: string;
  name: string;
  /** The arguments exactly as streamed. */
  arguments: string;
  input?: Record<string, unknown>;
  /** Why the arguments could not be used (not JSON, not an object); the call is still reported so nothing is lost. */
  error?: string;
}

export interface ToolResult {
  callId: string;
  /** The tool's output as text (the only form every API takes). */
  content: string;
  isError?: boolean;
}

/** A Claude thinking block as the server signed it; the signature lets a later turn send the thinking back. */
export interface ThinkingBlock {
  thinking: string;
  signature: string;
}

export interface LiveModel {
  id: string;
  ownedBy?: string;
  created?: number;
  /** Mantle's `status:"unavailable"` (e.g. blocked by the data-retention mode), with its `status_reason`. */
  unavailable?: string;
}

export interface TurnRequest {
  model: string;
  api: ApiKind;
  /**
   * The path prefix and API the router chose (its api equals `api`). Absent: the client's default family, /v1. The turn
   * engine always sets it; a client for another API reads it the same way.
   */
  route?: Route;
  /**
   * The conversation to send. For a chained Responses turn this is only the new user message; for Chat Completions
   * (or a Responses turn rebuilding lost server state) it is the whole history ending with the new user message.
   */
  messages: ChatMessage[];
  /** Responses only: chain onto this stored response; the server rebuilds the earlier turns. */
  previousResponseId?: string;
  instructions?: string;
  /** Responses only: keep the response on the server (Mantle's default is true). */
  store?: boolean;
  reasoningEffort?: ReasoningEffort;
  maxOutputTokens?: number;
  /** Responses only: run asynchronously; the result is polled with getResponse(). */
  background?: boolean;
  /** Function tools the model may call; absent or empty = no tools sent. */
  tools?: ToolDefinition[];
  /** Only with tools; absent = the API's default (auto). */
  toolChoice?: ToolChoice;
}

/** What arrives while a turn streams. Deltas are appended in order; `started` carries the server id early. */
export type TurnEvent =
  | { kind: 'started'; responseId?: string }
  | { kind: 'reasoning'; delta: string }
  | { kind: 'text'; delta: string }
  /** A complete tool call, once its arguments finished streaming (malformed arguments: `call.error` is set). */
  | { kind: 'toolCall'; call: ToolCall };

export interface TurnUsage {
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  /** Input tokens read from the prompt cache (part of inputTokens). */
  cachedTokens: number;
  /** Messages only: input tokens written to the prompt cache by this turn (part of inputTokens). */
  cacheWriteTokens?: number;
}

export interface TurnResult {
  /** Responses id (resp_…), chat completion id (chatcmpl-…) or Messages id (msg_…). */
  id?: string;
  api: ApiKind;
  text: string;
  reasoning: string;
  usage?: TurnUsage;
  /** 'stop' | 'length' | 'completed' | 'incomplete' | … as the server said. */
  finishReason?: string;
  /** Status of a background response when it was created (queued / in_progress). */
  status?: string;
  timeToFirstTokenMs?: number;
  totalMs: number;
  /** Messages only: the answer's thinking blocks, to keep on the assistant turn (ChatMessage.thinking). */
  thinking?: ThinkingBlock[];
  /** The tools the model called, in order (the answer then waits for their results). */
  toolCalls?: ToolCall[];
}

export interface MantleApi {
  listModels(signal?: AbortSignal): Promise<LiveModel[]>;
  /** Streams one turn. Rejects with a MantleError (common/mantle/errors.ts); an abort rejects with kind 'cancelled'. */
  streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult>;
  // Background turns (chat). Optional so that features needing only streaming can pass a smaller MantleApi.
  /** GET /v1/responses/{id}: a stored response as it stands (polls a background turn; `status` says if it is done). */
  getResponse?(id: string, signal?: AbortSignal, prefix?: RoutePrefix): Promise<TurnResult>;
  /** POST /v1/responses/{id}/cancel: stops a background response that is still queued or in progress. */
  cancelResponse?(id: string, signal?: AbortSignal, prefix?: RoutePrefix): Promise<void>;
}
