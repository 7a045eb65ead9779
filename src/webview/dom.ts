// Tiny DOM helpers: elements are built with createElement and textContent, never from strings, except the
// sanitized Markdown insertions (view.ts, streamingAnswer.ts).

type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

/** { turn: 't1' } → { 'data-turn': 't1' }: what the delegated handlers read from el.dataset. */
function dataAttributes(data: Attrs): Attrs {
  const out: Attrs = {};
  for (const [k, v] of Object.entries(data)) out[`data-${k}`] = v;
  return out;
}

/** A button with a codicon and an accessible label; `action` is read by the one delegated click handler. */
export function iconButton(icon: string, label: string, action: string, data: Attrs = {}): HTMLButtonElement {
  return h('button', { class: 'icon-button', type: 'button', title: label, 'aria-label': label, 'data-action': action, ...dataAttributes(data) }, h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }));
}

export function textButton(text: string, action: string, data: Attrs = {}, icon?: string): HTMLButtonElement {
  return h('button', { class: 'text-button', type: 'button', 'data-action': action, ...dataAttributes(data) }, icon ? h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }) : undefined, text);
}

/**
 * Links never navigate the webview: a click on a link inside `root` is cancelled and its address handed to `open`
 * (the host decides, and asks first). The click also stops here: VS Code's own webview frame listens for clicks on
 * links and would otherwise open the address at once, before (and besides) the confirmation. Returns whether the
 * click was on a link.
 */
export function interceptLink(root: HTMLElement, e: MouseEvent, open: (href: string) => void): boolean {
  const link = (e.target as HTMLElement).closest('a');
  if (!link || !root.contains(link)) return false;
  e.preventDefault();
  e.stopPropagation();
  const href = link.getAttribute('href');
  if (href && !href.startsWith('#')) open(href);
  return true;
}

/** A middle click (auxclick) on a link opens nothing and does not reach VS Code's frame either. */
export function blockAuxLinkClicks(root: HTMLElement): void {
  root.addEventListener('auxclick', (e) => { interceptLink(root, e, () => undefined); });
}
