// The "…with Model" quick pick: coder models first (they are what these commands are for), then every other model.
// The list is the live one from the models tree when it can be had, else the catalogue shipped with the extension.
import vscode = require('vscode');
import { orderModelsForCoder } from '../../common/editor/coderModels';
import { CATALOG } from '../../common/models/catalog';
import type { EditorCommandServices } from './services';
import { inert } from '../../common/inertText';

interface ModelItem extends vscode.QuickPickItem {
  modelId?: string;
}

async function availableModels(services: EditorCommandServices): Promise<{ id: string; name?: string }[]> {
  if (services.models) {
    try {
      const live = await services.models.getModels();
      if (live.length > 0) return [...live];
    } catch (e) {
      services.log.warn(`Editor commands: the live model list failed, offering the shipped catalogue: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return CATALOG.map((m) => ({ id: m.id }));
}

export async function pickModel(services: EditorCommandServices, title: string): Promise<string | undefined> {
  const models = await availableModels(services);
  const names = new Map(models.map((m) => [m.id, m.name]));
  const defaultModel = services.settings.coderDefaultModel;
  const { coder, other } = orderModelsForCoder(models.map((m) => m.id));
  const item = (id: string): ModelItem => ({
    label: inert(names.get(id) ?? id),
    description: inert([names.get(id) ? id : undefined, id === defaultModel ? 'default' : undefined].filter(Boolean).join(' · ')),
    modelId: id,
  });
  const items: ModelItem[] = [
    { label: 'Coder models', kind: vscode.QuickPickItemKind.Separator },
    ...coder.map(item),
    { label: 'Other models', kind: vscode.QuickPickItemKind.Separator },
    ...other.map(item),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Model to use (coder models first)', matchOnDescription: true });
  return picked?.modelId;
}
