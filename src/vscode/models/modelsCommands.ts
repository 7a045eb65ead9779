import * as vscode from 'vscode';
import type { ModelsViewNode } from '../../common/models/modelsView';
import type { Log } from '../log';
import type { ModelService } from './modelService';
import type { ModelsTreeProvider } from './modelsTreeProvider';

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
async function setDefault(setting: 'chat.defaultModel' | 'coder.defaultModel', what: string, node: unknown): Promise<void> {
  if (!isModelNode(node)) return;
  const config = vscode.workspace.getConfiguration('bedrockMantle');
  await config.update(setting, node.model.id, vscode.ConfigurationTarget.Global);
  const inspected = vscode.workspace.getConfiguration('bedrockMantle').inspect<string>(setting);
  const override = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  if (override !== undefined && override !== node.model.id) {
    void vscode.window.showWarningMessage(
      `${node.model.name} is now your default ${what} model in user settings, but this workspace's settings still choose ${override}.`);
  } else {
    vscode.window.setStatusBarMessage(`$(check) Default ${what} model: ${node.model.name}`, 4000);
  }
}

export function registerModelsCommands(models: ModelService, tree: ModelsTreeProvider, log: Log): vscode.Disposable {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      await fn(...args);
    } catch (e) {
      log.error(`${id} failed`, e);
      void vscode.window.showErrorMessage(e instanceof Error ? e.message : String(e));
    }
  });
  return vscode.Disposable.from(
    // The tree shows a failure as its error row (with Retry), so the command itself only logs it.
    reg('bedrockMantle.models.refresh', () => models.refresh().then(() => undefined, (e: unknown) => log.warn(`Models: listing failed: ${e instanceof Error ? e.message : String(e)}`))),
    reg('bedrockMantle.models.filter', async () => {
      const text = await vscode.window.showInputBox({
        title: 'Filter Models',
        value: tree.filter,
        prompt: 'Words to match in the model id, name, vendor, kind or API (all must match). Empty clears the filter.',
        placeHolder: 'e.g. coder, qwen, vision, responses',
      });
      if (text !== undefined) tree.setFilter(text);
    }),
    reg('bedrockMantle.models.clearFilter', () => tree.setFilter('')),
    reg('bedrockMantle.models.openChat', (node) => {
      if (!isModelNode(node)) return;
      return vscode.commands.executeCommand('bedrockMantle.openChat', { model: node.model.id });
    }),
    reg('bedrockMantle.models.setDefaultChat', (node) => setDefault('chat.defaultModel', 'chat', node)),
    reg('bedrockMantle.models.setDefaultCoder', (node) => setDefault('coder.defaultModel', 'coder', node)),
    reg('bedrockMantle.models.copyId', async (node, selected) => {
      const ids = targets(node, selected).map((n) => n.model.id);
      if (ids.length === 0) return;
      await vscode.env.clipboard.writeText(ids.join('\n'));
      vscode.window.setStatusBarMessage(`$(check) Copied ${ids.length === 1 ? ids[0] : `${ids.length} model IDs`}`, 3000);
    }),
  );
}
