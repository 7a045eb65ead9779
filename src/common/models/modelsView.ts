// The Models tree as plain data: which rows exist, with which labels, descriptions, icons, tooltips and commands.
// The vscode TreeDataProvider (src/vscode/models/modelsTreeProvider.ts) only turns these into TreeItems, so every
// decision about what a person sees is made (and unit-tested) here.

import { COMMAND } from '../commandIds';
import { commandActions, ERROR_ACTIONS } from '../errorActions';
import { isMantleError } from '../mantle/errors';
import { CATALOG_MEASURED_AT } from './catalog';
import { groupByVendor } from './grouping';
import { capabilitySourceLabel, modelApiLabel, KIND_ICONS, type ModelDescriptor } from './modelInfo';
import type { ModelsState } from './modelRegistry';

export interface ViewCommand {
  command: string;
  title: string;
  arguments?: unknown[];
}

export type ModelsViewNode =
  | { type: 'vendor'; id: string; label: string; description: string; icon: string; vendor: string; children: ModelsViewNode[] }
  | {
    type: 'model'; id: string; label: string; description: string; icon: string; tooltip: string; contextValue: string;
    model: ModelDescriptor; defaultChat: boolean; defaultCoder: boolean;
  }
  | { type: 'message'; id: string; label: string; description?: string; icon: string; tooltip?: string; command?: ViewCommand; contextValue?: string };

export interface ModelsViewInput {
  /** False shows nothing, so the view's welcome content (Set API Key / Use AWS Profile / emulator) appears. */
  hasCredentials: boolean;
  state: ModelsState;
  filter: string;
  defaults: { chat: string; coder: string };
}

export const COMMANDS = {
  refresh: COMMAND.modelsRefresh,
  clearFilter: COMMAND.modelsClearFilter,
  showLogs: COMMAND.showLogs,
} as const;

/** Escapes text for a Markdown tooltip, so an id or a server message cannot inject links or formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

function codeSpan(text: string): string {
  return text.includes('`') ? escapeMarkdown(text) : `\`${text}\``;
}

export function modelDescription(m: ModelDescriptor, defaultChat: boolean, defaultCoder: boolean): string {
  const parts = [...(m.unavailable ? ['unavailable'] : []), m.kind, modelApiLabel(m)];
  if (defaultChat) parts.push('★ default chat');
  if (defaultCoder) parts.push('★ default coder');
  return parts.join(' · ');
}

export function modelTooltip(m: ModelDescriptor, defaultChat: boolean, defaultCoder: boolean): string {
  const defaults = [defaultChat && 'chat model', defaultCoder && 'coder model (editor commands)'].filter(Boolean).join(' and ');
  const lines = [
    `**${escapeMarkdown(m.name)}**`,
    '',
    `- ID: ${codeSpan(m.id)}`,
    `- Vendor: ${escapeMarkdown(m.vendor)}`,
    `- Kind: ${m.kind}${m.reasoning ? ' (shows its reasoning)' : ''}`,
    `- APIs: ${modelApiLabel(m)} on ${codeSpan(m.prefix)}`,
    ...(m.unavailable ? [`- **Unavailable:** ${escapeMarkdown(m.unavailable)}`] : []),
    ...(m.regions?.length ? [`- ${escapeMarkdown(m.name)} is offered in ${m.regions.map(escapeMarkdown).join(', ')} (catalogue)`] : []),
    `- Capability: ${escapeMarkdown(capabilitySourceLabel(m.capabilitySource, CATALOG_MEASURED_AT))}`,
    `- Default: ${defaults ? `★ default ${defaults}` : 'no'}`,
  ];
  return lines.join('\n');
}

function modelNode(m: ModelDescriptor, defaults: ModelsViewInput['defaults']): ModelsViewNode {
  const defaultChat = m.id === defaults.chat;
  const defaultCoder = m.id === defaults.coder;
  return {
    type: 'model',
    id: `model:${m.id}`,
    label: m.name,
    description: modelDescription(m, defaultChat, defaultCoder),
    icon: m.unavailable ? 'circle-slash' : KIND_ICONS[m.kind],
    tooltip: modelTooltip(m, defaultChat, defaultCoder),
    // Menus match /^model/; the suffixes let a menu hide "Set as Default …" on the model that already is.
    contextValue: ['model', defaultChat && 'defaultChat', defaultCoder && 'defaultCoder'].filter(Boolean).join('.'),
    model: m,
    defaultChat,
    defaultCoder,
  };
}

function errorMessage(error: unknown): string {
  if (isMantleError(error)) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return `Could not list the models: ${text}`;
}

function errorNodes(error: unknown, stale = false): ModelsViewNode[] {
  const message = errorMessage(error);
  const nodes: ModelsViewNode[] = [
    {
      type: 'message', id: 'error', label: message, icon: 'error', contextValue: 'modelsError',
      description: stale ? 'showing the last list' : undefined,
      tooltip: stale ? `${message}\n\nThe models below are the last list fetched for this Region and endpoint.` : message,
    },
    { type: 'message', id: 'error:retry', label: ERROR_ACTIONS.retry.label, icon: ERROR_ACTIONS.retry.icon, command: { command: COMMANDS.refresh, title: ERROR_ACTIONS.retry.label } },
  ];
  // Retry comes first (above) and Show Logs last, always; the error's other actions sit between them.
  for (const { action, spec } of commandActions(isMantleError(error) ? error.actions : [])) {
    if (action === 'showLogs') continue;
    const { id, args } = spec.command;
    nodes.push({ type: 'message', id: `error:${action}`, label: spec.label, icon: spec.icon, command: { command: id, title: spec.label, ...(args.length ? { arguments: [...args] } : {}) } });
  }
  const logs = ERROR_ACTIONS.showLogs;
  nodes.push({ type: 'message', id: 'error:logs', label: logs.label, icon: logs.icon, command: { command: COMMANDS.showLogs, title: logs.label } });
  return nodes;
}

/** The root rows of the Models view. Never an empty list while credentials exist: there is always a row that explains. */
export function buildModelsView(input: ModelsViewInput): ModelsViewNode[] {
  if (!input.hasCredentials) return [];
  const { state } = input;
  switch (state.status) {
    case 'idle':
    case 'loading':
      return [{ type: 'message', id: 'loading', label: 'Loading models…', icon: 'loading~spin' }];
    case 'error':
      return errorNodes(state.error);
    case 'ready':
      break;
  }
  // A failed Refresh is said at the top, above the last list known, rather than hiding that list.
  const notice = state.refreshError === undefined ? [] : errorNodes(state.refreshError, true);
  if (state.models.length === 0) {
    return [...notice, {
      type: 'message', id: 'empty', label: 'This endpoint lists no models', icon: 'info',
      description: 'Refresh', command: { command: COMMANDS.refresh, title: 'Refresh' },
    }];
  }
  const groups = groupByVendor(state.models, input.filter);
  if (groups.length === 0) {
    return [...notice, {
      type: 'message', id: 'noMatch', label: `No models match “${input.filter.trim()}”`, icon: 'filter',
      description: 'Clear Filter', command: { command: COMMANDS.clearFilter, title: 'Clear Filter' },
    }];
  }
  const totals = new Map<string, number>();
  for (const m of state.models) totals.set(m.vendor, (totals.get(m.vendor) ?? 0) + 1);
  const vendorNodes: ModelsViewNode[] = groups.map((g) => {
    const total = totals.get(g.vendor) ?? g.models.length;
    const count = g.models.length === total ? `${total} model${total === 1 ? '' : 's'}` : `${g.models.length} of ${total} models`;
    return {
      type: 'vendor', id: `vendor:${g.vendor}`, label: g.vendor, description: count, icon: 'organization', vendor: g.vendor,
      children: g.models.map((m) => modelNode(m, input.defaults)),
    };
  });
  return [...notice, ...vendorNodes];
}
