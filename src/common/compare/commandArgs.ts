// What bedrockMantle.compareModels was called with. From the Models tree's context menu VS Code passes the clicked
// row and the selected rows; other features (and tests) pass `{ models, prompt, runs }`; the palette passes nothing.
import { MAX_COMPARE_MODELS, MIN_COMPARE_MODELS } from './fanOut';

export interface CompareArgs {
  /** Models chosen before the command ran (may be fewer than two: then the picker asks for more). */
  models: string[];
  prompt?: string;
  runs?: number;
}

function modelIdOfNode(n: unknown): string | undefined {
  if (typeof n !== 'object' || n === null) return undefined;
  const node = n as { type?: unknown; model?: { id?: unknown } };
  return node.type === 'model' && typeof node.model?.id === 'string' ? node.model.id : undefined;
}

function unique(ids: string[]): string[] {
  return [...new Set(ids.map((s) => s.trim()).filter(Boolean))];
}

export function readCompareArgs(first: unknown, second?: unknown): CompareArgs {
  const clicked = modelIdOfNode(first);
  if (clicked !== undefined || Array.isArray(second)) {
    const selected = Array.isArray(second) ? second.map(modelIdOfNode).filter((id): id is string => id !== undefined) : [];
    // A right-click on a row outside the selection acts on that row alone, as everywhere in VS Code's trees.
    const models = clicked !== undefined && !selected.includes(clicked) ? [clicked] : selected;
    return { models: unique(models) };
  }
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return { models: [] };
  const o = first as Record<string, unknown>;
  const args: CompareArgs = { models: Array.isArray(o.models) ? unique(o.models.filter((m): m is string => typeof m === 'string')) : [] };
  if (typeof o.prompt === 'string' && o.prompt.trim()) args.prompt = o.prompt;
  if (typeof o.runs === 'number' && Number.isFinite(o.runs)) args.runs = o.runs;
  return args;
}

/** Why a choice of models cannot be compared, or undefined when it can. */
export function modelCountProblem(count: number): string | undefined {
  if (count < MIN_COMPARE_MODELS) return 'Choose at least two models to compare.';
  if (count > MAX_COMPARE_MODELS) return `Choose at most ${MAX_COMPARE_MODELS} models: the columns would not fit side by side.`;
  return undefined;
}
