// The composer's attachments: a row of chips (each with its estimated tokens and a remove button), the workspace
// instruction file as a switchable chip, the estimate against the model's context window, a warning line (over
// budget, or an image for a model that does not read images), and the `#` / paperclip menu of attachment kinds.
// Built with createElement and textContent only; thumbnails are data: URLs checked in parseAttachmentsView.
import type { AttachmentChip, AttachmentsView } from '../common/attachments/composer';
import type { Attachment } from '../common/attachments/attachment';
import { ATTACH_KINDS } from '../common/attachments/kinds';
import { formatCount } from '../common/chat/usage';
import { h, iconButton, textButton } from './dom';


export interface AttachmentsBar {
  /** Chips, estimate and warning: above the textarea. */
  readonly el: HTMLElement;
  /** The kinds menu, shown by `#` or the paperclip. */
  readonly menu: HTMLElement;
  /** The paperclip for the composer bar. */
  readonly button: HTMLButtonElement;
  render(view: AttachmentsView | undefined): void;
  showMenu(show: boolean): void;
}

function chip(c: AttachmentChip): HTMLElement {
  return h('span', { class: `attachment-chip${c.note ? ' has-note' : ''}`, 'data-kind': c.kind, title: c.note ? `${c.label} — ${c.note}` : c.label },
    c.thumb ? h('img', { class: 'attachment-thumb', src: c.thumb, alt: '' }) : h('span', { class: `codicon codicon-${iconFor(c.kind)}`, 'aria-hidden': 'true' }),
    h('span', { class: 'attachment-label' }, c.label),
    h('span', { class: 'attachment-tokens' }, `≈${formatCount(c.tokens)}`),
    iconButton('close', `Remove ${c.label}`, 'removeAttachment', { id: c.id }));
}

function iconFor(kind: string): string {
  return ATTACH_KINDS.find((m) => m.kind === kind)?.icon ?? 'file';
}

export function createAttachmentsBar(): AttachmentsBar {
  const chips = h('div', { class: 'attachment-chips' });
  const budget = h('span', { class: 'attachment-budget' });
  const warning = h('div', { class: 'attachment-warning', role: 'alert', hidden: true });
  const el = h('div', { class: 'attachments', hidden: true }, chips, warning);
  const menu = h('div', { class: 'attach-menu', role: 'menu', hidden: true },
    ...ATTACH_KINDS.map((m) => h('button', { type: 'button', role: 'menuitem', class: 'attach-menu-item', 'data-action': 'attachKind', 'data-kind': m.kind },
      h('span', { class: `codicon codicon-${m.icon}`, 'aria-hidden': 'true' }), `#${m.kind} — ${m.label}`)));
  const button = iconButton('attach', 'Attach context (or type #)', 'toggleAttachMenu');
  button.id = 'attach';
  return {
    el, menu, button,
    render(view) {
      const items: HTMLElement[] = (view?.chips ?? []).map(chip);
      const ins = view?.instructions;
      if (ins) {
        items.push(h('span', { class: `attachment-chip instructions${ins.on ? '' : ' off'}`, title: `Workspace instructions from ${ins.label}, added to each turn. Click to switch ${ins.on ? 'off' : 'on'}.` },
          h('span', { class: 'codicon codicon-book', 'aria-hidden': 'true' }),
          h('button', { type: 'button', class: 'attachment-toggle', 'data-action': 'toggleInstructions', 'aria-pressed': ins.on ? 'true' : 'false' }, ins.label),
          h('span', { class: 'attachment-tokens' }, ins.on ? `≈${formatCount(ins.tokens)}` : 'off')));
      }
      if (view && view.window > 0 && (view.chips.length || ins?.on)) {
        budget.textContent = `≈${formatCount(view.tokens)} / ${formatCount(view.window)} tokens`;
        budget.title = `Estimated tokens of the attachments and instructions, against the model's context window (${view.window.toLocaleString('en-US')}).`;
        budget.classList.toggle('over', view.tokens > view.window || (view.maxTotal > 0 && view.tokens > view.maxTotal));
        items.push(budget);
      }
      chips.replaceChildren(...items);
      // The "does not read images" warning offers the vision models it names, one click each.
      warning.replaceChildren(view?.warning ?? '', ...(view?.visionModels?.length
        ? [h('div', { class: 'attachment-actions' }, ...view.visionModels.map((m) => textButton(`Switch to ${m}`, 'useModel', { model: m }, 'eye')))]
        : []));
      warning.hidden = !view?.warning;
      el.hidden = items.length === 0 && !view?.warning;
    },
    showMenu(show) { menu.hidden = !show; },
  };
}

/** A sent turn's attachments in the transcript: names and sizes, images as thumbnails. */
export function transcriptAttachments(list: readonly Attachment[] | undefined): HTMLElement | undefined {
  if (!list?.length) return undefined;
  return h('div', { class: 'turn-attachments' }, ...list.map((a) => h('span', { class: 'attachment-chip', 'data-kind': a.kind, title: a.kind === 'image' ? a.label : (a.path ?? a.label) },
    a.kind === 'image' && /^[A-Za-z0-9+/]+={0,2}$/.test(a.data)
      ? h('img', { class: 'attachment-thumb large', src: `data:${a.mediaType};base64,${a.data}`, alt: a.label })
      : h('span', { class: `codicon codicon-${iconFor(a.kind)}`, 'aria-hidden': 'true' }),
    h('span', { class: 'attachment-label' }, a.label),
    h('span', { class: 'attachment-tokens' }, `≈${formatCount(a.tokens)}`))));
}
