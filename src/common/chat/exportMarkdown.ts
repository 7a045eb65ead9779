// A thread as a Markdown document, for "Export Thread". Reasoning is optional: it is long and often not wanted.
// Answers are sanitized like the chat (exportSanitize.ts), so opening the export in a preview loads and runs nothing.
import { attachmentsMarkdown } from '../attachments/stored';
import type { Thread } from '../threads/model';
import { sanitizeMarkdownForExport } from './exportSanitize';
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
  const out: string[] = [`# ${sanitizeMarkdownForExport(thread.title.replace(/\s+/g, ' '))}`, ''];
  const totals = threadTotals(thread);
  out.push(`Model: \`${thread.model}\` · ${thread.turns.length} turn(s) · ${totals.inputTokens} input / ${totals.outputTokens} output tokens`);
  out.push('');
  for (const t of thread.turns) {
    out.push('## You', '', sanitizeMarkdownForExport(t.prompt), '', ...attachmentsMarkdown(t.attachments));
    out.push(`## ${t.model}${t.status === 'done' ? '' : ` (${t.status})`}`, '');
    if (options.includeReasoning && t.reasoning.trim()) {
      const fence = fenceFor(t.reasoning);
      out.push('<details><summary>Reasoning</summary>', '', `${fence}text`, t.reasoning, fence, '', '</details>', '');
    }
    if (t.answer) out.push(sanitizeMarkdownForExport(t.answer), '');
    if (t.error) out.push(quote(sanitizeMarkdownForExport(`Error: ${t.error.message}`)), '');
    if (t.notice) out.push(quote(sanitizeMarkdownForExport(t.notice)), '');
    const usage = formatTurnUsage(t.usage, t.timeToFirstTokenMs, t.totalMs);
    if (usage) out.push(`<sub>${usage}</sub>`, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}
