// What the language-model provider and the @mantle participant need from the container. Functions rather than
// objects, so they always reach the current client and model list (both are rebuilt when settings change).
import type * as vscode from 'vscode';
import type { ApiKind, MantleApi, ReasoningEffort } from '../../common/mantle/types';
import type { Log } from '../log';

export interface LmDeps {
  /** container.mantle: the one client. */
  mantle: () => MantleApi;
  /** The live model ids (container.models.getModels). Rejects with a MantleError. */
  modelIds: () => Promise<string[]>;
  /** container.models.apiFor: learned or hinted Responses capability. */
  apiFor: (modelId: string) => ApiKind;
  /** Fires when the list, a capability, the credentials or the endpoint changed. */
  onDidChangeModels: vscode.Event<unknown>;
  settings: {
    readonly chatDefaultModel: string;
    readonly coderDefaultModel: string;
    readonly chatShowReasoning: boolean;
    readonly chatReasoningEffort: ReasoningEffort;
    readonly editorMaxSelectionChars: number;
  };
  /** container.errors.show: a notification with the fix-it buttons. */
  showError: (err: unknown, what: string) => void;
  log: Log;
}
