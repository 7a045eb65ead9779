// One editor-command request through the turn engine, always on Chat Completions (the coder models are Chat-only),
// with a running summary for the progress notification. Cancelling is the caller's AbortSignal; the client then
// closes the HTTP request.
import { singleClientEngine, streamStateless, type ModelRoute, type TurnStreamer } from '../mantle/turnEngine';
import type { ChatMessage, TurnResult } from '../mantle/types';

const CHAT_ONLY: ModelRoute = { apis: ['chat'] };

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
  client: TurnStreamer,
  req: EditorTurnRequest,
  onProgress: (p: StreamProgress) => void,
  signal?: AbortSignal,
): Promise<TurnResult> {
  let text = '';
  return streamStateless(
    singleClientEngine(client, () => 'chat'),
    req.model,
    (api) => ({ model: req.model, api, messages: req.messages, maxOutputTokens: req.maxOutputTokens }),
    (e) => {
      if (e.kind !== 'text') return;
      text += e.delta;
      onProgress({ chars: text.length, lastLine: lastLine(text) });
    },
    signal,
    CHAT_ONLY,
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
