// The editor commands as data: what each one asks the model, and where its answer goes. The command layer
// (src/vscode/editor/) switches on `delivery`, so adding an action is one entry here plus its manifest lines.

export type EditorActionId = 'explain' | 'refactor' | 'fix' | 'document' | 'tests' | 'ask' | 'sendToChat';

/**
 * - rewrite: the answer replaces the selection after a diff review;
 * - newEditor: the answer opens in a new untitled editor of the same language;
 * - chat: the selection is handed to the chat view, which streams the answer there.
 */
export type EditorActionDelivery = 'rewrite' | 'newEditor' | 'chat';

export interface EditorAction {
  id: EditorActionId;
  /** Shown in quick picks and progress titles. */
  label: string;
  delivery: EditorActionDelivery;
  /** What the model is asked to do; `{language}` is replaced by the language's display name. Empty for free-form actions. */
  instruction: string;
}

export const EDITOR_ACTIONS: readonly EditorAction[] = [
  {
    id: 'explain', label: 'Explain', delivery: 'chat',
    instruction: 'Explain what the selected code does, how it works, and anything surprising or risky in it.',
  },
  {
    id: 'refactor', label: 'Refactor', delivery: 'rewrite',
    instruction: 'Refactor the selected code to make it clearer and simpler without changing its behaviour or its public interface.',
  },
  {
    id: 'fix', label: 'Fix', delivery: 'rewrite',
    instruction: 'Find and fix the bugs in the selected code. Keep everything that is not a bug as it is.',
  },
  {
    id: 'document', label: 'Add Documentation', delivery: 'rewrite',
    instruction: 'Add documentation comments to the selected code in the idiomatic style for {language} (for example JSDoc, docstrings or doc comments). Do not change the code itself.',
  },
  {
    id: 'tests', label: 'Generate Tests', delivery: 'newEditor',
    instruction: 'Write unit tests for the selected code in {language}, using the test framework most common for it. Cover normal cases, edge cases and errors.',
  },
  { id: 'ask', label: 'Ask…', delivery: 'chat', instruction: '' },
  { id: 'sendToChat', label: 'Send to Chat', delivery: 'chat', instruction: '' },
];

export function editorAction(id: EditorActionId): EditorAction {
  const a = EDITOR_ACTIONS.find((x) => x.id === id);
  if (!a) throw new Error(`unknown editor action ${id}`);
  return a;
}
