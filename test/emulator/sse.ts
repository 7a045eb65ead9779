// Writes Server-Sent Events with the emulator's pacing and stream faults. Frames flagged `token` are the model's
// output deltas: the first waits firstTokenMs, the rest tokenMs each (or, on a schedule, at a fixed rate from the
// first). cut/stall count every frame written.
import type { ServerResponse } from 'node:http';
import { delay } from './http';

export interface SseFrame {
  /** SSE `event:` name; Responses streams send it, Chat Completions streams are data-only. */
  event?: string;
  data: string;
  /** Write the data: line before the event: line, as Mantle's Responses streams do. */
  dataFirst?: boolean;
  /** Set on the model's output deltas: paced by the token delays, and used to rebuild a partial answer. */
  token?: { kind: 'reasoning' | 'text'; delta: string };
}

export interface StreamPacing {
  firstTokenMs: number;
  tokenMs: number;
  /**
   * Token i (from 0) leaves at firstToken + i × tokenMs after the first one, and every token due when a timer fires
   * leaves then: a fixed rate, even where tokenMs is below the timers' 1 ms granularity (emulator `tokensPerSecond`).
   * Without it each token waits tokenMs after the previous one was written.
   */
  onSchedule?: boolean;
  termination?: { kind: 'cut' | 'stall'; afterChunks: number };
}

export interface StreamOutcome {
  how: 'complete' | 'client-closed' | 'cut' | 'stalled';
  /** Frames actually written before the stream ended. */
  written: number;
}

/** The reasoning and text the client actually received before the stream ended. */
export function deliveredText(frames: SseFrame[], written: number): { reasoning: string; text: string } {
  let reasoning = '';
  let text = '';
  for (const f of frames.slice(0, written)) {
    if (f.token?.kind === 'reasoning') reasoning += f.token.delta;
    else if (f.token?.kind === 'text') text += f.token.delta;
  }
  return { reasoning, text };
}

export function startSse(res: ServerResponse, headers: Record<string, string>): void {
  res.writeHead(200, {
    ...headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  res.flushHeaders();
}

/** Drops the connection without finishing the response, after the frames already written have left the process
 * (destroying at once would discard them and the client would see fewer chunks than the fault promised). */
export async function cutConnection(res: ServerResponse): Promise<void> {
  const socket = res.socket;
  if (!socket) return;
  await new Promise<void>((resolve) => socket.write('', () => resolve()));
  socket.destroy();
}

function encode(frame: SseFrame): string {
  if (!frame.event) return `data: ${frame.data}\n\n`;
  return frame.dataFirst ? `data: ${frame.data}\nevent: ${frame.event}\n\n` : `event: ${frame.event}\ndata: ${frame.data}\n\n`;
}

/** Writes the frames; `onCut` runs just before the server destroys the socket so the log can tell it from a client abort. */
export async function writeFrames(
  res: ServerResponse,
  frames: readonly SseFrame[],
  pacing: StreamPacing,
  onCut: () => void,
  /** Updated as frames go out, so a 'close' listener knows how much the client got at the moment it left. */
  progress: { written: number } = { written: 0 },
): Promise<StreamOutcome> {
  let written = 0;
  let tokensSent = 0;
  let firstTokenAt = 0;
  for (const frame of frames) {
    if (pacing.termination && written >= pacing.termination.afterChunks) {
      if (pacing.termination.kind === 'cut') {
        onCut();
        await cutConnection(res);
        return { how: 'cut', written };
      }
      // Stall: keep the socket open and silent until the client gives up (or the emulator closes).
      await new Promise<void>((resolve) => (res.closed ? resolve() : res.once('close', () => resolve())));
      return { how: 'stalled', written };
    }
    if (frame.token) {
      if (tokensSent === 0) {
        await delay(pacing.firstTokenMs);
        firstTokenAt = performance.now();
      } else if (pacing.onSchedule) await delay(firstTokenAt + tokensSent * pacing.tokenMs - performance.now());
      else await delay(pacing.tokenMs);
      tokensSent += 1;
    }
    if (res.destroyed || res.closed) return { how: 'client-closed', written };
    const ok = res.write(encode(frame));
    written += 1;
    progress.written = written;
    if (!ok) {
      // Respect backpressure so a client that stops reading (or aborts) is noticed during long replies.
      await new Promise<void>((resolve) => {
        const done = (): void => { res.off('drain', done); res.off('close', done); resolve(); };
        res.once('drain', done);
        res.once('close', done);
      });
    } else if (written % 256 === 0) {
      // With zero delays, yield now and then so socket events (a client abort) are processed mid-stream.
      await new Promise((r) => setImmediate(r));
    }
  }
  if (res.destroyed || res.closed) return { how: 'client-closed', written };
  res.end();
  return { how: 'complete', written };
}
