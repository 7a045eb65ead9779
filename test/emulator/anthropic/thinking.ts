// Which thinking form each Claude model takes (addendum §3.2, AWS claude-messages-adaptive-thinking) and the checks
// a Messages request's `thinking`/`output_config` must pass.
import type { Effort } from '../scriptedModel';
import { anthropicBadRequest } from './request';

/** adaptive: only `{type:"adaptive"}` + `output_config.effort`; enabled: only `budget_tokens`; both: either. */
export type ThinkingForm = 'adaptive' | 'enabled' | 'both';

/**
 * Adaptive-only: Fable 5/5.1, Mythos 5/5.1/Preview and (older revisions of the table) Opus 4.7. Opus/Sonnet 4.6 take
 * both (budget_tokens deprecated). Sonnet/Opus 4.5 and Haiku 4.5 need budget_tokens. Opus 4.8, Opus 5 and Sonnet 5
 * are not in the table: UNCERTAIN, treated as adaptive-only like every model newer than Opus 4.7 (README).
 */
const FORMS: readonly [RegExp, ThinkingForm][] = [
  [/^anthropic\.claude-(fable|mythos)-/, 'adaptive'],
  [/^anthropic\.claude-(opus-4-7|opus-4-8|opus-5|sonnet-5)/, 'adaptive'],
  [/^anthropic\.claude-(opus|sonnet)-4-6/, 'both'],
  [/^anthropic\.claude-(haiku-4-5|sonnet-4-5|opus-4-5|opus-4-1)/, 'enabled'],
];

export function thinkingFormOf(model: string): ThinkingForm {
  return FORMS.find(([re]) => re.test(model))?.[1] ?? 'adaptive';
}

export interface ThinkingRequest {
  /** Thinking was asked for: the reply starts with a thinking block. */
  on: boolean;
  effort: Effort;
}

const EFFORTS = ['low', 'medium', 'high', 'max'] as const;

/** `max` thinks as long as `high` in the scripted model (it has only three lengths). */
function scriptedEffort(e: (typeof EFFORTS)[number]): Effort {
  return e === 'max' ? 'high' : e;
}

/** budget_tokens → how long the scripted model thinks. */
function effortOfBudget(budget: number): Effort {
  return budget < 4096 ? 'low' : budget < 16384 ? 'medium' : 'high';
}

/** The request's thinking, after every check Mantle makes; each refusal is a 400 invalid_request_error. */
export function parseThinking(body: Record<string, unknown>, model: string, maxTokens: number | undefined): ThinkingRequest {
  const output = body.output_config;
  let effort: (typeof EFFORTS)[number] = 'high'; // the documented default (addendum §3.2)
  if (output !== undefined) {
    if (typeof output !== 'object' || output === null || Array.isArray(output)) throw anthropicBadRequest('output_config: Input should be a valid dictionary');
    const cfg = output as Record<string, unknown>;
    // Structured outputs are not supported on Mantle (AWS endpoints.html); the wording is UNCERTAIN (README).
    if (cfg.format !== undefined) throw anthropicBadRequest('output_config.format: Structured outputs are not supported on this endpoint.');
    if (cfg.effort !== undefined) {
      if (!EFFORTS.includes(cfg.effort as (typeof EFFORTS)[number])) throw anthropicBadRequest("output_config.effort: Input should be 'low', 'medium', 'high' or 'max'");
      effort = cfg.effort as (typeof EFFORTS)[number];
    }
  }
  const thinking = body.thinking;
  if (thinking === undefined || thinking === null) return { on: false, effort: scriptedEffort(effort) };
  if (typeof thinking !== 'object' || Array.isArray(thinking)) throw anthropicBadRequest('thinking: Input should be a valid dictionary');
  const t = thinking as Record<string, unknown>;
  const type = t.type;
  if (type !== 'adaptive' && type !== 'enabled' && type !== 'disabled') {
    throw anthropicBadRequest(`thinking: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'`);
  }
  const form = thinkingFormOf(model);
  if (form === 'adaptive' && type !== 'adaptive') {
    throw anthropicBadRequest(`thinking.type.${type} is not supported for this model. Use thinking.type.adaptive and output_config.effort to control thinking behavior.`);
  }
  if (form === 'enabled' && type === 'adaptive') {
    throw anthropicBadRequest('thinking.type.adaptive is not supported for this model. Use thinking.type.enabled with thinking.budget_tokens instead.');
  }
  for (const key of Object.keys(t)) {
    // Effort belongs in output_config, not in thinking (addendum §3.2, 3P note).
    if (key !== 'type' && !(type === 'enabled' && key === 'budget_tokens')) throw anthropicBadRequest(`thinking.${type}.${key}: Extra inputs are not permitted`);
  }
  if (type === 'disabled') return { on: false, effort: scriptedEffort(effort) };
  if (type === 'adaptive') return { on: true, effort: scriptedEffort(effort) };
  const budget = t.budget_tokens;
  if (typeof budget !== 'number' || !Number.isInteger(budget)) throw anthropicBadRequest('thinking.enabled.budget_tokens: Field required');
  if (budget < 1024) throw anthropicBadRequest('thinking.enabled.budget_tokens: Input should be greater than or equal to 1024');
  if (maxTokens !== undefined && budget >= maxTokens) throw anthropicBadRequest('`max_tokens` must be greater than `thinking.budget_tokens`.');
  return { on: true, effort: effortOfBudget(budget) };
}
