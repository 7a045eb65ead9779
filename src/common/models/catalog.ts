// The models Mantle serves, as data the extension ships: the 38 the seed lab saw in us-east-1 (2026-03-27) plus the
// 23 documented or observed since (catalogue of 2026-12-01). It is only a starting hint: the live /v1/models list
// decides what appears, and live answers decide capabilities and routes (see router.ts). Copied into the project so
// nothing reads outside the repository.

import type { ApiKind, RoutePrefix } from "../mantle/types";

export type ModelKind = "general" | "code" | "reasoning" | "vision" | "audio" | "safety";

/** Route family on https://bedrock-mantle.{region}.api.aws; every model answers on exactly one of them. */
export type { RoutePrefix };

/** chat = /chat/completions, responses = /responses, messages = Anthropic /messages. */
export type ModelApi = ApiKind;

export interface CatalogEntry {
  id: string;
  vendor: string;
  kind: ModelKind;
  /** The route family the model is documented or observed on. */
  path: RoutePrefix;
  /** The APIs documented or live-verified for it on that route family. */
  apis: readonly ModelApi[];
  /** Legacy flag: true iff `apis` includes "responses". */
  responses: boolean;
  /** The model sends its reasoning (chain of thought). */
  reasoning?: boolean;
  /** The model reads images (image content parts); a hint that the server's answers correct (attachments/vision.ts). */
  vision?: boolean;
  /** Mantle Regions where a source names it; absent when unknown. */
  regions?: readonly string[];
  /** A dated alias of this id, assumed to behave the same. */
  aliasOf?: string;
}

export const CATALOG_MEASURED_AT = "2026-03-27";
export const MODEL_CATALOG_AS_OF = "2026-12-01";

const MARCH_2026: readonly CatalogEntry[] = [
  {id:"openai.gpt-oss-120b",vendor:"OpenAI",kind:"general",path:"/v1",apis:["chat","responses"],responses:true,reasoning:true},
  {id:"openai.gpt-oss-20b",vendor:"OpenAI",kind:"general",path:"/v1",apis:["chat","responses"],responses:true,reasoning:true},
  {id:"openai.gpt-oss-safeguard-120b",vendor:"OpenAI",kind:"safety",path:"/v1",apis:["chat"],responses:false},
  {id:"openai.gpt-oss-safeguard-20b",vendor:"OpenAI",kind:"safety",path:"/v1",apis:["chat"],responses:false},
  {id:"mistral.mistral-large-3-675b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"mistral.devstral-2-123b",vendor:"Mistral",kind:"code",path:"/v1",apis:["chat"],responses:false},
  {id:"mistral.magistral-small-2509",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"mistral.ministral-3-14b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"mistral.ministral-3-8b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"mistral.ministral-3-3b-instruct",vendor:"Mistral",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"mistral.voxtral-small-24b-2507",vendor:"Mistral",kind:"audio",path:"/v1",apis:["chat"],responses:false},
  {id:"mistral.voxtral-mini-3b-2507",vendor:"Mistral",kind:"audio",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-235b-a22b-2507",vendor:"Qwen",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-next-80b-a3b-instruct",vendor:"Qwen",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-32b",vendor:"Qwen",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-coder-480b-a35b-instruct",vendor:"Qwen",kind:"code",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-coder-30b-a3b-instruct",vendor:"Qwen",kind:"code",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-coder-next",vendor:"Qwen",kind:"code",path:"/v1",apis:["chat"],responses:false},
  {id:"qwen.qwen3-vl-235b-a22b-instruct",vendor:"Qwen",kind:"vision",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"deepseek.v3.1",vendor:"DeepSeek",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"deepseek.v3.2",vendor:"DeepSeek",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"google.gemma-3-27b-it",vendor:"Google",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"google.gemma-3-12b-it",vendor:"Google",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"google.gemma-3-4b-it",vendor:"Google",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"nvidia.nemotron-super-3-120b",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"nvidia.nemotron-nano-3-30b",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"nvidia.nemotron-nano-12b-v2",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"nvidia.nemotron-nano-9b-v2",vendor:"NVIDIA",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"minimax.minimax-m2.5",vendor:"MiniMax",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"minimax.minimax-m2.1",vendor:"MiniMax",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"minimax.minimax-m2",vendor:"MiniMax",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"moonshotai.kimi-k2.5",vendor:"Moonshot",kind:"general",path:"/v1",apis:["chat"],responses:false,vision:true},
  {id:"moonshotai.kimi-k2-thinking",vendor:"Moonshot",kind:"reasoning",path:"/v1",apis:["chat"],responses:false,reasoning:true},
  {id:"zai.glm-5",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"zai.glm-4.7",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"zai.glm-4.7-flash",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"zai.glm-4.6",vendor:"Z.ai",kind:"general",path:"/v1",apis:["chat"],responses:false},
  {id:"writer.palmyra-vision-7b",vendor:"Writer",kind:"vision",path:"/v1",apis:["chat"],responses:false,vision:true},
];

// Served under /openai/v1 (GPT-5.x: Responses only; GPT-6.x, Grok, Gemma 4: both) and /anthropic/v1 (Claude).
const SINCE_MARCH_2026: readonly CatalogEntry[] = [
  {id:"openai.gpt-5.4",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,regions:["us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"openai.gpt-5.4-2026-03-05",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,aliasOf:"openai.gpt-5.4",vision:true},
  {id:"openai.gpt-5.5",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,regions:["us-east-1","us-east-2"],vision:true},
  {id:"openai.gpt-5.5-2026-04-23",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,aliasOf:"openai.gpt-5.5",vision:true},
  {id:"openai.gpt-5.6-sol",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,vision:true},
  {id:"openai.gpt-5.6-terra",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,vision:true},
  {id:"openai.gpt-5.6-luna",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["responses"],responses:true,reasoning:true,regions:["us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"openai.gpt-6-sol",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["us-east-1"],vision:true},
  {id:"openai.gpt-6-luna",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["us-east-1"],vision:true},
  {id:"openai.gpt-6-astra",vendor:"OpenAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["us-west-2"],vision:true},
  {id:"xai.grok-4.3",vendor:"xAI",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"google.gemma-4-31b",vendor:"Google",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["eu-central-1","us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"google.gemma-4-26b-a4b",vendor:"Google",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["eu-central-1","us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"google.gemma-4-e2b",vendor:"Google",kind:"general",path:"/openai/v1",apis:["chat","responses"],responses:true,reasoning:true,regions:["eu-central-1","us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"anthropic.claude-haiku-4-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,regions:["ap-northeast-1","ap-southeast-4","eu-north-1","eu-west-1","us-east-1","us-east-2","us-west-2"],vision:true},
  {id:"anthropic.claude-opus-4-7",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-opus-4-8",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-sonnet-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-opus-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-opus-4-6",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-fable-5",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-fable-5-1",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
  {id:"anthropic.claude-mythos-preview",vendor:"Anthropic",kind:"general",path:"/anthropic/v1",apis:["messages"],responses:false,reasoning:true,vision:true},
];

/** Every catalogued model, on every route family. */
export const MODEL_CATALOG: readonly CatalogEntry[] = [...MARCH_2026, ...SINCE_MARCH_2026];

/**
 * The models of the /v1 route family: the ones the extension can call until its features ask the router for a route.
 * It is exactly the March-2026 list.
 */
export const CATALOG: readonly CatalogEntry[] = MODEL_CATALOG.filter((e) => e.path === "/v1");
