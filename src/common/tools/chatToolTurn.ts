// One chat turn with the workspace tools: the tool loop (toolLoop.ts) run for the chat's turn runner, reported in the
// turn engine's outcome shape so the runner records it like any other turn. Each call is added to the turn as it
// completes (the transcript shows it), and the streamed text of every step is the answer.
import type { TurnEngine, TurnOutcome } from '../mantle/turnEngine';
import type { ApiKind, TurnEvent, TurnRequest, TurnUsage } from '../mantle/types';
import { TOOLS_INSTRUCTIONS, toolUseOf, type ChatToolset, type ToolUse } from './chatTools';
import { runToolLoop } from './toolLoop';

export interface ChatToolTurnSpec {
  engine: TurnEngine;
  toolset: ChatToolset;
  model: string;
  build(api: ApiKind): TurnRequest;
  signal?: AbortSignal;
  onEvent(e: TurnEvent): void;
  onToolUse(uses: ToolUse[]): void;
}

export function totalUsage(steps: readonly (TurnUsage | undefined)[]): TurnUsage | undefined {
  const known = steps.filter((u): u is TurnUsage => !!u);
  if (!known.length) return undefined;
  const sum = (k: keyof TurnUsage) => known.reduce((n, u) => n + (u[k] ?? 0), 0);
  const written = known.some((u) => u.cacheWriteTokens !== undefined);
  return { inputTokens: sum('inputTokens'), outputTokens: sum('outputTokens'), reasoningTokens: sum('reasoningTokens'), cachedTokens: sum('cachedTokens'), ...(written ? { cacheWriteTokens: sum('cacheWriteTokens') } : {}) };
}

export function maxStepsNotice(steps: number): string {
  return `Stopped after ${steps} tool step${steps === 1 ? '' : 's'} (setting bedrockMantle.chat.tools.maxSteps); the model had more calls to make.`;
}

export async function runChatToolTurn(spec: ChatToolTurnSpec): Promise<{ outcome: TurnOutcome; notice?: string }> {
  const uses: ToolUse[] = [];
  let text = '';
  let reasoning = '';
  const stepOf = { text: 0, reasoning: 0 };
  const loop = await runToolLoop({
    engine: spec.engine,
    model: spec.model,
    tools: spec.toolset.definitions,
    maxSteps: Math.max(1, spec.toolset.maxSteps()),
    signal: spec.signal,
    build: (api) => {
      const req = spec.build(api);
      return { ...req, instructions: [TOOLS_INSTRUCTIONS, req.instructions].filter(Boolean).join('\n\n') };
    },
    execute: (call, signal) => spec.toolset.execute(call, signal),
    onEvent: (e, step) => {
      // Each step's text and reasoning start on a paragraph of their own.
      const part = e.kind === 'text' ? text : e.kind === 'reasoning' ? reasoning : undefined;
      const event = part && step !== stepOf[e.kind as 'text' | 'reasoning'] && (e.kind === 'text' || e.kind === 'reasoning') ? { ...e, delta: `\n\n${e.delta}` } : e;
      if (event.kind === 'text') { text += event.delta; stepOf.text = step; }
      else if (event.kind === 'reasoning') { reasoning += event.delta; stepOf.reasoning = step; }
      spec.onEvent(event);
    },
    onToolResult: (call, result) => {
      uses.push(toolUseOf(call, result));
      spec.onToolUse([...uses]);
    },
  });
  const api = loop.api ?? 'chat';
  const route = { prefix: '/v1' as const, api };
  if (loop.stoppedBy === 'cancelled') {
    return { outcome: { ok: false, error: { kind: 'cancelled', message: 'Stopped.', actions: [] }, cause: undefined, api, fellBack: false } };
  }
  if (loop.error || !loop.last) {
    return { outcome: { ok: false, error: loop.error ?? { kind: 'unknown', message: 'The model did not answer.', actions: ['showLogs'] }, cause: undefined, api, fellBack: false } };
  }
  return {
    // The turn shows what every step said, thought and cost.
    outcome: { ok: true, result: { ...loop.last, text, reasoning, usage: totalUsage(loop.steps.map((s) => s.usage)) }, api, route, fellBack: false },
    ...(loop.stoppedBy === 'maxSteps' ? { notice: maxStepsNotice(loop.steps.length) } : {}),
  };
}
