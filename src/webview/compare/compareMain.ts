// The compare mode of the webview bundle (the panel's page has #compare-app instead of the chat's #app). Applies the
// host's snapshots and streamed deltas, and turns clicks into validated protocol messages. One delegated listener
// per event type reads data-action / data-change: no inline handlers under the strict CSP.
import './compare.css';
import { applyDelta, type CompareSnapshot } from '../../common/compare/session';
import { parseCompareHostMessage, type CompareWebviewMessage } from '../../common/compareProtocol';
import { blockAuxLinkClicks, interceptLink } from '../dom';
import { loadMarkdownRenderer } from '../markdown';
import { createCompareView } from './compareView';

interface VsCodeApi {
  postMessage(message: CompareWebviewMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export async function startCompare(root: HTMLElement): Promise<void> {
  const vscode = acquireVsCodeApi();
  const markdown = await loadMarkdownRenderer();
  const view = createCompareView(root, markdown);
  const post = (m: CompareWebviewMessage) => vscode.postMessage(m);
  let snapshot: CompareSnapshot | undefined;

  window.addEventListener('message', (e: MessageEvent) => {
    const parsed = parseCompareHostMessage(e.data);
    if (!parsed.ok) { console.warn(`Bedrock Mantle compare: ignored a host message (${parsed.reason})`); return; }
    const m = parsed.message;
    if (m.type === 'state') { snapshot = m.snapshot; view.render(snapshot); }
    else if (m.type === 'delta') {
      if (!snapshot) return;
      snapshot = applyDelta(snapshot, m.column, m.run, m.text, m.reasoning);
      view.renderColumnSoon(() => snapshot, m.column);
    } else view.showNotice(m.text);
  });

  blockAuxLinkClicks(root);
  root.addEventListener('click', (e) => {
    if (interceptLink(root, e, (href) => post({ type: 'openLink', href }))) return;
    const el = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!el) return;
    const column = Number(el.dataset.column ?? -1);
    switch (el.dataset.action) {
      case 'stop': return post({ type: 'stop' });
      case 'rerun': return post({ type: 'rerun', runs: Number(view.runsSelect.value) || 1 });
      case 'copyTable': return post({ type: 'copyTable' });
      case 'toggleReasoning': return post({ type: 'setShowReasoning', show: !(snapshot?.showReasoning ?? true) });
      case 'continueInChat': return post({ type: 'continueInChat', column });
      case 'copyAnswer': return post({ type: 'copyAnswer', column });
      case 'errorAction': return post({ type: 'runAction', action: el.dataset.name ?? '' });
      case 'dismissNotice': return view.showNotice('');
    }
  });

  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && snapshot?.running) { e.preventDefault(); post({ type: 'stop' }); }
  });

  post({ type: 'ready' });
}
