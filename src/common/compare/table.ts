// The comparison table: one row per model, the same cells in the webview's live table and in "Copy Table as
// Markdown" (shaped like the seed lab's tables: model, latency, output tokens, reasoning or not).
import { apiName } from '../mantle/turnEngine';
import { columnStats, type CompareColumn, type CompareSnapshot } from './session';

export interface ComparisonTable {
  headers: string[];
  rows: string[][];
  /** One sentence saying how the figures were taken. */
  note: string;
}

export function formatLatency(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatTokens(n: number | undefined): string {
  return n === undefined ? '–' : n.toLocaleString('en-US');
}

export function formatRate(perSecond: number | undefined): string {
  return perSecond === undefined ? '–' : perSecond >= 100 ? String(Math.round(perSecond)) : perSecond.toFixed(1);
}

function runsCell(c: CompareColumn, asked: number): string {
  const done = c.runs.filter((r) => r.status === 'done').length;
  const failed = c.runs.find((r) => r.status === 'error');
  if (failed?.error) return `failed (${failed.error.kind})`;
  if (c.runs.some((r) => r.status === 'streaming' || r.status === 'pending')) return `${done}/${asked}…`;
  if (done < asked) return `${done}/${asked} (stopped)`;
  return String(done);
}

function reasoningCell(reasoned: boolean, tokens: number | undefined): string {
  if (!reasoned) return 'no';
  return tokens ? `yes (${formatTokens(tokens)})` : 'yes';
}

export function comparisonTable(s: CompareSnapshot): ComparisonTable {
  const repeated = s.runs > 1;
  const headers = [
    'Model', 'API', 'Runs',
    repeated ? 'First token (median)' : 'First token',
    repeated ? 'Latency (median)' : 'Latency',
    ...(repeated ? ['First call (cold)'] : []),
    'Input tokens', 'Output tokens', 'Reasoning', 'Output tokens/s',
  ];
  const rows = s.columns.map((c) => {
    const st = columnStats(c);
    const api = c.runs.find((r) => r.status === 'done')?.api ?? c.runs.find((r) => r.api)?.api;
    return [
      c.name,
      api ? apiName(api) : '–',
      runsCell(c, s.runs),
      formatLatency(st.ttftMs),
      formatLatency(st.totalMs),
      ...(repeated ? [formatLatency(st.cold?.totalMs)] : []),
      formatTokens(st.inputTokens),
      formatTokens(st.outputTokens),
      st.completed ? reasoningCell(st.reasoned, st.reasoningTokens) : '–',
      formatRate(st.tokensPerSecond),
    ];
  });
  const note = repeated
    ? `${s.runs} runs per model. First token and latency are medians of the runs after the first; the first call is shown on its own. Tokens and tokens/s are medians of all completed runs.`
    : 'One run per model. Output tokens/s counts output tokens (reasoning included) over the time after the first token.';
  return { headers, rows, note };
}

/** A cell's text made safe for a Markdown table: pipes escaped, line breaks flattened. */
function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The prompt as a short quote above the table (first line, at most 120 characters). */
function promptLine(prompt: string): string {
  const first = prompt.trim().split(/\r?\n/, 1)[0] ?? '';
  const short = first.length > 120 ? `${first.slice(0, 119).trimEnd()}…` : first;
  return `Prompt: ${mdCell(short)}${prompt.trim().includes('\n') ? ' …' : ''}`;
}

export function comparisonMarkdown(s: CompareSnapshot): string {
  const t = comparisonTable(s);
  const line = (cells: string[]) => `| ${cells.map(mdCell).join(' | ')} |`;
  return [
    promptLine(s.prompt),
    '',
    line(t.headers),
    `|${t.headers.map(() => '---').join('|')}|`,
    ...t.rows.map(line),
    '',
    t.note,
    '',
  ].join('\n');
}
