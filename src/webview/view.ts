// Paints UiState into the DOM. The frame (toolbar, transcript, composer) is built once so the composer keeps its
// focus and caret; the transcript is rebuilt on `state` (turn boundaries, thread switch — not per token) and a
// streaming turn's answer is repainted at most once per animation frame when deltas arrive, incrementally: only its
// last, still-growing Markdown block is rendered again (streamingAnswer.ts), and its element is kept across rebuilds.
import { promptSize } from '../common/chat/input';
import { formatCached, formatCount, formatTurnUsage } from '../common/chat/usage';
import { costOf, formatTotal, withCost } from '../common/account/pricing';
import { formatContextUse } from '../common/account/contextMeter';
import { threadFigures, withDraft, type ThreadFigures } from '../common/chat/threadWindow';
import type { Turn } from '../common/threads/model';
import { renderToolUses } from './toolUses';
import type { ApiKind } from '../common/mantle/types';
import { h, iconButton, textButton } from './dom';
import { actionLabel, statusLabel } from './labels';
import type { MarkdownRenderer } from './markdown';
import { currentModel, isRunning, reasoningOpen, type UiState } from './state';
import { appendChunked, StreamingAnswer } from './streamingAnswer';
import { createAttachmentsBar, transcriptAttachments, type AttachmentsBar } from './attachmentsBar';
import { TranscriptWindow } from './transcriptWindow';
import { createToolbar } from './toolbar';

export interface ChatView {
  render(s: UiState): void;
  /** Repaint one turn's streamed text (coalesced per animation frame). */
  renderTurnSoon(s: () => UiState, turnId: string): void;
  /** Refresh only the composer bar (size hint, buttons) while typing. */
  renderComposer(s: UiState): void;
  /** Older turns the transcript asked for arrived (in `s`): rendered if the reader is waiting for them. */
  olderTurns(s: UiState): void;
  readonly composer: HTMLTextAreaElement;
  /** The composer's attachment chips and `#` menu (attachmentsBar.ts). */
  readonly attachments: AttachmentsBar;
}

/** The API badge's tooltip: what the API means for the history. */
const API_TITLES: Record<ApiKind, string> = {
  responses: 'Responses API (chained on the server)',
  chat: 'Chat Completions (history sent)',
  messages: 'Anthropic Messages (history sent, repeated part read from the prompt cache)',
};

interface TurnElements {
  answer: HTMLElement;
  reasoning?: HTMLElement;
  reasoningBlock?: HTMLElement;
}

/** The whole thread's figures: as the host computed them, or from the thread when the host posted all of it. */
function figuresOf(s: UiState): ThreadFigures | undefined {
  return s.figures ?? (s.thread ? threadFigures(s.thread, s.prefs.pricing) : undefined);
}

/** `loadOlder` asks the host for the turns before index `before` of a thread (transcriptWindow.ts). */
export function createView(root: HTMLElement, markdown: MarkdownRenderer, loadOlder: (threadId: string, before: number) => void = () => undefined): ChatView {
  const toolbar = createToolbar();
  const threadList = h('nav', { class: 'thread-list', 'aria-label': 'Threads', hidden: true });
  const transcript = h('main', { class: 'transcript', 'aria-live': 'polite' });
  const notice = h('div', { class: 'notice', role: 'status', hidden: true });
  const composer = h('textarea', { class: 'composer-input', id: 'composer', rows: '3', placeholder: 'Ask anything — Enter sends, Shift+Enter for a new line, Escape stops', 'aria-label': 'Message', 'data-input': 'draft' });
  const size = h('span', { class: 'prompt-size', hidden: true });
  const contextMeter = h('div', { class: 'context-meter usage', hidden: true });
  const background = h('input', { type: 'checkbox', id: 'background', 'data-change': 'background' });
  const backgroundLabel = h('label', { class: 'background-option', title: 'Run as a background response on the server (polled; survives a window reload)' }, background, ' background');
  const sendButton = textButton('Send', 'send', {}, 'send');
  sendButton.id = 'send';
  const stopButton = textButton('Stop', 'stop', {}, 'debug-stop');
  stopButton.id = 'stop';
  const totals = h('div', { class: 'totals usage' });
  const attachments = createAttachmentsBar();
  const footer = h('footer', { class: 'composer' }, attachments.menu, attachments.el, composer, h('div', { class: 'composer-bar' }, attachments.button, size, h('span', { class: 'spacer' }), backgroundLabel, stopButton, sendButton), totals, contextMeter);
  root.replaceChildren(toolbar.el, threadList, transcript, notice, footer);

  let turnEls = new Map<string, TurnElements>();
  /** What the last full render showed: a different thread or a new turn scrolls to the bottom. */
  let shown = { threadId: '', turns: 0 };
  const dirty = new Set<string>();
  let frame = 0;

  const nearBottom = () => transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 60;
  // Reading the end of a thread keeps you at the end when the view is resized (e.g. a panel opens below it).
  // A streaming answer is observed too: as it grows, this runs after the browser's own layout of the frame, so keeping
  // the end in view reads and writes the scroll position without forcing an extra layout in the middle of a paint.
  let pinned = true;
  transcript.addEventListener('scroll', () => { pinned = nearBottom(); }, { passive: true });
  const follow = new ResizeObserver(() => { if (pinned) transcript.scrollTop = transcript.scrollHeight; });
  follow.observe(transcript);
  /** Answers still streaming, by turn id: their rendered blocks survive a transcript rebuild. */
  const live = new Map<string, StreamingAnswer>();
  /** The message (reasoning and answer) of each streaming turn, observed while it grows. */
  const liveMessages = new Map<string, HTMLElement>();
  /** A long thread renders its last turns only, and older ones as the reader scrolls up (transcriptWindow.ts). */
  let lastState: UiState | undefined;
  const windowed = new TranscriptWindow(transcript, () => { if (lastState) view.render(lastState); }, loadOlder);

  /** The answer element of `turn`: a live one while it streams (and until all of it is shown), else rendered whole. */
  function answerElement(turn: Turn): HTMLElement {
    if (turn.status === 'streaming' || live.has(turn.id)) return paintLive(turn);
    const shownEl = finished.get(turn.id);
    if (shownEl?.source === turn.answer) return shownEl.el;
    const el = h('div', { class: 'answer markdown' });
    paintWhole(el, turn);
    return el;
  }

  /**
   * Each finished answer's sanitized HTML, so a `state` rebuild does not run Markdown again (cleared per thread). Both
   * this and `finished` are needed: `finished` keeps the element itself on screen across rebuilds but forgets a turn
   * that leaves the rendered window; `htmlOf` remembers it, so when that turn comes back only its HTML is parsed again.
   */
  const htmlOf = new Map<string, { source: string; html: string }>();
  /**
   * The answer elements of the finished turns on screen, by turn id: a `state` rebuild keeps them where they are
   * (keepInPlace) instead of parsing, styling and laying out a long answer again (cleared per thread; a turn that
   * leaves the rendered window is dropped).
   */
  const finished = new Map<string, { source: string; el: HTMLElement }>();
  function paintWhole(el: HTMLElement, turn: Turn): void {
    let done = htmlOf.get(turn.id);
    if (done?.source !== turn.answer) htmlOf.set(turn.id, done = { source: turn.answer, html: markdown.render(turn.answer) });
    el.innerHTML = done.html; // sanitized by DOMPurify in markdown.ts
    decorateCodeBlocks(el);
    // Chunked as a streamed answer is (streamingAnswer.ts): the same HTML, and a long answer off screen is skipped.
    const nodes = Array.from(el.childNodes);
    el.replaceChildren();
    appendChunked(el, nodes);
    finished.set(turn.id, { source: turn.answer, el });
  }

  function paintLive(turn: Turn): HTMLElement {
    let answer = live.get(turn.id);
    if (!answer) {
      const streaming: StreamingAnswer = new StreamingAnswer(h('div', { class: 'answer markdown' }), markdown, decorateCodeBlocks, () => {
        // All of the final text is shown: from now on the answer is a finished one, kept as it is.
        if (live.get(turn.id) !== streaming) return;
        dropLive(turn.id);
        finished.set(turn.id, { source: streaming.shownText, el: streaming.el });
      });
      answer = streaming;
      live.set(turn.id, answer);
    }
    answer.paint(turn.answer, turn.status !== 'streaming');
    return answer.el;
  }

  function dropLive(id: string): void {
    live.get(id)?.stop();
    dropObserved(id);
    live.delete(id);
  }

  function dropObserved(id: string): void {
    const message = liveMessages.get(id);
    if (message) follow.unobserve(message);
    liveMessages.delete(id);
  }

  function renderTurn(s: UiState, turn: Turn): HTMLElement {
    const editing = s.editing?.turnId === turn.id ? s.editing : undefined;
    const running = isRunning(s);
    const user = h('section', { class: 'msg user', 'data-turn': turn.id },
      h('div', { class: 'msg-head' }, h('span', { class: 'who' }, 'You'), h('span', { class: 'spacer' }),
        !editing && !running && iconButton('edit', 'Edit and resend (starts a branch)', 'startEdit', { turn: turn.id })),
      editing
        ? h('div', { class: 'edit' }, h('textarea', { class: 'edit-input', rows: '3', 'data-input': 'edit', 'aria-label': 'Edit message' }, editing.text),
          h('div', { class: 'edit-bar' }, textButton('Send as a branch', 'editSend', { turn: turn.id }, 'git-branch'), textButton('Cancel', 'cancelEdit')))
        : h('div', { class: 'user-text' }, turn.prompt),
      transcriptAttachments(turn.attachments));

    const els: TurnElements = { answer: answerElement(turn) };
    const status = statusLabel(turn.status);
    const assistant = h('section', { class: `msg assistant status-${turn.status}`, 'data-turn': turn.id },
      h('div', { class: 'msg-head' }, h('span', { class: 'who' }, turn.model), status && h('span', { class: `badge badge-${turn.status}` }, status),
        turn.api && h('span', { class: 'api', title: API_TITLES[turn.api] }, turn.api),
        h('span', { class: 'spacer' }), turn.answer && iconButton('copy', 'Copy answer', 'copyAnswer', { turn: turn.id })));
    if (turn.reasoning || (turn.status === 'streaming' && !turn.answer)) {
      const open = reasoningOpen(s, turn);
      els.reasoning = h('div', { class: 'reasoning-body', hidden: !open }, turn.reasoning);
      els.reasoningBlock = h('div', { class: `reasoning ${open ? 'open' : 'closed'}`, hidden: !turn.reasoning },
        h('button', { class: 'reasoning-head', type: 'button', 'data-action': 'toggleTurnReasoning', 'data-turn': turn.id, 'aria-expanded': open ? 'true' : 'false' },
          h('span', { class: `codicon codicon-chevron-${open ? 'down' : 'right'}`, 'aria-hidden': 'true' }), 'Reasoning'),
        els.reasoning);
      assistant.append(els.reasoningBlock);
    }
    const toolUses = renderToolUses(turn);
    if (toolUses) assistant.append(toolUses);
    const slot = h('div');
    assistant.append(slot);
    if (turn.status === 'stopped' && !turn.notice) assistant.append(h('div', { class: 'turn-notice' }, h('span', { class: 'codicon codicon-debug-stop', 'aria-hidden': 'true' }), ' Stopped. The partial answer is kept but not used as context for the next turn.'));
    if (turn.notice) assistant.append(h('div', { class: 'turn-notice' }, h('span', { class: 'codicon codicon-info', 'aria-hidden': 'true' }), ' ', turn.notice));
    if (turn.error) {
      assistant.append(h('div', { class: 'turn-error', role: 'alert' },
        h('span', { class: 'codicon codicon-error', 'aria-hidden': 'true' }), ' ', turn.error.message,
        h('div', { class: 'error-actions' }, ...turn.error.actions.filter((a) => actionLabel(a)).map((a) => textButton(actionLabel(a) ?? a, 'errorAction', { name: a, turn: turn.id })))));
    }
    if (turn.status === 'background') assistant.append(h('div', { class: 'background-bar' }, h('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }), ' Running on the server; checked every few seconds. ', textButton('Cancel', 'cancelBackground', { turn: turn.id })));
    const usage = withCost(formatTurnUsage(turn.usage, turn.timeToFirstTokenMs, turn.totalMs), costOf(turn.model, turn.usage, s.prefs.pricing));
    if (usage) assistant.append(h('div', { class: 'usage' }, usage));
    turnEls.set(turn.id, els);
    const kept = keepInPlace(els.answer, user, assistant, slot);
    if (!kept) slot.replaceWith(els.answer);
    const message = els.answer.parentElement;
    if (live.has(turn.id) && message && liveMessages.get(turn.id) !== message) {
      dropObserved(turn.id);
      liveMessages.set(turn.id, message);
      follow.observe(message);
    }
    return kept ?? h('article', { class: 'turn' }, user, assistant);
  }

  function renderThreads(s: UiState): void {
    threadList.hidden = !s.showThreads;
    if (!s.showThreads) return;
    threadList.replaceChildren(...s.threads.map((t) => h('div', { class: `thread-row${t.id === s.thread?.id ? ' active' : ''}` },
      h('button', { class: 'thread-open', type: 'button', 'data-action': 'switchThread', 'data-thread': t.id, title: `${t.model} · ${t.turns} turn(s)` },
        t.running ? h('span', { class: 'codicon codicon-loading codicon-modifier-spin', 'aria-hidden': 'true' }) : undefined, t.title),
      iconButton('edit', 'Rename', 'renameThread', { thread: t.id }), iconButton('trash', 'Delete', 'deleteThread', { thread: t.id }))));
    if (!s.threads.length) threadList.append(h('div', { class: 'empty' }, 'No threads yet.'));
  }

  function updateComposer(s: UiState): void {
    if (composer.value !== s.draft) composer.value = s.draft;
    const info = promptSize(s.draft);
    size.hidden = !info.long;
    size.textContent = info.long ? `${info.chars.toLocaleString('en-US')} characters ≈ ${info.approxTokens.toLocaleString('en-US')} tokens` : '';
    size.title = size.textContent;
    const running = isRunning(s);
    sendButton.hidden = running;
    stopButton.hidden = !running;
    const api = currentModel(s)?.api ?? 'chat';
    backgroundLabel.hidden = api !== 'responses' || !s.prefs.store;
    background.checked = s.background;
    const figures = figuresOf(s);
    const meter = figures ? formatContextUse(withDraft(figures.context, s.draft)) : '';
    contextMeter.hidden = !meter;
    contextMeter.textContent = meter;
    attachments.render(s.attachments);
  }

  const view: ChatView = {
    composer,
    attachments,
    renderComposer: updateComposer,
    olderTurns(s) {
      lastState = s;
      windowed.olderArrived(s.first);
    },
    render(s) {
      lastState = s;
      // The whole thread's turn count: older turns paged in (held, not new) must not count as a new turn.
      const now = { threadId: s.thread?.id ?? '', turns: s.thread ? s.total : 0 };
      const stick = nearBottom() || now.threadId !== shown.threadId || now.turns > shown.turns;
      if (now.threadId !== shown.threadId) { htmlOf.clear(); finished.clear(); }
      shown = now;
      toolbar.render(s);
      renderThreads(s);
      turnEls = new Map();
      dirty.clear();
      const turns = windowed.visible(s.thread?.id, s.thread?.turns ?? [], stick, s.first, s.total);
      const rendered = new Set(turns.map((t) => t.id));
      for (const id of live.keys()) if (!rendered.has(id)) dropLive(id);
      for (const id of finished.keys()) if (!rendered.has(id)) finished.delete(id);
      reconcile(transcript, (turns.length ? [...(windowed.hidden ? [windowed.earlier] : []), ...turns.map((t) => renderTurn(s, t))] : [h('div', { class: 'empty-thread' },
        h('span', { class: 'codicon codicon-comment-discussion', 'aria-hidden': 'true' }),
        h('p', {}, s.connected ? 'Start a conversation.' : 'Loading…'),
        h('p', { class: 'hint' }, s.prefs.store ? 'Responses models (GPT-OSS) keep the conversation on the server: each turn sends only your new message.' : 'Server-side storage is off (bedrockMantle.chat.store): each turn resends the history.'))]));
      const figures = figuresOf(s);
      const t = figures?.totals;
      const cost = figures ? formatTotal(figures.cost) : '';
      totals.textContent = t && t.turns ? `thread: in ${formatCount(t.inputTokens)} · out ${formatCount(t.outputTokens)} · reasoning ${formatCount(t.reasoningTokens)} · ${formatCached(t)}${cost ? ` · ${cost}` : ''}` : '';
      totals.title = totals.textContent;
      totals.hidden = !totals.textContent;
      notice.hidden = !s.notice;
      notice.replaceChildren(...(s.notice ? [h('span', {}, s.notice), iconButton('close', 'Dismiss', 'dismissNotice')] : []));
      updateComposer(s);
      if (stick) transcript.scrollTop = transcript.scrollHeight;
    },
    renderTurnSoon(get, turnId) {
      dirty.add(turnId);
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const s = get();
        lastState = s; // a window repaint (scrolling up) must not paint older text than this
        for (const id of dirty) {
          const turn = s.thread?.turns.find((t) => t.id === id);
          const els = turnEls.get(id);
          if (!turn || !els) continue;
          if (live.has(id)) paintLive(turn); else paintWhole(els.answer, turn);
          if (els.reasoning && els.reasoningBlock) { els.reasoning.textContent = turn.reasoning; els.reasoningBlock.hidden = !turn.reasoning; }
        }
        dirty.clear();
      });
    },
  };
  return view;
}

/** Adds Copy / Insert at Cursor / Open in New Editor to every rendered code block. */
function decorateCodeBlocks(container: ParentNode): void {
  for (const pre of Array.from(container.querySelectorAll('pre'))) {
    // DOMPurify drops data-* attributes from model output, so the language is read back from the code's class.
    const lang = /(?:^|\s)language-([\w#+.-]+)/.exec(pre.querySelector('code')?.className ?? '')?.[1] ?? 'plaintext';
    const bar = h('div', { class: 'code-bar' }, h('span', { class: 'code-lang' }, lang), h('span', { class: 'spacer' }),
      iconButton('copy', 'Copy', 'copyCode'), iconButton('insert', 'Insert at Cursor', 'insertCode'), iconButton('go-to-file', 'Open in New Editor', 'openCode', { language: lang }));
    const wrap = h('div', { class: 'code-block' });
    pre.replaceWith(wrap);
    wrap.append(bar, pre);
  }
}

/**
 * A streaming answer already on screen stays where it is when its turn is rebuilt (a `state` at a turn boundary, the
 * end of the stream): the rest of its message is swapped in around it. Moving it would make the browser style and
 * lay out the whole answer again, tens of milliseconds for a long one. Returns the kept article, if there is one.
 */
function keepInPlace(answer: HTMLElement, user: HTMLElement, assistant: HTMLElement, slot: HTMLElement): HTMLElement | undefined {
  const section = answer.parentElement;
  const article = section?.parentElement;
  const oldUser = section?.previousElementSibling;
  if (!answer.isConnected || !section || !article?.classList.contains('turn') || !oldUser) return undefined;
  for (const n of Array.from(section.childNodes)) if (n !== answer) n.remove();
  const parts = Array.from(assistant.childNodes);
  const at = parts.indexOf(slot);
  answer.before(...parts.slice(0, at));
  answer.after(...parts.slice(at + 1));
  section.className = assistant.className;
  oldUser.replaceWith(user);
  return article;
}

/** Makes `parent`'s children exactly `nodes`; children that stay are not detached (so not styled and laid out again). */
function reconcile(parent: HTMLElement, nodes: Node[]): void {
  const keep = new Set(nodes);
  for (const c of Array.from(parent.childNodes)) if (!keep.has(c)) c.remove();
  let at = parent.firstChild;
  for (const n of nodes) {
    if (n === at) at = at.nextSibling;
    else parent.insertBefore(n, at);
  }
}
