// The tool calls of a chat turn in the transcript: one collapsible entry per call, its name and result summary in the
// summary line, its arguments inside. Everything here came from the model or a tool, so it is put in as text nodes
// (never HTML, never a link or a command).
import type { Turn } from '../common/threads/model';
import { h } from './dom';

export function renderToolUses(turn: Turn): HTMLElement | undefined {
  if (!turn.tools?.length) return undefined;
  return h('div', { class: 'tool-uses', 'aria-label': 'Tool calls' },
    ...turn.tools.map((u) => h('details', { class: `tool-use${u.isError ? ' tool-error' : ''}` },
      h('summary', {}, h('span', { class: `codicon codicon-${u.isError ? 'warning' : 'tools'}`, 'aria-hidden': 'true' }), ' ',
        h('span', { class: 'tool-name' }, u.name), ' — ', h('span', { class: 'tool-summary' }, u.summary)),
      h('pre', { class: 'tool-args' }, u.args))));
}
