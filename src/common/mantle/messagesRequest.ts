// A turn as an Anthropic Messages request (addendum §3), built without I/O so every rule is unit-tested:
// - history is client-side (Messages is stateless): system text first, then the turns, consecutive same-role turns
//   merged and empty ones dropped, because the API wants non-empty, alternating content;
// - prompt-cache breakpoints sit on the stable prefix: the system block, the previous user message (exactly where the
//   last turn wrote its cache, so this turn reads it) and the newest user message (written for the next turn);
// - thinking takes the model's form: adaptive (`thinking:{type:"adaptive"}` + top-level `output_config.effort`) or
//   enabled (`budget_tokens`), and ThinkingForms remembers a form a model refused so it is not sent twice;
// - an assistant turn's signed thinking blocks go back with it while thinking is on.
import type { ContentBlockParam, MessageCreateParamsBase, MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import { messagesToolChoice, messagesTools, toolResultBlocks, toolUseBlocks } from '../tools/toolWire';
import { messagesContent } from '../attachments/render';
import { routeBaseUrl } from './regions';
import type { ChatMessage, ReasoningEffort, TurnRequest } from './types';

export type ThinkingForm = 'adaptive' | 'budget';

/** max_tokens when the caller sets none: Messages requires one. */
export const DEFAULT_MAX_TOKENS = 8192;
/**
 * The thinking budget per effort level for models that take budget_tokens (the API's minimum is 1024). `none` turns
 * thinking off; the chat offers those models none…high (reasoningEfforts.ts), the rest is there for other callers.
 */
export const THINKING_BUDGET: Record<Exclude<ReasoningEffort, 'none'>, number> = { low: 2048, medium: 8192, high: 16384, xhigh: 24576, max: 32000 };

/** Adaptive `output_config.effort` takes low, medium, high and max (addendum §3.2; the emulator's 400 names them). */
type AdaptiveEffort = 'low' | 'medium' | 'high' | 'max';
function adaptiveEffort(effort: Exclude<ReasoningEffort, 'none'>): AdaptiveEffort {
  return effort === 'xhigh' ? 'high' : effort;
}

/**
 * The form to try first (addendum §3.2 table): budget_tokens for Claude 4.5 and older (Haiku/Sonnet/Opus 4.5, Opus
 * 4.1, Sonnet 4, 3.x), adaptive for everything newer (Opus 4.6 takes both and deprecates budget_tokens; Opus 4.7+,
 * Sonnet 5, Fable, Mythos take only adaptive). An unknown future model is assumed adaptive; a refusal corrects it.
 */
const BUDGET_ONLY = /claude-3|claude-(haiku|sonnet|opus)-4(-[0-5]|-\d{8})?(?![\w.]|-\d)/;

export function defaultThinkingForm(model: string): ThinkingForm {
  return BUDGET_ONLY.test(model) ? 'budget' : 'adaptive';
}

/**
 * Which thinking form a 400 refused, from the server's words: "thinking.type.enabled is not supported for this model"
 * (an adaptive-only model) or "thinking.type.adaptive is not supported …" (a budget-only one).
 */
export function refusedThinkingForm(status: number | undefined, message: string | undefined): ThinkingForm | undefined {
  if (status !== 400 || !message) return undefined;
  const m = /thinking\.type\.(adaptive|enabled)\b[^.]*not supported/i.exec(message) ?? /\b(adaptive|budget_tokens)\b[^.]*\bnot supported/i.exec(message);
  if (!m) return undefined;
  return m[1].toLowerCase() === 'adaptive' ? 'adaptive' : 'budget';
}

/** What each model was seen to refuse; one instance per connection (the client's). */
export class ThinkingForms {
  private readonly refusedForms = new Map<string, Set<ThinkingForm>>();

  /** The form to send, or undefined when the model refused both (thinking is then left off). */
  formFor(model: string): ThinkingForm | undefined {
    const refused = this.refusedForms.get(model);
    const first = defaultThinkingForm(model);
    const other: ThinkingForm = first === 'adaptive' ? 'budget' : 'adaptive';
    if (!refused?.has(first)) return first;
    return refused.has(other) ? undefined : other;
  }

  /** Records a refusal; true when another form is left to try. */
  refuse(model: string, form: ThinkingForm): boolean {
    const set = this.refusedForms.get(model) ?? new Set<ThinkingForm>();
    set.add(form);
    this.refusedForms.set(model, set);
    return this.formFor(model) !== undefined;
  }
}

/**
 * The Messages base URL for the SDK (`{root}/anthropic`; the SDK adds `/v1/messages`) from the connection's base URL,
 * whichever route family it names (the same root as the OpenAI paths, regions.routeBaseUrl).
 */
export function anthropicBaseURL(baseURL: string): string {
  return routeBaseUrl(baseURL, '/anthropic');
}

const EPHEMERAL = { type: 'ephemeral' } as const;

function withBreakpoint(message: MessageParam): MessageParam {
  const content = message.content as ContentBlockParam[];
  const last = content[content.length - 1];
  return { ...message, content: [...content.slice(0, -1), { ...last, cache_control: EPHEMERAL } as ContentBlockParam] } as MessageParam;
}

function contentOf(m: ChatMessage, withThinking: boolean): ContentBlockParam[] {
  const blocks: ContentBlockParam[] = [];
  if (withThinking && m.role === 'assistant') {
    for (const t of m.thinking ?? []) if (t.signature) blocks.push({ type: 'thinking', thinking: t.thinking, signature: t.signature });
  }
  // Tool results open the user turn that follows the calls; the calls close the assistant turn (common/tools/toolWire.ts).
  if (m.role === 'user' && m.toolResults?.length) blocks.push(...(toolResultBlocks(m.toolResults) as unknown as ContentBlockParam[]));
  if (m.role === 'user' && m.parts?.length) blocks.push(...messagesContent(m.content, m.parts));
  else if (m.content.trim()) blocks.push({ type: 'text', text: m.content });
  if (m.role === 'assistant' && m.toolCalls?.length) blocks.push(...(toolUseBlocks(m.toolCalls) as unknown as ContentBlockParam[]));
  return blocks;
}

/** The conversation as alternating user/assistant messages; system turns go to `system`. */
function conversation(messages: readonly ChatMessage[], withThinking: boolean): MessageParam[] {
  const out: MessageParam[] = [];
  for (const m of messages) {
    if (m.role === 'system') continue;
    const blocks = contentOf(m, withThinking);
    if (!blocks.length) continue;
    const last = out[out.length - 1];
    if (last && last.role === m.role) (last.content as ContentBlockParam[]).push(...blocks);
    else out.push({ role: m.role, content: blocks });
  }
  return out;
}

export function buildMessagesRequest(req: TurnRequest, thinking: ThinkingForm | undefined): MessageCreateParamsBase {
  // Thinking only when an effort is asked for: `none` (or no effort) is a turn without thinking.
  const effort = req.reasoningEffort === 'none' ? undefined : req.reasoningEffort;
  const thinkingOn = !!effort && thinking !== undefined;
  const systemText = [req.instructions, ...req.messages.filter((m) => m.role === 'system').map((m) => m.content)]
    .filter((s): s is string => !!s && !!s.trim())
    .join('\n\n');
  const system: TextBlockParam[] | undefined = systemText ? [{ type: 'text', text: systemText, cache_control: EPHEMERAL }] : undefined;

  const messages = conversation(req.messages, thinkingOn);
  const users = messages.flatMap((m, i) => (m.role === 'user' ? [i] : []));
  for (const i of users.slice(-2)) messages[i] = withBreakpoint(messages[i]);

  const maxTokens = req.maxOutputTokens ?? DEFAULT_MAX_TOKENS;
  const body: MessageCreateParamsBase = { model: req.model, max_tokens: maxTokens, messages, ...(system ? { system } : {}) };
  if (req.tools?.length) {
    body.tools = messagesTools(req.tools) as unknown as MessageCreateParamsBase['tools'];
    if (req.toolChoice) body.tool_choice = messagesToolChoice(req.toolChoice) as unknown as MessageCreateParamsBase['tool_choice'];
  }
  if (thinkingOn && effort) {
    if (thinking === 'adaptive') {
      body.thinking = { type: 'adaptive' };
      body.output_config = { effort: adaptiveEffort(effort) };
    } else {
      const budget = THINKING_BUDGET[effort];
      // max_tokens covers thinking and answer: the budget comes on top of the answer room the caller asked for.
      body.thinking = { type: 'enabled', budget_tokens: budget };
      body.max_tokens = maxTokens + budget;
    }
  }
  return body;
}
