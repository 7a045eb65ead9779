// The chat's send path run once before the first message (src/common/chat/chatWarmUp.ts): one request through the
// engine it is given, shaped like a person's first message in the chat (default model, effort, storing, the tools),
// with a fixed prompt, and nothing written to the chat's preferences, store or views.
import { strict as assert } from 'node:assert';
import type { ChatMantle, ChatPreferences } from '../../src/common/chat/chatCore';
import { WARM_UP_PROMPT, warmChatSendPath } from '../../src/common/chat/chatWarmUp';
import { MantleError } from '../../src/common/mantle/errors';
import { singleClientEngine } from '../../src/common/mantle/turnEngine';
import type { TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';
import type { ChatToolset } from '../../src/common/tools/chatTools';

const MODEL = 'openai.gpt-oss-120b';

/** The chat's preferences; writing either toggle fails the test. */
const prefs: ChatPreferences = {
  store: true, showReasoning: true, defaultModel: MODEL, effort: 'high',
  setShowReasoning: () => { throw new Error('the warm-up wrote the reasoning toggle'); },
  setEffort: () => { throw new Error('the warm-up wrote the effort'); },
};

class RecordingMantle implements ChatMantle {
  readonly requests: TurnRequest[] = [];
  constructor(private readonly fail?: MantleError) {}
  async listModels() { return []; }
  async streamTurn(req: TurnRequest, onEvent: (e: TurnEvent) => void): Promise<TurnResult> {
    this.requests.push(req);
    if (this.fail) throw this.fail;
    onEvent({ kind: 'text', delta: 'ok' });
    return { id: 'resp_warmup', api: req.api, text: 'ok', reasoning: '', totalMs: 1 };
  }
}

const toolset: ChatToolset = {
  definitions: [{ name: 'read_file', description: 'Reads a file.', parameters: { type: 'object', properties: { path: { type: 'string' } } } }],
  maxSteps: () => 8,
  execute: () => { throw new Error('the warm-up ran a tool'); },
} as unknown as ChatToolset;

function run(mantle: RecordingMantle, withTools = true) {
  return warmChatSendPath({
    prefs, mantle, turns: singleClientEngine(mantle, () => 'responses'),
    models: { list: () => Promise.resolve([]), apiFor: () => 'responses' },
    ...(withTools ? { tools: () => toolset } : {}),
  });
}

describe('chat warm-up (the send path run once on a chat of its own)', () => {
  it('sends one request like a first message in the chat: default model, its effort, stored, the tool definitions, a fixed prompt', async () => {
    const mantle = new RecordingMantle();
    assert.equal(await run(mantle), 'done');
    assert.equal(mantle.requests.length, 1);
    const [req] = mantle.requests;
    assert.equal(req.model, MODEL);
    assert.equal(req.api, 'responses');
    assert.equal(req.store, true);
    assert.equal(req.reasoningEffort, 'high');
    assert.deepEqual(req.tools?.map((t) => t.name), ['read_file']);
    assert.deepEqual(req.messages.map((m) => m.content), [WARM_UP_PROMPT]);
  });

  it('without the chat\'s tools, sends the plain request', async () => {
    const mantle = new RecordingMantle();
    assert.equal(await run(mantle, false), 'done');
    assert.equal(mantle.requests[0].tools, undefined);
  });

  it('resolves when the request fails (the warm-up never fails the chat)', async () => {
    const mantle = new RecordingMantle(new MantleError({ kind: 'network', message: 'connection refused', actions: ['retry'] }));
    assert.equal(await run(mantle), 'error');
  });
});
