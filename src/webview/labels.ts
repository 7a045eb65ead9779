// Words the chat shows for statuses and error actions. Pure, shared by the view and its tests; the actions' words
// come from the one registry every surface reads (common/errorActions.ts).
import { errorAction } from '../common/errorActions';
import type { TurnStatus } from '../common/threads/model';

/** The button label of an error action, or undefined for a name the registry does not know (never shown). */
export function actionLabel(action: string): string | undefined {
  return errorAction(action)?.label;
}

export function statusLabel(status: TurnStatus): string | undefined {
  switch (status) {
    case 'streaming': return 'answering…';
    case 'background': return 'running in the background…';
    case 'stopped': return 'stopped';
    case 'error': return 'failed';
    case 'done': return undefined;
  }
}
