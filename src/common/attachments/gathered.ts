// The text of the gathered kinds that are made of several pieces — the active file's problems with their lines of
// code, a folder's files, the list of open editors — built here from plain data so the shape the model reads is tested
// without the editor (vscode/chat/workspaceAttachments.ts collects the data).
import { binaryReason, secretReason } from './budget';

export interface Problem {
  /** 1-based line. */
  line: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  source?: string;
  code?: string;
}

/** Each problem with the line of code it is on (and one line either side), most severe first. */
export function problemsText(file: string, problems: readonly Problem[], lines: readonly string[]): string {
  const rank = { error: 0, warning: 1, info: 2, hint: 3 };
  const sorted = [...problems].sort((a, b) => rank[a.severity] - rank[b.severity] || a.line - b.line);
  const out: string[] = [];
  for (const p of sorted) {
    const tag = [p.source, p.code].filter(Boolean).join(' ');
    out.push(`${file}:${p.line} ${p.severity}${tag ? ` (${tag})` : ''}: ${p.message}`);
    for (let n = Math.max(1, p.line - 1); n <= Math.min(lines.length, p.line + 1); n++) {
      out.push(`${n === p.line ? '>' : ' '} ${String(n).padStart(4)} | ${lines[n - 1] ?? ''}`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd();
}

/** Which of a folder's files are read: not binary, not secret-looking (those are listed as left out, never read). */
export function folderPlan(paths: readonly string[]): { read: string[]; skipped: string[] } {
  const read: string[] = [];
  const skipped: string[] = [];
  for (const p of [...paths].sort()) (binaryReason(p) || secretReason(p) ? skipped : read).push(p);
  return { read, skipped };
}

/** A folder as one text: each file under a header, then what was left out and why. */
export function folderText(files: readonly { path: string; text: string }[], skipped: readonly string[]): string {
  const parts = files.map((f) => `--- ${f.path} ---\n${f.text.trimEnd()}`);
  if (skipped.length) parts.push(`--- left out (binary or may hold secrets): ${skipped.join(', ')} ---`);
  return parts.join('\n\n');
}
