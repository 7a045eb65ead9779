// A thread as a Markdown document, for "Export Thread". Reasoning is optional: it is long and often not wanted.
import type { Thread } from '../threads/model';
import { formatTurnUsage, threadTotals } from './usage';

export interface ExportOptions {
  includeReasoning: boolean;
}

/** A Markdown fence that cannot be closed early by the text inside it. */
function fenceFor(text: string): string {
  const runs = text.match(/`{3,}/g) ?? [];
  const longest = runs.reduce((n, r) => Math.max(n, r.length), 2);
  return '`'.repeat(longest + 1);
}

function quote(text: string): string {
  return text.split(/\r?\n/).map((l) => (l ? `> ${l}` : '>')).join('\n');
}

export function exportThreadMarkdown(thread: Thread, options: ExportOptions): string {
  const out: string[] = [`# ${thread.title}`, ''];
  const totals = threadTotals(thread);
  out.push(`Model: \`${thread.model}\` · ${thread.turns.length} turn(s) · ${totals.inputTokens} input / ${totals.outputTokens} output tokens`);
  out.push('');
  for (const t of thread.turns) {
    out.push('## You', '', t.prompt, '');
    out.push(`## ${t.model}${t.status === 'done' ? '' : ` (${t.status})`}`, '');
    if (options.includeReasoning && t.reasoning.trim()) {
      const fence = fenceFor(t.reasoning);
      out.push('<details><summary>Reasoning</summary>', '', `${fence}text`, t.reasoning, fence, '', '</details>', '');
    }
    if (t.answer) out.push(t.answer, '');
    if (t.error) out.push(quote(`Error: ${t.error.message}`), '');
    if (t.notice) out.push(quote(t.notice), '');
    const usage = formatTurnUsage(t.usage, t.timeToFirstTokenMs, t.totalMs);
    if (usage) out.push(`<sub>${usage}</sub>`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
