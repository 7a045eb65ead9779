// The emulator's own model table: what Mantle serves, copied from the December 2026 catalogue (PROTOCOL-2026-12 and
// its models.json). It is deliberately not the product's catalogue (src/common/models/catalog.ts): the emulator plays
// the server, so a wrong entry in the product's catalogue shows up as a failed request in a test.

export type EmulatorPrefix = '/v1' | '/openai/v1' | '/anthropic/v1';
export type EmulatorApi = 'chat' | 'responses' | 'messages';

/** Data-retention modes, weakest first (§5): a model needing `aws_review` is unavailable under `none`/`default`. */
export const RETENTION_MODES = ['none', 'default', 'aws_review', 'provider_data_share'] as const;
export type RetentionMode = (typeof RETENTION_MODES)[number];

export interface EmulatorModel {
  id: string;
  /** Shown nowhere on the wire; the tests use it. */
  vendor: string;
  kind: string;
  /** The one route family the model answers on. */
  path: EmulatorPrefix;
  /** The APIs it answers there. */
  apis: readonly EmulatorApi[];
  /** Writes reasoning (chain of thought) before its answer. */
  reasoning?: boolean;
  /** Unavailable unless the effective data-retention mode is at least this. */
  requiresRetention?: RetentionMode;
  /**
   * Client-side tool calling (§4). false: a request with `tools` is refused (toolUse.ts). Absent: tools work. Which
   * models refuse is the emulator's choice (README), since the catalogue marks none as tool-less.
   */
  tools?: boolean;
}

/** The 38 models Mantle listed in us-east-1 on 2026-03-27, all on /v1 (the emulator's default population). */
export const MARCH_2026_MODELS: readonly EmulatorModel[] = [
  {id:"openai.gpt-oss-120b",vendor:"OpenAI",kind:"general",path:"/v1",apis:["chat","responses"],reasoning:true},
  {id:"openai.gpt-oss-20b",vendor:"OpenAI",kind:"general",path:"/v1",apis:["chat","responses"],reasoning:true},
  {id:"openai.gpt-oss-safeguard-120b",vendor:"OpenAI",kind:"safety",path:"/v1",apis:["chat"],reasoning:true,tools:false},
  {id:"openai.gpt-oss-safeguard-20b",vendor:"OpenAI",kind:"safety",path:"/v1",apis:["chat"],reasoning:true,tools:false},
  {id:"mistral.mistral-large-3-675b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"]},
  {id:"mistral.devstral-2-123b",vendor:"Mistral",kind:"code",path:"/v1",apis:["chat"]},
  {id:"mistral.magistral-small-2509",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"]},
  {id:"mistral.ministral-3-14b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"]},
  {id:"mistral.ministral-3-8b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"]},
  {id:"mistral.ministral-3-3b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"]},
  {id:"mistral.voxtral-small-24b-2507",vendor:"Mistral",kind:"audio",path:"/v1",apis:["chat"],tools:false},
  {id:"mistral.voxtral-mini-3b-2507",vendor:"Mistral",kind:"audio",path:"/v1",apis:["chat"],tools:false},
  {id:"qwen.qwen3-235b-a22b-2507",vendor:"Qwen",kind:"general",path:"/v1",apis:["chat"]},
  {id:"qwen.qwen3-next-80b-a3b-instruct",vendor:"Qwen",kind:"general",path:"/v1",apis:["chat"]},
  {id:"qwen.qwen3-32b",vendor:"Qwen",kind:"general",path:"/v1",apis:["chat"]},
  {id:"qwen.qwen3-coder-480b-a35b-instruct",vendor:"Qwen",kind:"code",path:"/v1",apis:["chat"]},
  {id:"qwen.qwen3-coder-30b-a3b-instruct",vendor:"Qwen",kind:"code",path:"/v1",apis:["chat"]},
  {id:"qwen.qwen3-coder-next",vendor:"Qwen",kind:"code",path:"/v1",apis:["chat"]},
  {id:"qwen.qwen3-vl-235b-a22b-instruct",vendor:"Qwen",kind:"vision",path:"/v1",apis:["chat"]},
  {id:"deepseek.v3.1",vendor:"DeepSeek",kind:"general",path:"/v1",apis:["chat"]},
  {id:"deepseek.v3.2",vendor:"DeepSeek",kind:"general",path:"/v1",apis:["chat"],reasoning:true},
  {id:"google.gemma-3-27b-it",vendor:"Google",kind:"general",path:"/v1",apis:["chat"]},
  {id:"google.gemma-3-12b-it",vendor:"Google",kind:"general",path:"/v1",apis:["chat"]},
  {id:"google.gemma-3-4b-it",vendor:"Google",kind:"general",path:"/v1",apis:["chat"]},
  {id:"nvidia.nemotron-super-3-120b",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"]},
  {id:"nvidia.nemotron-nano-3-30b",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"]},
  {id:"nvidia.nemotron-nano-12b-v2",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"]},
  {id:"nvidia.nemotron-nano-9b-v2",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"]},
  {id:"minimax.minimax-m2.5",vendor:"MiniMax",kind:"general",path:"/v1",apis:["chat"],reasoning:true},
  {id:"minimax.minimax-m2.1",vendor:"MiniMax",kind:"general",path:"/v1",apis:["chat"]},
  {id:"minimax.minimax-m2",vendor:"MiniMax",kind:"general",path:"/v1",apis:["chat"]},
  {id:"moonshotai.kimi-k2.5",vendor:"Moonshot",kind:"general",path:"/v1",apis:["chat"],reasoning:true},
  {id:"moonshotai.kimi-k2-thinking",vendor:"Moonshot",kind:"reasoning",path:"/v1",apis:["chat"],reasoning:true},
  {id:"zai.glm-5",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"]},
  {id:"zai.glm-4.7",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"]},
  {id:"zai.glm-4.7-flash",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"]},
  {id:"zai.glm-4.6",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"]},
  {id:"writer.palmyra-vision-7b",vendor:"Writer",kind:"vision",path:"/v1",apis:["chat"]},
];

/** Documented or observed since: GPT-5.x/6.x, Grok 4.3, Gemma 4 on /openai/v1; Claude on /anthropic/v1. */
const SINCE_MARCH_2026: readonly EmulatorModel[] = [
  {id:"openai.gpt-5.4",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-5.4-2026-03-05",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-5.5",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-5.5-2026-04-23",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-5.6-sol",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-5.6-terra",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-5.6-luna",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],reasoning:true},
  {id:"openai.gpt-6-sol",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"openai.gpt-6-luna",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"openai.gpt-6-astra",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"xai.grok-4.3",vendor:"xAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"google.gemma-4-31b",vendor:"Google",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"google.gemma-4-26b-a4b",vendor:"Google",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"google.gemma-4-e2b",vendor:"Google",kind:"general",path:"/openai/v1",apis:["chat","responses"],reasoning:true},
  {id:"anthropic.claude-haiku-4-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"]},
  {id:"anthropic.claude-opus-4-7",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true},
  {id:"anthropic.claude-opus-4-8",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true},
  {id:"anthropic.claude-sonnet-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true},
  {id:"anthropic.claude-opus-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true},
  {id:"anthropic.claude-opus-4-6",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true},
  {id:"anthropic.claude-fable-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true,requiresRetention:"aws_review"},
  {id:"anthropic.claude-fable-5-1",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true,requiresRetention:"aws_review"},
  {id:"anthropic.claude-mythos-preview",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],reasoning:true},
];

/** The 61 models of the December 2026 catalogue. */
export const DECEMBER_2026_MODELS: readonly EmulatorModel[] = [...MARCH_2026_MODELS, ...SINCE_MARCH_2026];

/**
 * The ids bedrock-runtime's OpenAI endpoint knows a model by (PROTOCOL-2026-12 §2): GPT-5.x/6.x only behind a CRIS
 * profile (`us.`, `global.`, `us-gov.`), gpt-oss with its `-1:0` version suffix, anything else unchanged.
 */
export function runtimeIdsOf(model: EmulatorModel): string[] {
  if (/^openai\.gpt-(5|6|daybreak)/.test(model.id)) return ['us', 'global', 'us-gov'].map((geo) => `${geo}.${model.id}`);
  if (/^openai\.gpt-oss-(120b|20b)$/.test(model.id)) return [`${model.id}-1:0`];
  return [model.id];
}

/** The same table as bedrock-runtime serves it: runtime ids, and every OpenAI-shaped model under /openai/v1. */
export function runtimeModels(models: readonly EmulatorModel[]): EmulatorModel[] {
  return models.flatMap((m) => runtimeIdsOf(m).map((id) => ({ ...m, id, path: m.path === '/anthropic/v1' ? m.path : '/openai/v1' as const })));
}

export const POPULATIONS = { 'march-2026': MARCH_2026_MODELS, 'december-2026': DECEMBER_2026_MODELS } as const;
export type Population = keyof typeof POPULATIONS;
