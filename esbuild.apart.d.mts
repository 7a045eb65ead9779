import type { Plugin } from 'esbuild';

export const APART: { filter: RegExp; packages: string[]; importer: RegExp; file: string; loader: string }[];
export const sdksApart: Plugin;
export const featuresApart: Plugin;
export const containerApart: Plugin;
export const vscodeAsIs: Plugin;
