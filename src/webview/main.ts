// Chat webview entry (browser bundle). Wires the host messages and the person's input to the reducer and the view.
// No inline handlers: one delegated listener per event type reads data-action / data-change / data-input.
import './styles.css';
import { checkPrompt } from '../common/chat/input';
import { isReasoningEffort } from '../common/models/reasoningEfforts';
import { parseHostMessage, type WebviewMessage } from '../common/protocol';
import { startCompare } from './compare/compareMain';
import { blockAuxLinkClicks, interceptLink } from './dom';
import { loadMarkdownRenderer } from './markdown';
import { initialState, isRunning, persisted, reduce, type Action, type PersistedUi, type UiState } from './state';
import { createView } from './view';
import { imageFiles, prepareImage } from './imageInput';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PersistedUi): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

async function main(): Promise<void> {
  const vscode = acquireVsCodeApi();
  const root = document.getElementById('app');
  if (!root) return;
  const markdown = await loadMarkdownRenderer();
  let state: UiState = initialState((vscode.getState() ?? undefined) as Partial<PersistedUi> | undefined);
  const post = (m: WebviewMessage) => vscode.postMessage(m);
  const view = createView(root, markdown, (threadId, before) => post({ type: 'loadTurns', threadId, before }));

  const dispatch = (a: Action, repaint = true) => {
    state = reduce(state, a);
    vscode.setState(persisted(state));
    if (repaint) view.render(state);
  };

  window.addEventListener('message', (e: MessageEvent) => {
    const parsed = parseHostMessage(e.data);
    if (!parsed.ok) { console.warn(`Bedrock Mantle chat: ignored a host message (${parsed.reason})`); return; }
    const m = parsed.message;
    if (m.type === 'delta') {
      dispatch(m, false);
      view.renderTurnSoon(() => state, m.turnId);
    } else if (m.type === 'turns') {
      // Older turns for the scroll-back: nothing on screen changes unless the reader is waiting for them.
      dispatch(m, false);
      view.olderTurns(state);
    } else {
      dispatch(m);
    }
  });

  const send = () => {
    const check = checkPrompt(view.composer.value);
    if (!check.ok) { dispatch({ type: 'showNotice', text: check.reason }); return; }
    if (isRunning(state)) return;
    post({ type: 'send', threadId: state.thread?.id ?? '', text: check.text, background: state.background && !root.querySelector<HTMLElement>('.background-option')?.hidden });
    dispatch({ type: 'sent' });
  };

  const threadId = () => state.thread?.id ?? '';

  // Images: pasted, dropped or picked; prepared (downscaled) here, checked again by the host.
  const imagePicker = document.createElement('input');
  imagePicker.type = 'file';
  imagePicker.accept = 'image/png,image/jpeg,image/webp,image/gif';
  imagePicker.multiple = true;
  imagePicker.hidden = true;
  root.append(imagePicker);
  const attachImages = async (files: File[]) => {
    for (const f of files) {
      const img = await prepareImage(f);
      if (typeof img === 'string') dispatch({ type: 'showNotice', text: img });
      else post({ type: 'attachImage', ...img });
    }
  };
  imagePicker.addEventListener('change', () => { void attachImages(imageFiles(imagePicker.files)); imagePicker.value = ''; });
  view.composer.addEventListener('paste', (e) => {
    const files = imageFiles(e.clipboardData?.items);
    if (files.length) { e.preventDefault(); void attachImages(files); }
  });
  root.addEventListener('dragover', (e) => { if (e.dataTransfer?.types.includes('Files')) e.preventDefault(); });
  root.addEventListener('drop', (e) => {
    const files = imageFiles(e.dataTransfer?.files);
    if (files.length) { e.preventDefault(); void attachImages(files); }
  });

  /** A kind chosen from the `#` menu: the `#` typed for it is removed from the draft. */
  const attachKind = (kind: string) => {
    view.attachments.showMenu(false);
    const caret = view.composer.selectionStart;
    if (caret > 0 && view.composer.value[caret - 1] === '#') {
      const text = view.composer.value.slice(0, caret - 1) + view.composer.value.slice(caret);
      dispatch({ type: 'draft', text }, false);
      view.renderComposer(state);
      view.composer.setSelectionRange(caret - 1, caret - 1);
    }
    view.composer.focus();
    if (kind === 'image') imagePicker.click();
    else if (kind) post({ type: 'attach', kind });
  };

  blockAuxLinkClicks(root);
  root.addEventListener('click', (e) => {
    if (interceptLink(root, e, (href) => post({ type: 'openLink', href }))) return;
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!el) return;
    const turn = el.dataset.turn ?? '';
    const code = () => el.closest('.code-block')?.querySelector('code')?.textContent ?? '';
    switch (el.dataset.action) {
      case 'send': return send();
      case 'stop': return post({ type: 'stop', threadId: threadId() });
      case 'newThread': return post({ type: 'newThread' });
      case 'toggleThreads': return dispatch({ type: 'toggleThreads' });
      case 'switchThread': return post({ type: 'switchThread', threadId: el.dataset.thread ?? '' });
      case 'renameThread': return post({ type: 'renameThread', threadId: el.dataset.thread ?? '' });
      case 'deleteThread': return post({ type: 'deleteThread', threadId: el.dataset.thread ?? '' });
      case 'exportThread': return post({ type: 'exportThread', threadId: threadId() });
      case 'toggleReasoningGlobal': return post({ type: 'setShowReasoning', show: !state.prefs.showReasoning });
      case 'useModel': return post({ type: 'setModel', threadId: threadId(), model: el.dataset.model ?? '' });
      case 'setEffort': {
        const effort = el.dataset.effort;
        if (isReasoningEffort(effort)) post({ type: 'setEffort', effort });
        return;
      }
      case 'toggleThreadTools': return post({ type: 'setThreadTools', threadId: threadId(), on: state.thread?.toolsOff === true });
      case 'toggleTurnReasoning': return dispatch({ type: 'toggleTurnReasoning', turnId: turn });
      case 'startEdit': dispatch({ type: 'startEdit', turnId: turn }); root.querySelector<HTMLTextAreaElement>('.edit-input')?.focus(); return;
      case 'cancelEdit': return dispatch({ type: 'cancelEdit' });
      case 'editSend': {
        const editing = state.editing;
        if (!editing) return;
        const check = checkPrompt(editing.text);
        if (!check.ok) { dispatch({ type: 'showNotice', text: check.reason }); return; }
        post({ type: 'editResend', threadId: threadId(), turnId: editing.turnId, text: check.text });
        return dispatch({ type: 'cancelEdit' });
      }
      case 'copyCode': return post({ type: 'copy', text: code() });
      case 'insertCode': return post({ type: 'insertCode', code: code() });
      case 'openCode': return post({ type: 'openCode', code: code(), language: el.dataset.language ?? 'plaintext' });
      case 'copyAnswer': {
        const t = state.thread?.turns.find((x) => x.id === turn);
        if (t) post({ type: 'copy', text: t.answer });
        return;
      }
      case 'errorAction': return post({ type: 'runAction', action: el.dataset.name ?? '', threadId: threadId(), turnId: turn });
      case 'cancelBackground': return post({ type: 'cancelBackground', threadId: threadId(), turnId: turn });
      case 'dismissNotice': return dispatch({ type: 'dismissNotice' });
      case 'toggleAttachMenu': return view.attachments.showMenu(view.attachments.menu.hidden === true);
      case 'attachKind': return attachKind(el.dataset.kind ?? '');
      case 'removeAttachment': return post({ type: 'removeAttachment', id: el.dataset.id ?? '' });
      case 'toggleInstructions': return post({ type: 'setInstructions', on: !(state.attachments?.instructions?.on ?? true) });
    }
  });

  root.addEventListener('change', (e) => {
    const el = e.target as HTMLElement;
    const kind = el.dataset.change;
    if (kind === 'model' && el instanceof HTMLSelectElement && state.thread) post({ type: 'setModel', threadId: state.thread.id, model: el.value });
    if (kind === 'background' && el instanceof HTMLInputElement) dispatch({ type: 'background', on: el.checked });
  });

  root.addEventListener('input', (e) => {
    const el = e.target as HTMLElement;
    if (!(el instanceof HTMLTextAreaElement)) return;
    // Typing only updates the state; the composer bar (size hint) is refreshed without rebuilding the transcript.
    if (el.dataset.input === 'draft') {
      dispatch({ type: 'draft', text: el.value }, false);
      view.renderComposer(state);
      // `#` at the start or after a space offers the attachment kinds.
      const caret = el.selectionStart;
      view.attachments.showMenu(caret > 0 && el.value[caret - 1] === '#' && (caret === 1 || /\s/.test(el.value[caret - 2] ?? '')));
    }
    if (el.dataset.input === 'edit') dispatch({ type: 'editText', text: el.value }, false);
  });

  root.addEventListener('keydown', (e) => {
    const el = e.target as HTMLElement;
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && el === view.composer) { e.preventDefault(); send(); }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    if (!view.attachments.menu.hidden) { view.attachments.showMenu(false); return; }
    if (isRunning(state)) { e.preventDefault(); post({ type: 'stop', threadId: threadId() }); }
    else if (state.editing) dispatch({ type: 'cancelEdit' });
  });

  view.render(state);
  post({ type: 'ready' });
  view.composer.focus();
}

// The compare panel's page (#compare-app) runs this same bundle, so marked, DOMPurify and highlight.js ship once.
const compareRoot = document.getElementById('compare-app');
if (compareRoot) void startCompare(compareRoot);
else void main();
