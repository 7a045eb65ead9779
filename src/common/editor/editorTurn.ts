// One editor-command request: Chat Completions streaming (the coder models are Chat-only), with a running summary
// for the progress notification. Cancelling is the caller's AbortSignal; the client then closes the HTTP request.

import type { ChatMessage, MantleApi, TurnResult } from '../mantle/types';

export interface StreamProgress {
  /** Characters of answer text received so far. */
  chars: number;
  /** The last non-empty line of the answer so far, for a glimpse of what is arriving. */
  lastLine: string;
}

export interface EditorTurnRequest {
  model: string;
  messages: ChatMessage[];
  maxOutputTokens?: number;
}

export async function runEditorTurn(
  api: MantleApi,
  req: EditorTurnRequest,
  onProgress: (p: StreamProgress) => void,
  signal?: AbortSignal,
): Promise<TurnResult> {
  let text = '';
  return api.streamTurn(
    { model: req.model, api: 'chat', messages: req.messages, maxOutputTokens: req.maxOutputTokens },
    (e) => {
      if (e.kind !== 'text') return;
      text += e.delta;
      onProgress({ chars: text.length, lastLine: lastLine(text) });
    },
    signal,
  );
}

function lastLine(text: string): string {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].trim()) return lines[i].trim();
  return '';
}

/** The progress notification's message: "1,234 characters · const x = …", the line shortened to fit a toast. */
export function progressMessage(p: StreamProgress, maxLineChars = 60): string {
  const count = `${p.chars.toLocaleString('en-US')} character${p.chars === 1 ? '' : 's'}`;
  if (!p.lastLine) return count;
  const line = p.lastLine.length > maxLineChars ? `${p.lastLine.slice(0, maxLineChars - 1)}…` : p.lastLine;
  return `${count} · ${line}`;
}
