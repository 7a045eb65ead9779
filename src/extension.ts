// Activation registers what VS Code asks for by id and nothing else: a stand-in for every contributed command, the
// Models tree view with a stand-in data provider, the chat's view provider and panel serializer, a stand-in
// language-model provider, and the @mantle participant with a stand-in handler. The services (src/container.ts,
// bundled apart as dist/container.js) are built on the first call of any of them, or in the first idle moment after
// activation (for the status bar items), whichever comes first; the chat and the other features load later still,
// on their own first use.
import vscode = require('vscode');
import { COMMAND } from './common/commandIds';
import type * as ContainerModule from './container';
import type { Container, Surfaces } from './container';
import { LazyFeature } from './vscode/lazyFeature';
import { LanguageModelStandIn, ParticipantStandIn, registerChatSurfaces, TreeDataStandIn } from './vscode/standIns';
import { LM_VENDOR, MODELS_VIEW_ID } from './vscode/surfaceIds';

/** How long after activation the services are built if nothing asked for them sooner (the status bar items). */
export const IDLE_BUILD_MS = 1000;

/** What activate() returns: the container's API (built on first property access), and whether it was built yet. */
export type ExtensionApi = Container & { readonly containerBuilt: boolean };

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const tree = new TreeDataStandIn<unknown>(() => container.get());
  const languageModels = new LanguageModelStandIn(() => container.get());
  const participant = new ParticipantStandIn(() => container.get(), context.extensionUri);
  const surfaces: Surfaces = {
    // Compare acts on several selected models, hence canSelectMany.
    modelsView: {
      view: vscode.window.createTreeView(MODELS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true }),
      connect: (p) => tree.connect(p),
    },
    languageModels,
    participant,
  };
  const container = new LazyFeature<Container>(Object.values(COMMAND), () => {
    // The build turns this require into one of dist/container.js (esbuild.apart.mjs).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Container: Services } = require('./container') as typeof ContainerModule;
    return new Services(context, surfaces);
  });
  const idle = setTimeout(() => {
    try { container.get(); } catch (e) { console.error('Bedrock Mantle: building the services failed', e); }
  }, IDLE_BUILD_MS);
  context.subscriptions.push(
    { dispose: () => clearTimeout(idle) }, container, tree, surfaces.modelsView.view, languageModels, participant,
    vscode.lm.registerLanguageModelChatProvider(LM_VENDOR, languageModels),
    ...registerChatSurfaces(() => container.get().chat.views, () => void container.get().warmUp()),
  );
  return api(container);
}

/** The container as the API: any property builds it first (tests, the bench and other extensions read it). */
function api(container: LazyFeature<Container>): ExtensionApi {
  return new Proxy({} as ExtensionApi, {
    get: (_target, prop) => {
      if (prop === 'containerBuilt') return container.built;
      if (prop === 'then') return undefined; // not a thenable (VS Code and `await` look for one)
      const c = container.get();
      const value: unknown = Reflect.get(c, prop, c);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(c) : value;
    },
    set: (_target, prop, value) => Reflect.set(container.get(), prop, value),
    has: (_target, prop) => prop === 'containerBuilt' || Reflect.has(container.get(), prop),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
