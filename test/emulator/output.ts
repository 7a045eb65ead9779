// Turning a scripted reply into what the server sends: token pieces, the max-tokens budget (which, as on OpenAI,
// includes reasoning tokens), and usage numbers that always match what was streamed.
import type { Effort, Reply, Turn } from './scriptedModel';
import { countTokens, splitTokens } from './tokens';
import { badRequest } from './http';

export interface BudgetedOutput {
  reasoning: string[];
  text: string[];
  /** The budget ran out before the answer was complete. */
  truncated: boolean;
}

export function budgetOutput(reply: Reply, maxTokens: number | undefined): BudgetedOutput {
  const reasoning = splitTokens(reply.reasoning);
  const text = splitTokens(reply.text);
  if (maxTokens === undefined || reasoning.length + text.length <= maxTokens) return { reasoning, text, truncated: false };
  const r = reasoning.slice(0, maxTokens);
  return { reasoning: r, text: text.slice(0, maxTokens - r.length), truncated: true };
}

/** Roughly how chat templates count: content plus a few tokens of per-message framing. */
export function promptTokens(turns: Turn[]): number {
  return turns.reduce((sum, t) => sum + countTokens(t.text) + 4, 0) + 3;
}

export function parseEffort(value: unknown, param: string): Effort {
  if (value === undefined || value === null) return 'medium';
  if (value === 'low' || value === 'medium' || value === 'high') return value;
  throw badRequest(`Invalid value for '${param}': expected one of 'low', 'medium', 'high'.`, param);
}

export function parseMaxTokens(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw badRequest(`'${param}' must be a positive integer.`, param);
  return value;
}

/** Text of an OpenAI content field: a string, or an array of parts whose text we concatenate. */
export function contentText(content: unknown): string | undefined {
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (!Array.isArray(content)) return undefined;
  return content
    .map((part: unknown) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}
