// The `ready` handshake of one webview page (the chat's views and the compare panel go through it alike). A page
// that has not said `ready` yet — just created, reloaded, or shown again after being hidden, which destroys its
// content — has no listener, so what is posted to it is held back: messages a snapshot replaces (the state, streamed
// deltas) are dropped, anything else (a notice, a composed prompt) waits. When the page says `ready` the gate sends
// the feature's snapshot, then what waited, then lets posts through. Every `ready` replays: a page that posts it
// again is a new page. Messages are validated (common/messageCheck.ts) before the feature's handler sees them.
import { receiveWebviewMessage, type Parsed } from './messageCheck';

export interface ReadyGateDeps<H extends { type: string }, W extends { type: string }> {
  /** Names the feature in log lines ("Chat", "Compare"). */
  feature: string;
  /** The feature's own protocol validator (common/protocol.ts, common/compareProtocol.ts). */
  parse(raw: unknown): Parsed<W>;
  /** The feature's handlers; `ready` reaches them too, after the snapshot went out. */
  handle(message: W): Promise<void> | void;
  /** Everything a freshly loaded page needs to show the feature as it is now. */
  snapshot(): readonly H[];
  /** Message types a snapshot makes redundant: dropped, not kept, while the page is not ready. */
  replacedBySnapshot: readonly H['type'][];
  /** Posts to the page itself (never throws: vscode/webviewHost.ts postToWebview). */
  send(message: H): void;
  log: { warn(message: string): void; error(message: string, err?: unknown): void };
  /** How many held-back messages are kept at most (the oldest go first); 50 unless a test says otherwise. */
  maxHeld?: number;
}

export class ReadyGate<H extends { type: string }, W extends { type: string }> {
  private open = false;
  private readonly held: H[] = [];

  constructor(private readonly deps: ReadyGateDeps<H, W>) {}

  /** Posts now to a ready page; otherwise drops what the snapshot will replace and holds the rest. */
  post(message: H): void {
    if (this.open) { this.deps.send(message); return; }
    if (this.deps.replacedBySnapshot.includes(message.type)) return;
    this.held.push(message);
    if (this.held.length > (this.deps.maxHeld ?? 50)) this.held.shift();
  }

  /** Everything the page posts: validated, `ready` answered with the snapshot, then handed to the feature. */
  receive(raw: unknown): Promise<void> {
    return receiveWebviewMessage(this.deps.feature, raw, (r) => this.deps.parse(r), async (m) => {
      if (m.type === 'ready') this.replay();
      await this.deps.handle(m);
    }, this.deps.log);
  }

  /** The page is gone (hidden without retained context, or about to reload): hold posts until it is ready again. */
  lost(): void { this.open = false; }

  private replay(): void {
    // Closed while the snapshot is taken: deltas it flushes belonged to the old page and the snapshot holds them.
    this.open = false;
    for (const m of this.deps.snapshot()) this.deps.send(m);
    this.open = true;
    for (const m of this.held.splice(0)) this.deps.send(m);
  }
}
