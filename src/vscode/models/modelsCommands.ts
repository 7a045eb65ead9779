import vscode = require('vscode');
import type { ModelsViewNode } from '../../common/models/modelsView';
import type { ChatOpener } from '../../common/chat/openChat';
import { COMMAND } from '../../common/commandIds';
import { registerGuarded, type ShowsErrors } from '../commandBoundary';
import type { Log } from '../log';
import type { Settings } from '../settings';
import type { ModelService } from './modelService';
import type { ModelsTreeProvider } from './modelsTreeProvider';
import { inert } from '../../common/inertText';

type ModelNode = Extract<ModelsViewNode, { type: 'model' }>;

function isModelNode(n: unknown): n is ModelNode {
  return typeof n === 'object' && n !== null && (n as ModelsViewNode).type === 'model';
}

/** The models a context-menu command acts on: the whole selection when the clicked row is part of it. */
function targets(clicked: unknown, selected: unknown): ModelNode[] {
  const all = Array.isArray(selected) ? selected.filter(isModelNode) : [];
  if (isModelNode(clicked) && !all.some((n) => n.id === clicked.id)) return [clicked];
  return all.length > 0 ? all : isModelNode(clicked) ? [clicked] : [];
}

/** Writes a default-model setting to the user settings, and says so when a workspace setting still overrides it. */
async function setDefault(settings: Settings, which: 'chat' | 'coder', node: unknown): Promise<void> {
  if (!isModelNode(node)) return;
  const id = node.model.id;
  await settings.update(which === 'chat' ? 'chat.defaultModel' : 'coder.defaultModel', id);
  const effective = which === 'chat' ? settings.chatDefaultModel : settings.coderDefaultModel;
  if (effective !== id) {
    void vscode.window.showWarningMessage(
      inert(`${node.model.name} is now your default ${which} model in user settings, but this workspace's settings still choose ${effective}.`));
  } else {
    vscode.window.setStatusBarMessage(`$(check) Default ${which} model: ${inert(node.model.name)}`, 4000);
  }
}

export function registerModelsCommands(
  models: ModelService, tree: ModelsTreeProvider, settings: Settings, log: Log, errors: ShowsErrors, chat: ChatOpener,
): vscode.Disposable {
  const reg = (id: string, what: string, fn: (...args: unknown[]) => unknown) =>
    registerGuarded(errors, id, what, async (...args: unknown[]) => { await fn(...args); });
  return vscode.Disposable.from(
    // The tree shows a failure as its error row (with Retry), so the command itself only logs it.
    reg(COMMAND.modelsRefresh, 'Refresh Models', () => models.refresh().then(() => undefined, (e: unknown) => log.warn(`Models: listing failed: ${e instanceof Error ? e.message : String(e)}`))),
    reg(COMMAND.modelsFilter, 'Filter Models', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter Models',
        value: tree.filter,
        prompt: 'Words to match in the model id, name, vendor, kind or API (all must match). Empty clears the filter.',
        placeHolder: 'e.g. coder, qwen, vision, responses',
      });
      if (text !== undefined) tree.setFilter(text);
    }),
    reg(COMMAND.modelsClearFilter, 'Clear Models Filter', () => tree.setFilter('')),
    reg(COMMAND.modelsOpenChat, 'Open Chat with Model', (node) => {
      if (!isModelNode(node)) return;
      return chat.open({ model: node.model.id });
    }),
    reg(COMMAND.modelsSetDefaultChat, 'Set as Default Chat Model', (node) => setDefault(settings, 'chat', node)),
    reg(COMMAND.modelsSetDefaultCoder, 'Set as Default Coder Model', (node) => setDefault(settings, 'coder', node)),
    reg(COMMAND.modelsCopyId, 'Copy Model ID', async (node, selected) => {
      const ids = targets(node, selected).map((n) => n.model.id);
      if (ids.length === 0) return;
      await vscode.env.clipboard.writeText(ids.join('\n'));
      vscode.window.setStatusBarMessage(`$(check) Copied ${ids.length === 1 ? inert(ids[0]) : `${ids.length} model IDs`}`, 3000);
    }),
  );
}
