import type { Plugin } from 'esbuild';

export function codiconNames(css: string): Map<string, string>;
export function usedCodicons(texts: string[], names: Map<string, string>): Set<string>;
export function sourceTexts(dir: string): string[];
export function subsetCodiconCss(css: string, used: Set<string>): string;
export function codepointsOf(names: Map<string, string>, used: Set<string>): string;
export function subsetCodiconFont(ttf: Uint8Array, names: Map<string, string>, used: Set<string>): Promise<Uint8Array>;
export function codiconSubset(srcDir?: string): Plugin;
