// Readable names and sort keys derived from a model id alone, so a model the catalogue has never seen still gets a
// sensible label and place. Ids look like "<vendor>.<family>-<version>-<size>[-<variant>]", e.g.
// "qwen.qwen3-coder-480b-a35b-instruct", "mistral.ministral-3-8b-instruct", "deepseek.v3.1".

import { modelSlug, vendorOf, OTHER_VENDOR } from './vendors';

/** Words whose usual spelling is not "first letter upper-case". */
const SPELLINGS: Record<string, string> = {
  gpt: 'GPT', oss: 'OSS', glm: 'GLM', vl: 'VL', it: 'IT', minimax: 'MiniMax', deepseek: 'DeepSeek',
};

/** "120b", "3.5b", "500m": a parameter count. */
const SIZE = /^(\d+(?:\.\d+)?)([bm])$/i;
/** Tokens that end a family name: parameter counts, versions and dates ("3", "2509", "4.7") and "k2", "m2.5", "v3.1". */
const VERSIONISH = /^(\d|[a-z]\d+(\.\d+)?$)/i;

function tokens(modelId: string): string[] {
  return modelSlug(modelId).split(/[-_\s]+/).filter(Boolean);
}

function spell(token: string): string {
  const known = SPELLINGS[token.toLowerCase()];
  if (known) return known;
  if (SIZE.test(token)) return token.toUpperCase();
  // "a22b" (active parameters), "k2", "m2.5", "v3.1": a letter followed by digits reads as a code, upper-case it.
  if (/^[a-z]\d/i.test(token)) return token.toUpperCase();
  return token.charAt(0).toUpperCase() + token.slice(1);
}

/**
 * A readable name: "GPT-OSS 120B", "Qwen3 Coder 480B A35B Instruct", "DeepSeek V3.1". When the id starts with a
 * version rather than a family name (DeepSeek's "v3.1"), the vendor's name is put in front so the label stands alone.
 */
export function displayName(modelId: string): string {
  const parts = tokens(modelId);
  // An unknown vendor's id has no known shape to prettify; the id itself is the most honest label.
  if (parts.length === 0 || vendorOf(modelId) === OTHER_VENDOR) return modelId;
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    // "gpt-oss" is one name, written with its hyphen.
    if (parts[i].toLowerCase() === 'gpt' && parts[i + 1]?.toLowerCase() === 'oss') {
      words.push('GPT-OSS');
      i++;
      continue;
    }
    // OpenAI writes its frontier models "GPT-5.5", with the hyphen ("gpt-5.6-sol" → "GPT-5.6 Sol").
    if (parts[i].toLowerCase() === 'gpt' && /^\d/.test(parts[i + 1] ?? '')) {
      words.push(`GPT-${parts[i + 1]}`);
      i++;
      continue;
    }
    words.push(spell(parts[i]));
  }
  if (/^[a-z]?\d/i.test(parts[0])) words.unshift(vendorOf(modelId));
  // Claude ids write the version with hyphens ("claude-opus-4-8"): Anthropic calls it "Claude Opus 4.8".
  if (vendorOf(modelId) === 'Anthropic') return words.join(' ').replace(/\b(\d{1,2}) (?=\d{1,2}\b)/g, '$1.');
  return words.join(' ');
}

/**
 * The family: the leading words before any version or size ("qwen3-coder", "nemotron-nano", "gpt-oss"); '' when the
 * id starts with a version ("deepseek.v3.1"), which makes all such models of a vendor one family.
 */
export function familyOf(modelId: string): string {
  const parts = tokens(modelId);
  const end = parts.findIndex((t) => VERSIONISH.test(t));
  return (end === -1 ? parts : parts.slice(0, end)).join('-').toLowerCase();
}

/** Total parameters in billions from a size token ("480b" → 480, "500m" → 0.5), or undefined when the id has none. */
export function sizeInBillions(modelId: string): number | undefined {
  for (const t of tokens(modelId)) {
    const m = SIZE.exec(t);
    if (m) return m[2].toLowerCase() === 'm' ? Number(m[1]) / 1000 : Number(m[1]);
  }
  return undefined;
}
