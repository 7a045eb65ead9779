// What the language-model provider and the @mantle participant need from the container.
import type * as vscode from 'vscode';
import type { TurnEngine } from '../../common/mantle/turnEngine';
import type { ApiKind, ReasoningEffort } from '../../common/mantle/types';
import type { Log } from '../log';

export interface LmDeps {
  /** The turn engine over the one client: each model's API from its learned or hinted capability, and the fallback. */
  turns: TurnEngine;
  /** The live model ids (container.models.getModels). Rejects with a MantleError. */
  modelIds: () => Promise<string[]>;
  /** container.models.apiFor: learned or hinted Responses capability (shown in the model picker). */
  apiFor: (modelId: string) => ApiKind;
  /** container.toolSupport: a model learned to refuse tools is offered without toolCalling. */
  isToolless?: (modelId: string) => boolean;
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
