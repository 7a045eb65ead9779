// The one table of what an error's actions look like and do, read by every surface that shows an error: the
// notification (vscode/errorPresenter.ts), the chat and compare webviews and their hosts, @mantle's buttons and the
// Models tree's rows. Pure data, so the webview bundle and the unit tests read the same words.
import { COMMAND, OPEN_SETTINGS, SETTINGS_PREFIX } from './commandIds';
import type { MantleErrorAction } from './mantle/errors';

export interface ErrorActionSpec {
  label: string;
  /** A codicon name, for surfaces that draw one (the Models tree). */
  icon: string;
  /**
   * The command that performs it. Absent for the actions each surface performs itself: Retry (it knows what to
   * repeat) and Copy Login Command (it needs the error's own command line).
   */
  command?: { id: string; args: readonly unknown[] };
}

export const ERROR_ACTIONS: Readonly<Record<MantleErrorAction, ErrorActionSpec>> = {
  setApiKey: { label: 'Set API Key', icon: 'key', command: { id: COMMAND.setApiKey, args: [] } },
  useAwsProfile: { label: 'Use AWS Profile…', icon: 'account', command: { id: COMMAND.useAwsProfile, args: [] } },
  // An SSO or profile problem is fixed in the same picker as choosing a profile in the first place.
  chooseProfile: { label: 'Use AWS Profile…', icon: 'account', command: { id: COMMAND.useAwsProfile, args: [] } },
  selectRegion: { label: 'Select Region…', icon: 'globe', command: { id: COMMAND.selectRegion, args: [] } },
  openSettings: { label: 'Open Settings', icon: 'gear', command: { id: OPEN_SETTINGS, args: [SETTINGS_PREFIX] } },
  showLogs: { label: 'Show Logs', icon: 'output', command: { id: COMMAND.showLogs, args: [] } },
  retry: { label: 'Retry', icon: 'refresh' },
  copySsoCommand: { label: 'Copy Login Command', icon: 'copy' },
};

/** The spec of an action named by untrusted input (a webview, a stored thread); undefined for anything unknown. */
export function errorAction(name: string): ErrorActionSpec | undefined {
  return Object.prototype.hasOwnProperty.call(ERROR_ACTIONS, name) ? ERROR_ACTIONS[name as MantleErrorAction] : undefined;
}

/**
 * The actions of an error that run a command, in order, each command once (useAwsProfile and chooseProfile are the
 * same button). Unknown names are skipped.
 */
export function commandActions(actions: readonly string[]): { action: MantleErrorAction; spec: ErrorActionSpec & Required<Pick<ErrorActionSpec, 'command'>> }[] {
  const seen = new Set<string>();
  const out: ReturnType<typeof commandActions> = [];
  for (const action of actions) {
    const spec = errorAction(action);
    if (!spec?.command || seen.has(spec.command.id)) continue;
    seen.add(spec.command.id);
    out.push({ action: action as MantleErrorAction, spec: spec as ErrorActionSpec & Required<Pick<ErrorActionSpec, 'command'>> });
  }
  return out;
}
