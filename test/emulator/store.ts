// Server-side state for the Responses API: stored responses (store:true), each with the full conversation it ended
// (earlier turns + its input + its output) so previous_response_id can rebuild context even if an ancestor is deleted.
import type { Turn } from './scriptedModel';

export type ResponseObject = Record<string, unknown> & { id: string; status: string; output: unknown[] };

export interface StoredResponse {
  response: ResponseObject;
  /** History before this turn + this turn's input + its output (instructions are not carried over, as on OpenAI). */
  conversation: Turn[];
  /** This turn's input items as the client sent them, with ids (GET /responses/{id}/input_items). */
  inputItems: Record<string, unknown>[];
  /** Background work still pending; cleared when it finishes or is cancelled. */
  timers: NodeJS.Timeout[];
}

export class ResponseStore {
  private readonly items = new Map<string, StoredResponse>();

  put(entry: StoredResponse): void {
    this.items.set(entry.response.id, entry);
  }

  get(id: string): StoredResponse | undefined {
    return this.items.get(id);
  }

  delete(id: string): boolean {
    const entry = this.items.get(id);
    entry?.timers.forEach(clearTimeout);
    return this.items.delete(id);
  }

  ids(): string[] {
    return [...this.items.keys()];
  }

  clear(): void {
    for (const id of this.ids()) this.delete(id);
  }
}
