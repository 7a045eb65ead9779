// The chat's header: the thread title on its own row (with the thread list, New thread and Export beside it), and
// under it one row of controls for the turn: the model, the reasoning effort, the reasoning and tools toggles. Split
// that way, both rows stay on one line from the side bar's default width (about 290 px) to a wide editor, and the
// title keeps the room it needs; a long model id is cut by its select, never pushed to a second line.
// The effort is an icon button with a menu (codicon `dashboard`), keyboard-driven like VS Code's own menus: arrows,
// Home/End, Enter or Space to pick, Escape or Tab to close. Picking posts through main.ts's `setEffort` action.
import type { ApiKind, ReasoningEffort } from '../common/mantle/types';
import { ALL_EFFORTS, effortFor } from '../common/models/reasoningEfforts';
import { h, iconButton } from './dom';
import { currentModel, type UiState } from './state';

export interface ChatToolbar {
  readonly el: HTMLElement;
  render(s: UiState): void;
}

const GROUPS: [string, ApiKind][] = [['Responses API — stateful', 'responses'], ['Chat Completions', 'chat'], ['Anthropic Messages — Claude', 'messages']];

export function createToolbar(): ChatToolbar {
  const title = h('span', { class: 'thread-title', id: 'thread-title' });
  const modelSelect = h('select', { class: 'model-select', id: 'model-select', 'aria-label': 'Model', 'data-change': 'model' });
  const effortLevel = h('span', { class: 'effort-level' });
  const effortButton = h('button', { class: 'icon-button effort-button', id: 'effort-button', type: 'button', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'effort-menu' },
    h('span', { class: 'codicon codicon-dashboard', 'aria-hidden': 'true' }), effortLevel);
  const effortItems = ALL_EFFORTS.map((e) => h('button', { class: 'menu-item', type: 'button', role: 'menuitemradio', 'aria-checked': 'false', 'data-action': 'setEffort', 'data-effort': e, tabindex: '-1' },
    h('span', { class: 'codicon codicon-check', 'aria-hidden': 'true' }), e));
  const effortMenu = h('div', { class: 'toolbar-menu', id: 'effort-menu', role: 'menu', 'aria-label': 'Reasoning effort', hidden: true },
    h('div', { class: 'menu-heading', 'aria-hidden': 'true' }, 'Reasoning effort'), ...effortItems);
  const reasoningToggle = iconButton('lightbulb', 'Show reasoning', 'toggleReasoningGlobal');
  reasoningToggle.id = 'reasoning-toggle';
  const toolsToggle = iconButton('tools', 'Workspace tools are on for this thread', 'toggleThreadTools');
  toolsToggle.id = 'tools-toggle';

  const titleRow = h('div', { class: 'title-row' },
    iconButton('list-unordered', 'Threads', 'toggleThreads'), title,
    iconButton('add', 'New thread', 'newThread'), iconButton('export', 'Export thread as Markdown', 'exportThread'));
  const controls = h('div', { class: 'toolbar' }, modelSelect, effortButton, reasoningToggle, toolsToggle);
  const el = h('header', { class: 'chat-header' }, titleRow, controls, effortMenu);

  const offered = () => effortItems.filter((i) => !i.hidden);
  function openMenu(open: boolean, focus = true): void {
    effortMenu.hidden = !open;
    effortButton.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (open) (offered().find((i) => i.getAttribute('aria-checked') === 'true') ?? offered()[0])?.focus();
    else if (focus) effortButton.focus();
  }
  effortButton.addEventListener('click', () => openMenu(effortMenu.hidden === true));
  effortButton.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') { e.preventDefault(); openMenu(true); }
  });
  // A pick (the click also reaches main.ts, which posts it) or a click anywhere else closes the menu.
  effortMenu.addEventListener('click', (e) => { if ((e.target as HTMLElement).closest('.menu-item')) openMenu(false); });
  document.addEventListener('click', (e) => {
    if (!effortMenu.hidden && !el.contains(e.target as Node)) openMenu(false, false);
  });
  effortMenu.addEventListener('keydown', (e) => {
    const items = offered();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    const move = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (move !== undefined) {
      e.preventDefault();
      items[(move + items.length) % items.length]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      // Escape here only closes the menu: it must not also stop a running turn (main.ts listens on the document).
      e.preventDefault();
      e.stopPropagation();
      openMenu(false);
    }
  });

  function renderModels(s: UiState): void {
    const current = s.thread?.model ?? '';
    modelSelect.replaceChildren(...GROUPS.map(([label, api]) => h('optgroup', { label }, ...s.models.filter((m) => m.api === api).map((m) =>
      // A native option shows text only, so a vision model is marked in words (its tooltip says what that means).
      h('option', { value: m.id, selected: m.id === current, title: m.vision ? 'Reads images' : undefined }, m.vision ? `${m.id} · vision` : m.id)))));
    modelSelect.value = current;
    modelSelect.disabled = !s.thread;
    modelSelect.title = current;
  }

  function renderEffort(s: UiState): void {
    const model = currentModel(s);
    // Only the efforts the current model's family takes are offered; the preference shows as the nearest of them.
    const efforts: readonly ReasoningEffort[] = model?.efforts ?? ['low', 'medium', 'high'];
    const effort = model ? effortFor(model.id, s.prefs.effort) : s.prefs.effort;
    for (const item of effortItems) {
      item.hidden = !efforts.includes(item.dataset.effort as ReasoningEffort);
      item.setAttribute('aria-checked', item.dataset.effort === effort ? 'true' : 'false');
    }
    const on = model?.reasoning === true;
    effortButton.disabled = !on;
    effortButton.dataset.effort = effort;
    effortLevel.textContent = effort;
    const label = on ? `Reasoning effort: ${effort}` : 'Reasoning effort (only for reasoning models)';
    effortButton.title = label;
    effortButton.setAttribute('aria-label', label);
    if (!on && !effortMenu.hidden) openMenu(false, false);
  }

  return {
    el,
    render(s) {
      title.textContent = s.thread?.title ?? 'Bedrock Mantle';
      title.title = title.textContent;
      renderModels(s);
      renderEffort(s);
      reasoningToggle.setAttribute('aria-pressed', s.prefs.showReasoning ? 'true' : 'false');
      reasoningToggle.title = s.prefs.showReasoning ? 'Hide reasoning' : 'Show reasoning';
      reasoningToggle.classList.toggle('on', s.prefs.showReasoning);
      const toolsOn = !s.thread?.toolsOff;
      toolsToggle.hidden = s.prefs.tools !== true;
      toolsToggle.setAttribute('aria-pressed', toolsOn ? 'true' : 'false');
      toolsToggle.title = toolsOn ? 'Workspace tools are on for this thread (click to turn them off)' : 'Workspace tools are off for this thread (click to turn them on)';
      toolsToggle.classList.toggle('on', toolsOn);
    },
  };
}
