// VS Code's tool request options as the turn contract's tools. Pure and duck-typed (no 'vscode' here):
// LanguageModelChatTool is {name, description, inputSchema?}; LanguageModelChatToolMode is 1 Auto, 2 Required.
import type { ToolCall, ToolChoice, ToolDefinition } from '../mantle/types';

export const LM_TOOL_MODE = { auto: 1, required: 2 } as const;

export interface LmToolLike {
  readonly name: string;
  readonly description: string;
  readonly inputSchema?: object | undefined;
}

export function toToolDefinitions(tools: readonly LmToolLike[] | undefined): ToolDefinition[] {
  return (tools ?? []).map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    ...(t.inputSchema ? { parameters: t.inputSchema as Record<string, unknown> } : {}),
  }));
}

/** Required mode is honoured: the model must call one of the tools (a model that cannot is refused, toolSupport.ts). */
export function toolChoiceFor(toolMode: number | undefined, tools: readonly ToolDefinition[]): ToolChoice | undefined {
  if (!tools.length) return undefined;
  return toolMode === LM_TOOL_MODE.required ? 'required' : undefined;
}

/**
 * What to tell the caller about a call whose arguments could not be read: VS Code has no error part, so it is said in
 * text after whatever the model wrote, and the call is not passed on (a tool invoked with invented input could act).
 */
export function malformedCallText(call: ToolCall): string {
  return `\n\n[Bedrock Mantle: the model called the tool "${call.name}" with arguments that could not be used, so the call was not passed on. ${call.error ?? ''}]`;
}
