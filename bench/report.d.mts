// Types of bench/report.mjs for the TypeScript that imports it (its unit test).
export interface Figure { id: string; figure: string; value: string; target: string; status: 'pass' | 'miss' | 'info' | 'n/a' }
export interface Spread { median: number; min: number; max: number; runs: number }
export function figures(results: unknown): Figure[];
export function latencyFigures(latency: unknown): { host: Spread; bare: Spread; added: Spread; ratio: Spread; clientOverBare: Spread; hostAfterClient: Spread } | undefined;
export function textTable(results: unknown): string;
export function markdownReport(results: unknown): string;
