// The 38 models Mantle listed in us-east-1 when the seed lab measured it (2026-03-27), as data the extension ships.
// It is only a starting hint: the live /v1/models list decides what appears, and live answers decide capabilities.
// The local emulator serves this same list. Copied into the project so nothing reads outside the repository.

export type ModelKind = "general" | "code" | "reasoning" | "vision" | "audio" | "safety";

export interface CatalogEntry {
  id: string;
  vendor: string;
  kind: ModelKind;
  /** Accepts POST /v1/responses (every model accepts /v1/chat/completions). */
  responses: boolean;
  /** The seed observed a chain-of-thought field in replies. */
  reasoning?: boolean;
}

export const CATALOG_MEASURED_AT = "2026-03-27";

export const CATALOG: readonly CatalogEntry[] = [
  {id:"openai.gpt-oss-120b",vendor:"OpenAI",kind:"general",responses:true,reasoning:true},
  {id:"openai.gpt-oss-20b",vendor:"OpenAI",kind:"general",responses:true,reasoning:true},
  {id:"openai.gpt-oss-safeguard-120b",vendor:"OpenAI",kind:"safety",responses:false},
  {id:"openai.gpt-oss-safeguard-20b",vendor:"OpenAI",kind:"safety",responses:false},
  {id:"mistral.mistral-large-3-675b-instruct",vendor:"Mistral",kind:"general",responses:false},
  {id:"mistral.devstral-2-123b",vendor:"Mistral",kind:"code",responses:false},
  {id:"mistral.magistral-small-2509",vendor:"Mistral",kind:"general",responses:false},
  {id:"mistral.ministral-3-14b-instruct",vendor:"Mistral",kind:"general",responses:false},
  {id:"mistral.ministral-3-8b-instruct",vendor:"Mistral",kind:"general",responses:false},
  {id:"mistral.ministral-3-3b-instruct",vendor:"Mistral",kind:"general",responses:false},
  {id:"mistral.voxtral-small-24b-2507",vendor:"Mistral",kind:"audio",responses:false},
  {id:"mistral.voxtral-mini-3b-2507",vendor:"Mistral",kind:"audio",responses:false},
  {id:"qwen.qwen3-235b-a22b-2507",vendor:"Qwen",kind:"general",responses:false},
  {id:"qwen.qwen3-next-80b-a3b-instruct",vendor:"Qwen",kind:"general",responses:false},
  {id:"qwen.qwen3-32b",vendor:"Qwen",kind:"general",responses:false},
  {id:"qwen.qwen3-coder-480b-a35b-instruct",vendor:"Qwen",kind:"code",responses:false},
  {id:"qwen.qwen3-coder-30b-a3b-instruct",vendor:"Qwen",kind:"code",responses:false},
  {id:"qwen.qwen3-coder-next",vendor:"Qwen",kind:"code",responses:false},
  {id:"qwen.qwen3-vl-235b-a22b-instruct",vendor:"Qwen",kind:"vision",responses:false},
  {id:"deepseek.v3.1",vendor:"DeepSeek",kind:"general",responses:false},
  {id:"deepseek.v3.2",vendor:"DeepSeek",kind:"general",responses:false},
  {id:"google.gemma-3-27b-it",vendor:"Google",kind:"general",responses:false},
  {id:"google.gemma-3-12b-it",vendor:"Google",kind:"general",responses:false},
  {id:"google.gemma-3-4b-it",vendor:"Google",kind:"general",responses:false},
  {id:"nvidia.nemotron-super-3-120b",vendor:"NVIDIA",kind:"general",responses:false},
  {id:"nvidia.nemotron-nano-3-30b",vendor:"NVIDIA",kind:"general",responses:false},
  {id:"nvidia.nemotron-nano-12b-v2",vendor:"NVIDIA",kind:"general",responses:false},
  {id:"nvidia.nemotron-nano-9b-v2",vendor:"NVIDIA",kind:"general",responses:false},
  {id:"minimax.minimax-m2.5",vendor:"MiniMax",kind:"general",responses:false},
  {id:"minimax.minimax-m2.1",vendor:"MiniMax",kind:"general",responses:false},
  {id:"minimax.minimax-m2",vendor:"MiniMax",kind:"general",responses:false},
  {id:"moonshotai.kimi-k2.5",vendor:"Moonshot",kind:"general",responses:false},
  {id:"moonshotai.kimi-k2-thinking",vendor:"Moonshot",kind:"reasoning",responses:false,reasoning:true},
  {id:"zai.glm-5",vendor:"Z.ai",kind:"general",responses:false},
  {id:"zai.glm-4.7",vendor:"Z.ai",kind:"general",responses:false},
  {id:"zai.glm-4.7-flash",vendor:"Z.ai",kind:"general",responses:false},
  {id:"zai.glm-4.6",vendor:"Z.ai",kind:"general",responses:false},
  {id:"writer.palmyra-vision-7b",vendor:"Writer",kind:"vision",responses:false},
];
