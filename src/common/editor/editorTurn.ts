// One editor-command request through the turn engine: stateless, so Chat Completions first and Responses for the
// models that answer only Responses (GPT-5.x), wherever the router says the model lives. A running summary feeds the
// progress notification. Cancelling is the caller's AbortSignal; the client then closes the HTTP request.
import { PREFER_CHAT, streamStateless, type TurnEngine } from '../mantle/turnEngine';
import type { ChatMessage, TurnResult } from '../mantle/types';

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
  turns: TurnEngine,
  req: EditorTurnRequest,
  onProgress: (p: StreamProgress) => void,
  signal?: AbortSignal,
): Promise<TurnResult> {
  let text = '';
  return streamStateless(
    turns,
    req.model,
    // Not stored: an editor command is one question, never continued on the server.
    (api) => ({ model: req.model, api, messages: req.messages, maxOutputTokens: req.maxOutputTokens, ...(api === 'responses' ? { store: false } : {}) }),
    (e) => {
      if (e.kind !== 'text') return;
      text += e.delta;
      onProgress({ chars: text.length, lastLine: lastLine(text) });
    },
    signal,
    PREFER_CHAT,
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
