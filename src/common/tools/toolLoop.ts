// A tool loop: ask the model with tools, run the calls it makes, give it the results, until it answers in text, the
// step limit is reached or the person stops it. What was said and done so far is kept in every case.
// On a stored Responses turn each step chains with previous_response_id and sends only the function_call_output items
// (the server still holds the conversation and the calls); on Chat Completions, Messages or an unstored Responses turn
// the whole history, with the assistant's calls and the results, is sent again. Once the first step picked an API the
// loop stays on it, since a chain cannot move to another API.
import { toTurnError, type TurnError } from '../mantle/errors';
import { executeTurn, PREFER_RESPONSES, type TurnEngine } from '../mantle/turnEngine';
import type { ApiKind, ChatMessage, ToolCall, ToolDefinition, ToolResult, TurnEvent, TurnRequest, TurnResult, TurnUsage } from '../mantle/types';

export interface ToolStep {
  /** The text the model wrote in this step (before or instead of its calls). */
  text: string;
  calls: { call: ToolCall; result: ToolResult }[];
  responseId?: string;
  usage?: TurnUsage;
}

export interface ToolLoopSpec {
  engine: TurnEngine;
  model: string;
  /** The first request for `api`: the conversation ending with the person's message (tools are added here). */
  build(api: ApiKind): TurnRequest;
  tools: readonly ToolDefinition[];
  /** Runs one call. Never rejects for a tool failure: the failure is a result with isError. */
  execute(call: ToolCall, signal?: AbortSignal): Promise<Omit<ToolResult, 'callId'>>;
  /** Requests at most; a model still calling tools after the last one is stopped with `stoppedBy: 'maxSteps'`. */
  maxSteps: number;
  accept?: readonly ApiKind[];
  signal?: AbortSignal;
  onEvent?(e: TurnEvent, step: number): void;
  onToolResult?(call: ToolCall, result: ToolResult, step: number): void;
}

export interface ToolLoopOutcome {
  steps: ToolStep[];
  /** The final answer's text (the last step's text). */
  text: string;
  api?: ApiKind;
  /** The last response, for usage and for chaining the next person's turn. */
  last?: TurnResult;
  stoppedBy?: 'maxSteps' | 'cancelled';
  error?: TurnError;
}

/** What a malformed call gets back: the model learns its arguments were unusable and can try again. */
function malformedResult(call: ToolCall): Omit<ToolResult, 'callId'> {
  return { content: call.error ?? 'The arguments could not be read.', isError: true };
}

export async function runToolLoop(spec: ToolLoopSpec): Promise<ToolLoopOutcome> {
  const steps: ToolStep[] = [];
  let api: ApiKind | undefined;
  let next: (api: ApiKind) => TurnRequest = (a) => ({ ...spec.build(a), tools: [...spec.tools] });
  let last: TurnResult | undefined;
  for (let step = 0; ; step++) {
    if (spec.signal?.aborted) return { steps, text: steps.at(-1)?.text ?? '', api, last, stoppedBy: 'cancelled' };
    let sent: TurnRequest | undefined;
    const build = next;
    const outcome = await executeTurn(spec.engine, {
      model: spec.model,
      accept: api ? [api] : spec.accept ?? PREFER_RESPONSES,
      signal: spec.signal,
      build: (a) => (sent = build(a)),
      onEvent: (e) => spec.onEvent?.(e, step),
    });
    if (!outcome.ok) {
      const cancelled = outcome.error.kind === 'cancelled' || spec.signal?.aborted;
      return { steps, text: steps.at(-1)?.text ?? '', api: api ?? outcome.api, last, ...(cancelled ? { stoppedBy: 'cancelled' as const } : { error: outcome.error }) };
    }
    api = outcome.api;
    last = outcome.result;
    const calls = outcome.result.toolCalls ?? [];
    const current: ToolStep = {
      text: outcome.result.text, calls: [], responseId: outcome.result.id,
      ...(outcome.result.usage ? { usage: outcome.result.usage } : {}),
    };
    steps.push(current);
    if (!calls.length) return { steps, text: current.text, api, last };
    if (step + 1 >= spec.maxSteps) return { steps, text: current.text, api, last, stoppedBy: 'maxSteps' };

    for (const call of calls) {
      if (spec.signal?.aborted) return { steps, text: current.text, api, last, stoppedBy: 'cancelled' };
      let result: ToolResult;
      try {
        result = { callId: call.id, ...(call.input ? await spec.execute(call, spec.signal) : malformedResult(call)) };
      } catch (e) {
        result = { callId: call.id, content: toTurnError(e, spec.signal).message, isError: true };
      }
      current.calls.push({ call, result });
      spec.onToolResult?.(call, result, step);
    }
    const results: ChatMessage = { role: 'user', content: '', toolResults: current.calls.map((c) => c.result) };
    const prev = sent!;
    const chained = outcome.api === 'responses' && prev.store !== false && !!outcome.result.id;
    next = chained
      ? () => ({ ...prev, previousResponseId: outcome.result.id, messages: [results] })
      : () => ({ ...prev, messages: [...prev.messages, { role: 'assistant', content: outcome.result.text, toolCalls: calls, ...(outcome.result.thinking ? { thinking: outcome.result.thinking } : {}) }, results] });
  }
}
