// The chat's send path run once before the person's first message, so that message does not pay for it: V8
// compiles a function the first time it runs and fills its caches on the first calls, and a first send runs a few
// dozen of them (the message check, the core's send, the composer's checks, the turn runner and its request plan,
// the tool loop, the turn engine, the views' state). They cost little each but add up to several milliseconds.
// A ChatCore of its own runs the same functions as the chat's: a thread kept in memory, views that see nothing,
// preferences read from the chat's but never written, no attachment source (so no file of the person's is read),
// and the turn engine it is given — the container's over the loopback clients of node/streamWarmUp.ts, whose answers
// come from this process. Nothing is sent anywhere, stored, shown, logged or learned.
import type { TurnEngine } from '../mantle/turnEngine';
import type { ChatToolset } from '../tools/chatTools';
import { ChatCore, type ChatMantle, type ChatModelList, type ChatPreferences, type ChatSurface, type ThreadRepository } from './chatCore';

export const WARM_UP_PROMPT = 'warm-up';

export interface ChatWarmUpDeps {
  /** The chat's preferences: the model, effort and storing of a person's first message (read only). */
  prefs: ChatPreferences;
  models: ChatModelList;
  /** The chat's tools getter, so the request carries the same tool definitions (no tool runs: the answer calls none). */
  tools?: () => ChatToolset | undefined;
  turns: TurnEngine;
  mantle: ChatMantle;
}

/** A store that keeps the warm-up's thread in memory only. */
function memoryRepository(): ThreadRepository {
  let active: string | undefined;
  return {
    loadAll: () => [],
    save: () => Promise.resolve(),
    delete: () => Promise.resolve(),
    activeThreadId: () => active,
    setActiveThreadId: (id) => { active = id; return Promise.resolve(); },
  };
}

/** Views that are there (so the state is built as for the chat's) but receive nothing; no dialog or action runs. */
const NO_VIEWS: ChatSurface = {
  post: () => undefined,
  hasViews: true,
  askTitle: () => Promise.resolve(undefined),
  confirmDelete: () => Promise.resolve(false),
  copy: () => Promise.resolve(),
  insertCode: () => Promise.resolve(),
  openCode: () => Promise.resolve(),
  openLink: () => Promise.resolve(),
  runErrorAction: () => Promise.resolve(false),
  exportThread: () => Promise.resolve(),
};

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Sends one message through a chat of its own and waits for its answer. Resolves when the turn ended, whatever the
 * outcome (the warm-up never fails the chat); the turn's status is returned for tests.
 */
export async function warmChatSendPath(deps: ChatWarmUpDeps): Promise<string | undefined> {
  const { prefs } = deps;
  const readOnly: ChatPreferences = {
    store: prefs.store, showReasoning: prefs.showReasoning, defaultModel: prefs.defaultModel, effort: prefs.effort,
    ...(prefs.pricing ? { pricing: prefs.pricing } : {}),
    setShowReasoning: () => Promise.resolve(), setEffort: () => Promise.resolve(),
  };
  let n = 0;
  const core = new ChatCore({
    store: memoryRepository(), prefs: readOnly, models: deps.models, mantle: deps.mantle, turns: deps.turns,
    ...(deps.tools ? { tools: deps.tools } : {}), surface: NO_VIEWS, log: SILENT,
    newId: () => `warm-up-${++n}`, now: () => Date.now(),
  });
  try {
    await core.receive({ type: 'send', threadId: '', text: WARM_UP_PROMPT, background: false });
    return core.activeThread?.turns.at(-1)?.status;
  } finally {
    core.dispose();
  }
}
