// What VS Code's model picker and vscode.lm see for each live Mantle model. Structurally the editor's
// LanguageModelChatInformation, built here without 'vscode' so the rules are unit-tested.
//
// Token limits: Mantle's /v1/models reports no context window, so the figures come from a small table and, for any
// model not in it, a deliberately low default. Too low only makes VS Code trim history earlier; too high makes
// requests fail with a 400 once a conversation grows, so unknown models get the low figure.
import type { ApiKind } from '../mantle/types';
import { displayName, familyOf } from '../models/modelNames';
import { vendorOf, vendorRank } from '../models/vendors';

export interface LmModelInfo {
  readonly id: string;
  readonly name: string;
  readonly family: string;
  readonly version: string;
  readonly tooltip: string;
  readonly detail: string;
  readonly maxInputTokens: number;
  readonly maxOutputTokens: number;
  readonly capabilities: { readonly imageInput: boolean; readonly toolCalling: boolean };
}

interface Limits { context: number; output: number }

/**
 * Context windows we are confident of: gpt-oss-20b/120b have a 131,072-token window (OpenAI's model card; AWS lists
 * the same 128K for Bedrock). Output is capped at 32,768 inside that window so reasoning has room and the input
 * budget stays honest (input = context − output).
 */
const KNOWN_LIMITS: readonly (readonly [prefix: string, limits: Limits])[] = [
  ['openai.gpt-oss-', { context: 131_072, output: 32_768 }],
];

/**
 * Every other model: 32,768 tokens in total, 4,096 of them output. The models' publishers state larger windows for
 * most of them (many 128K+), but what Bedrock serves is not reported by the API and was not measured, so we assume
 * the smallest window common to the catalogue rather than the largest claimed.
 */
export const DEFAULT_LIMITS: Limits = { context: 32_768, output: 4_096 };

export function limitsFor(modelId: string): Limits {
  return KNOWN_LIMITS.find(([prefix]) => modelId.startsWith(prefix))?.[1] ?? DEFAULT_LIMITS;
}

const API_LABEL: Record<ApiKind, string> = { responses: 'Responses API', chat: 'Chat Completions API', messages: 'Anthropic Messages API' };

/**
 * toolCalling: every model unless learned tool-less (common/tools/toolSupport.ts). The catalogue sources tool calling
 * for some models and marks none as unable, so the rest are offered and corrected by the first refusal.
 */
export function modelInfo(modelId: string, api: ApiKind, toolCalling = true): LmModelInfo {
  const limits = limitsFor(modelId);
  const vendor = vendorOf(modelId);
  return {
    id: modelId,
    name: displayName(modelId),
    // familyOf is '' for ids that start with a version ("deepseek.v3.1"); a selector needs something to match.
    family: familyOf(modelId) || modelId,
    version: modelId,
    detail: `Bedrock Mantle · ${vendor}`,
    tooltip: `${modelId} on Amazon Bedrock (Mantle), via the ${API_LABEL[api]}.`,
    maxInputTokens: limits.context - limits.output,
    maxOutputTokens: limits.output,
    // Images: our client sends text only, so claiming imageInput would let VS Code send parts we would have to drop.
    capabilities: { imageInput: false, toolCalling },
  };
}

/** The picker's list: one entry per live model, vendors in the tree's fixed order, then by name. */
export function modelInfos(modelIds: readonly string[], apiFor: (id: string) => ApiKind, toolless: (id: string) => boolean = () => false): LmModelInfo[] {
  const unique = [...new Set(modelIds)];
  return unique
    .map((id) => modelInfo(id, apiFor(id), !toolless(id)))
    .sort((a, b) => vendorRank(vendorOf(a.id)) - vendorRank(vendorOf(b.id)) || a.name.localeCompare(b.name));
}
