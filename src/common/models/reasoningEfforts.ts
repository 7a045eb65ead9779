// Which reasoning efforts each model family accepts (PROTOCOL-2026-12 §4.2, models.dev transcriptions of the AWS
// cards): GPT-5.6 none…xhigh and max, other GPT-5.x none…xhigh, Grok 4.3 none…high, everything else (gpt-oss and the
// other reasoning models of the March lab) low…high. A preference the model does not take is sent as the nearest one
// it does, so a setting chosen for one model never makes another refuse the request. Claude: `none` is a turn without
// thinking; adaptive-thinking models take low…high and max, the budget_tokens ones low…high (messagesRequest.ts).
import { defaultThinkingForm } from '../mantle/messagesRequest';
import type { ReasoningEffort } from '../mantle/types';

export const ALL_EFFORTS: readonly ReasoningEffort[] = ['none', 'low', 'medium', 'high', 'xhigh', 'max'];
const CLASSIC: readonly ReasoningEffort[] = ['low', 'medium', 'high'];

export function isReasoningEffort(v: unknown): v is ReasoningEffort {
  return typeof v === 'string' && (ALL_EFFORTS as readonly string[]).includes(v);
}

export function effortsFor(modelId: string): readonly ReasoningEffort[] {
  if (/^openai\.gpt-5\.6(-|$)/.test(modelId)) return ALL_EFFORTS;
  if (/^openai\.gpt-5(\.|-|$)/.test(modelId)) return ['none', 'low', 'medium', 'high', 'xhigh'];
  if (modelId.startsWith('xai.grok-')) return ['none', 'low', 'medium', 'high'];
  if (modelId.startsWith('anthropic.')) return defaultThinkingForm(modelId) === 'adaptive' ? ['none', 'low', 'medium', 'high', 'max'] : ['none', 'low', 'medium', 'high'];
  return CLASSIC;
}

/** The effort to send: the preference when the model takes it, else the nearest value it takes. */
export function effortFor(modelId: string, preferred: ReasoningEffort): ReasoningEffort {
  const offered = effortsFor(modelId);
  if (offered.includes(preferred)) return preferred;
  const rank = ALL_EFFORTS.indexOf(preferred);
  return [...offered].sort((a, b) => Math.abs(ALL_EFFORTS.indexOf(a) - rank) - Math.abs(ALL_EFFORTS.indexOf(b) - rank) || ALL_EFFORTS.indexOf(a) - ALL_EFFORTS.indexOf(b))[0] ?? 'medium';
}
