// Words the chat shows for statuses and error actions. Pure, shared by the view and its tests.
import type { TurnStatus } from '../common/threads/model';

export const ACTION_LABELS: Record<string, string> = {
  setApiKey: 'Set API Key',
  useAwsProfile: 'Use AWS Profile',
  chooseProfile: 'Choose Profile',
  selectRegion: 'Select Region',
  openSettings: 'Open Settings',
  showLogs: 'Show Logs',
  retry: 'Retry',
  copySsoCommand: 'Copy Login Command',
};

export function statusLabel(status: TurnStatus): string | undefined {
  switch (status) {
    case 'streaming': return 'answering…';
    case 'background': return 'running in the background…';
    case 'stopped': return 'stopped';
    case 'error': return 'failed';
    case 'done': return undefined;
  }
}
