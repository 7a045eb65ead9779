// Tiny DOM helpers: elements are built with createElement and textContent, never from strings, except the one
// sanitized Markdown insertion in view.ts.

type Attrs = Record<string, string | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined | false)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== false) el.append(c);
  return el;
}

/** A button with a codicon and an accessible label; `action` is read by the one delegated click handler. */
export function iconButton(icon: string, label: string, action: string, data: Attrs = {}): HTMLButtonElement {
  const dataAttrs: Attrs = {};
  for (const [k, v] of Object.entries(data)) dataAttrs[`data-${k}`] = v;
  return h('button', { class: 'icon-button', type: 'button', title: label, 'aria-label': label, 'data-action': action, ...dataAttrs }, h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }));
}

export function textButton(text: string, action: string, data: Attrs = {}, icon?: string): HTMLButtonElement {
  const dataAttrs: Attrs = {};
  for (const [k, v] of Object.entries(data)) dataAttrs[`data-${k}`] = v;
  return h('button', { class: 'text-button', type: 'button', 'data-action': action, ...dataAttrs }, icon ? h('span', { class: `codicon codicon-${icon}`, 'aria-hidden': 'true' }) : undefined, text);
}
