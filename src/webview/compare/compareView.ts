// Paints a CompareSnapshot: a toolbar (Runs, Run again / Stop, reasoning toggle, Copy Table as Markdown), the live
// table, and one column per model. The columns are built once per comparison and then updated in place, so a
// reasoning block the person opened or closed stays that way; streamed text is repainted once per animation frame,
// incrementally (only the last, still-growing Markdown block is rendered again: ../streamingAnswer.ts).
import type { CompareRun, CompareSnapshot } from '../../common/compare/session';
import { shownRun } from '../../common/compare/session';
import { costOf, withCost } from '../../common/account/pricing';
import { comparisonTable } from '../../common/compare/table';
import { RUN_CHOICES } from '../../common/compare/fanOut';
import { h, iconButton, textButton } from '../dom';
import { actionLabel } from '../labels';
import type { MarkdownRenderer } from '../markdown';
import { StreamingAnswer } from '../streamingAnswer';

export interface CompareView {
  render(s: CompareSnapshot): void;
  /** Repaint one column's streamed text (coalesced per animation frame). */
  renderColumnSoon(get: () => CompareSnapshot | undefined, column: number): void;
  showNotice(text: string): void;
  readonly runsSelect: HTMLSelectElement;
}

interface ColumnElements {
  root: HTMLElement;
  status: HTMLElement;
  api: HTMLElement;
  runLabel: HTMLElement;
  reasoning: HTMLDetailsElement;
  reasoningBody: HTMLElement;
  answer: StreamingAnswer;
  error: HTMLElement;
  figures: HTMLElement;
}

const STATUS_LABELS: Record<CompareRun['status'], string> = {
  pending: 'waiting…',
  streaming: 'answering…',
  done: 'done',
  stopped: 'stopped',
  error: 'failed',
};

export function createCompareView(root: HTMLElement, markdown: MarkdownRenderer): CompareView {
  const prompt = h('div', { class: 'compare-prompt', id: 'compare-prompt' });
  const runsSelect = h('select', { id: 'compare-runs', 'aria-label': 'Runs per model', title: 'Runs per model: with more than one, latency is the median of the runs after the first (cold) call', 'data-change': 'runs' },
    ...RUN_CHOICES.map((n) => h('option', { value: String(n) }, `Runs: ${n}`)));
  const rerun = textButton('Run again', 'rerun', {}, 'refresh');
  rerun.id = 'compare-rerun';
  const stop = textButton('Stop', 'stop', {}, 'debug-stop');
  stop.id = 'compare-stop';
  const reasoningToggle = iconButton('lightbulb', 'Show reasoning', 'toggleReasoning');
  reasoningToggle.id = 'compare-reasoning-toggle';
  const copyTable = textButton('Copy Table as Markdown', 'copyTable', {}, 'copy');
  copyTable.id = 'compare-copy-table';
  const toolbar = h('header', { class: 'toolbar compare-toolbar' }, prompt, h('span', { class: 'spacer' }), runsSelect, rerun, stop, reasoningToggle, copyTable);
  const table = h('table', { class: 'compare-table', id: 'compare-table' });
  const note = h('p', { class: 'compare-note' });
  const notice = h('div', { class: 'notice', role: 'status', hidden: true });
  const grid = h('main', { class: 'compare-columns', id: 'compare-columns' });
  root.replaceChildren(toolbar, h('section', { class: 'compare-table-wrap', 'aria-label': 'Figures per model' }, table, note), notice, grid);

  let builtFor = '';
  let cols: ColumnElements[] = [];
  let showReasoning: boolean | undefined;
  const dirty = new Set<number>();
  let frame = 0;

  function buildColumn(index: number, name: string, model: string): ColumnElements {
    const els: ColumnElements = {
      root: h('section', { class: 'compare-column', 'data-column': String(index), 'aria-label': name }),
      status: h('span', { class: 'badge' }),
      api: h('span', { class: 'api' }),
      runLabel: h('span', { class: 'run-label' }),
      reasoning: h('details', { class: 'reasoning compare-reasoning' }),
      reasoningBody: h('div', { class: 'reasoning-body' }),
      answer: new StreamingAnswer(h('div', { class: 'answer markdown' }), markdown),
      error: h('div', { class: 'turn-error', role: 'alert', hidden: true }),
      figures: h('div', { class: 'usage compare-figures' }),
    };
    els.reasoning.append(h('summary', { class: 'reasoning-head' }, 'Reasoning'), els.reasoningBody);
    els.root.append(
      h('header', { class: 'msg-head compare-head' }, h('span', { class: 'who', title: model }, name), els.status, els.api, h('span', { class: 'spacer' }), els.runLabel),
      h('div', { class: 'compare-model-id' }, model),
      els.reasoning, els.answer.el, els.error, els.figures,
      h('footer', { class: 'compare-actions' },
        textButton('Continue in Chat', 'continueInChat', { column: String(index) }, 'comment-discussion'),
        iconButton('copy', 'Copy answer', 'copyAnswer', { column: String(index) })),
    );
    return els;
  }

  function paintText(els: ColumnElements, run: CompareRun): void {
    // A run shown again or a different run starts over by itself: its text does not extend what is shown.
    els.answer.paint(run.text, run.status !== 'streaming');
    els.reasoningBody.textContent = run.reasoning;
    els.reasoning.hidden = !run.reasoning;
  }

  function paintColumn(s: CompareSnapshot, i: number): void {
    const col = s.columns[i];
    const els = cols[i];
    if (!col || !els) return;
    const { run, index } = shownRun(col);
    els.root.className = `compare-column status-${run.status}`;
    els.status.textContent = STATUS_LABELS[run.status];
    els.status.className = `badge badge-${run.status}`;
    els.status.hidden = run.status === 'done';
    els.api.textContent = run.api ?? '';
    els.api.title = run.fellBack ? 'Refused the Responses API; answered through Chat Completions' : '';
    els.runLabel.textContent = s.runs > 1 ? `run ${index + 1} of ${s.runs}` : '';
    paintText(els, run);
    const failed = col.runs.find((r) => r.status === 'error');
    els.error.hidden = !failed?.error;
    els.error.replaceChildren(...(failed?.error ? [
      h('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }), ' ', failed.error.message,
      h('div', { class: 'error-actions' }, ...failed.error.actions.filter((a) => actionLabel(a) && a !== 'retry' && a !== 'copySsoCommand')
        .map((a) => textButton(actionLabel(a) ?? a, 'errorAction', { name: a }))),
    ] : []));
    const secs = (ms: number | undefined) => (ms === undefined ? '–' : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`);
    els.figures.textContent = run.status === 'pending' ? '' : `first token ${secs(run.ttftMs)} · total ${secs(run.totalMs)}${run.usage ? ` · out ${run.usage.outputTokens}` : ''}`;
    els.figures.textContent = withCost(els.figures.textContent, costOf(col.model, run.usage, s.pricing));
  }

  function renderTable(s: CompareSnapshot): void {
    const t = comparisonTable(s);
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...t.headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, ...t.rows.map((cells, i) => h('tr', { 'data-model': s.columns[i]?.model ?? '' }, ...cells.map((c, j) => (j === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c)))))),
    );
    note.textContent = t.note;
  }

  return {
    runsSelect,
    render(s) {
      if (builtFor !== s.id || cols.length !== s.columns.length) {
        builtFor = s.id;
        cols = s.columns.map((c, i) => buildColumn(i, c.name, c.model));
        grid.className = `compare-columns cols-${s.columns.length}`;
        grid.replaceChildren(...cols.map((c) => c.root));
        runsSelect.value = String(s.runs);
        showReasoning = undefined; // a new comparison opens its reasoning blocks as the setting says
        dirty.clear();
      }
      if (showReasoning !== s.showReasoning) {
        showReasoning = s.showReasoning;
        for (const c of cols) c.reasoning.open = s.showReasoning;
      }
      prompt.textContent = s.prompt.trim().split(/\r?\n/, 1)[0] ?? '';
      prompt.title = s.prompt;
      reasoningToggle.setAttribute('aria-pressed', s.showReasoning ? 'true' : 'false');
      reasoningToggle.title = s.showReasoning ? 'Hide reasoning' : 'Show reasoning';
      reasoningToggle.classList.toggle('on', s.showReasoning);
      stop.hidden = !s.running;
      rerun.hidden = s.running;
      runsSelect.disabled = s.running;
      for (let i = 0; i < s.columns.length; i++) paintColumn(s, i);
      renderTable(s);
    },
    renderColumnSoon(get, column) {
      dirty.add(column);
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const s = get();
        for (const i of dirty) {
          const col = s?.columns[i];
          const els = cols[i];
          if (col && els) paintText(els, shownRun(col).run);
        }
        dirty.clear();
      });
    },
    showNotice(text) {
      notice.hidden = !text;
      notice.replaceChildren(...(text ? [h('span', {}, text), iconButton('close', 'Dismiss', 'dismissNotice')] : []));
    },
  };
}
