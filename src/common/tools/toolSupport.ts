// Which models take tools, learned from the server: a 400 that refuses the `tools` parameter marks the model as
// tool-less for this session. A request that offered tools only as a possibility (tool choice auto/none) is then
// asked again without them, and later requests to that model leave them out from the start; a request that required a
// tool fails with a clear message instead, since an answer without the tool is not what the caller asked for.
import { isMantleError, MantleError } from '../mantle/errors';
import type { TurnStreamer } from '../mantle/turnEngine';
import type { TurnEvent, TurnRequest, TurnResult } from '../mantle/types';

/** Mantle phrases a refused parameter "Unsupported parameter: 'tools' is not supported with this model." (§1.5 K). */
export function refusesTools(e: unknown): boolean {
  if (!isMantleError(e) || (e.kind !== 'badRequest' && e.status !== 400)) return false;
  return /\btool(s|_choice)?\b[^.]*\b(not supported|unsupported)\b|\bunsupported parameter\b[^.]*\btools?\b|\bdoes not support tools\b/i.test(e.message);
}

export function toolsRequired(req: TurnRequest): boolean {
  return req.toolChoice === 'required' || typeof req.toolChoice === 'object';
}

export function toollessMessage(model: string): string {
  return `${model} does not accept tools on Bedrock Mantle, and this request requires one. Pick a model that can call tools.`;
}

export class ToolSupport {
  private readonly toolless = new Set<string>();

  isToolless(model: string): boolean {
    return this.toolless.has(model);
  }

  learnToolless(model: string): void {
    this.toolless.add(model);
  }

  /** Forget what was learned (a new connection may serve other models). */
  reset(): void {
    this.toolless.clear();
  }
}

function withoutTools(req: TurnRequest): TurnRequest {
  const { tools: _tools, toolChoice: _choice, ...rest } = req;
  return rest;
}

/**
 * A client that applies what ToolSupport knows: requests to a tool-less model lose their tools (or fail, when a tool
 * was required), and a refusal of tools teaches it and is retried once without them.
 */
export function withToolLearning(client: TurnStreamer, support: ToolSupport, log?: (message: string) => void): TurnStreamer {
  return {
    async streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
      if (!req.tools?.length) return client.streamTurn(req, onEvent, signal);
      if (support.isToolless(req.model)) {
        if (toolsRequired(req)) throw new MantleError({ kind: 'badRequest', message: toollessMessage(req.model), actions: ['showLogs'] });
        return client.streamTurn(withoutTools(req), onEvent, signal);
      }
      try {
        return await client.streamTurn(req, onEvent, signal);
      } catch (e) {
        if (!refusesTools(e)) throw e;
        support.learnToolless(req.model);
        log?.(`${req.model} refused tools: remembered as tool-less${toolsRequired(req) ? '' : '; asking again without them'}`);
        if (toolsRequired(req)) throw new MantleError({ kind: 'badRequest', message: toollessMessage(req.model), actions: ['showLogs'] });
        return client.streamTurn(withoutTools(req), onEvent, signal);
      }
    },
  };
}
