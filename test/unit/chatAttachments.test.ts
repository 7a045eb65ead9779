// The chat core with attachments (plain Node): chips posted to the views, what a sent turn carries, an image kept
// back from a model that does not read images (no request made), the over-budget choice, the instruction file,
// and an editor command's selection arriving as a chip rather than folded into the prompt.
import { strict as assert } from 'node:assert';
import { isComposerMessage, type AttachmentSource } from '../../src/common/attachments/composer';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../src/common/attachments/budget';
import { ChatCore, type ChatMantle } from '../../src/common/chat/chatCore';
import type { TurnEvent, TurnRequest, TurnResult } from '../../src/common/mantle/types';
import type { HostMessage, WebviewMessage } from '../../src/common/protocol';
import { chatDeps, MemoryThreads, RecordingSurface } from '../kit/chat';

const PNG = 'iVBORw0KGgo=';

function setup(opts: { model?: string; confirm?: boolean; limits?: Partial<typeof DEFAULT_ATTACHMENT_LIMITS> } = {}) {
  const requests: TurnRequest[] = [];
  const store = new MemoryThreads();
  const saved = store.saved;
  const mantle: ChatMantle = {
    listModels: async () => [],
    streamTurn: async (req: TurnRequest, onEvent: (e: TurnEvent) => void): Promise<TurnResult> => {
      requests.push(req);
      onEvent({ kind: 'text', delta: 'ok' });
      return { id: `resp_${requests.length}`, api: req.api, text: 'ok', reasoning: '', totalMs: 1 };
    },
  };
  const asked: string[] = [];
  const attachments: AttachmentSource = {
    gather: async (kind) => ({ items: [{ kind, label: 'a.ts', path: 'src/a.ts', text: 'export const A = 1;'.repeat(kind === 'folder' ? 400 : 1) }] }),
    instructions: async () => ({ path: 'AGENTS.md', text: 'Always answer in French.' }),
    limits: () => ({ ...DEFAULT_ATTACHMENT_LIMITS, ...opts.limits }),
    confirmOverBudget: async () => { asked.push('overBudget'); return opts.confirm ?? false; },
  };
  const surface = new RecordingSurface();
  const posts = surface.posts;
  const core = new ChatCore(chatDeps({
    store, mantle, attachments, surface, models: { list: async () => [], apiFor: (m) => (m.startsWith('openai.gpt-oss') ? 'responses' : 'chat') },
  }, opts.model));
  const view = surface.view(core);
  const views = () => posts.filter((p): p is Extract<HostMessage, { type: 'attachments' }> => p.type === 'attachments').map((p) => p.view);
  const notices = () => posts.filter((p): p is Extract<HostMessage, { type: 'notice' }> => p.type === 'notice').map((p) => p.text);
  return { core, surface, posts, requests, saved, views, notices, asked, view };
}

describe('chat core with attachments', () => {
  it('attach posts a chip; the sent turn carries it, the instruction file, and empties the composer', async () => {
    const { core, requests, views, saved, view } = setup();
    await view.ready();
    await core.receive({ type: 'attach', kind: 'file' });
    const chip = views().at(-1)?.chips[0];
    assert.equal(chip?.label, 'a.ts');
    assert.equal(views().at(-1)?.instructions?.label, 'AGENTS.md');
    await core.receive({ type: 'send', threadId: core.activeThread?.id ?? '', text: 'What is A?', background: false });
    assert.equal(requests.length, 1);
    assert.match(JSON.stringify(requests[0]?.messages), /export const A = 1;/);
    assert.match(requests[0]?.instructions ?? '', /AGENTS\.md:\nAlways answer in French\./);
    assert.equal(views().at(-1)?.chips.length, 0);
    const stored = [...saved.values()][0]?.turns[0]?.attachments?.[0];
    assert.equal(stored?.kind === 'file' ? stored.path : undefined, 'src/a.ts');
    core.dispose();
  });

  it('the instruction file switched off is not sent', async () => {
    const { core, requests, view } = setup();
    await view.ready();
    await core.receive({ type: 'setInstructions', on: false });
    await core.receive({ type: 'send', threadId: core.activeThread?.id ?? '', text: 'hi', background: false });
    assert.equal(requests[0]?.instructions, undefined);
    core.dispose();
  });

  it('an image is never sent to a model that does not read images: a notice, no request, the chip stays', async () => {
    const { core, requests, notices, views, view } = setup();
    await view.ready();
    await core.receive({ type: 'attachImage', name: 'shot.png', mediaType: 'image/png', data: PNG, width: 10, height: 10 });
    assert.match(views().at(-1)?.warning ?? '', /does not read images/);
    await core.receive({ type: 'send', threadId: core.activeThread?.id ?? '', text: 'What is this?', background: false });
    assert.equal(requests.length, 0);
    assert.match(notices().at(-1) ?? '', /openai\.gpt-oss-120b does not read images.*Models that read images: google/);
    assert.equal(core.composer.list.length, 1);
    core.dispose();
  });

  it('a vision model gets the image', async () => {
    const { core, requests, view } = setup({ model: 'qwen.qwen3-vl-235b-a22b-instruct' });
    await view.ready();
    await core.receive({ type: 'attachImage', name: 'shot.png', mediaType: 'image/png', data: PNG, width: 10, height: 10 });
    await core.receive({ type: 'send', threadId: core.activeThread?.id ?? '', text: 'What is this?', background: false });
    assert.deepEqual(requests[0]?.messages.at(-1)?.parts, [{ type: 'image', mediaType: 'image/png', data: PNG }]);
    core.dispose();
  });

  it('over budget the person is asked; declining sends nothing and keeps the attachments', async () => {
    const { core, requests, asked, view } = setup({ limits: { maxTotalTokens: 100, maxFileTokens: 100_000 } });
    await view.ready();
    await core.receive({ type: 'attach', kind: 'folder' });
    await core.receive({ type: 'send', threadId: core.activeThread?.id ?? '', text: 'Summarise', background: false });
    assert.deepEqual(asked, ['overBudget']);
    assert.equal(requests.length, 0);
    assert.equal(core.composer.list.length, 1);
    core.dispose();
  });

  it('an editor command’s selection arrives as a selection chip and the prompt stays the command’s', async () => {
    const { core, requests } = setup();
    await core.open({ prompt: 'Explain this code.', send: true, attachment: { file: 'src/x.ts', startLine: 3, endLine: 5, languageId: 'typescript', code: 'let y = 2;' } });
    const user = requests[0]?.messages.at(-1);
    assert.equal(user?.content, 'Explain this code.');
    assert.match(JSON.stringify(user?.parts), /Attached selection: src\/x\.ts, lines 3–5/);
    core.dispose();
  });
});

describe('chat core with attachments: the composer\'s own messages', () => {
  it('attach, removeAttachment and setInstructions go to the composer, which repaints the chips', async () => {
    const { core, views, view } = setup();
    await view.ready();
    await core.receive({ type: 'attach', kind: 'file' });
    const id = views().at(-1)?.chips[0]?.id ?? '';
    assert.ok(id);
    await core.receive({ type: 'removeAttachment', id: 'not-a-chip' });
    assert.equal(views().at(-1)?.chips.length, 1, 'an unknown id removes nothing');
    await core.receive({ type: 'removeAttachment', id });
    assert.equal(views().at(-1)?.chips.length, 0);
    await core.receive({ type: 'setInstructions', on: false });
    assert.equal(views().at(-1)?.instructions?.on, false);
    core.dispose();
  });

  it('a view shown again gets the same chips, estimate and window as the view that stayed open', async () => {
    const { core, surface, view } = setup();
    const other = surface.view(core);
    await other.ready();
    await view.ready();
    view.hide();
    const threadId = core.activeThread?.id ?? '';
    await core.receive({ type: 'attach', kind: 'file' });
    await core.receive({ type: 'attachImage', name: 'shot.png', mediaType: 'image/png', data: PNG, width: 10, height: 10 });
    await core.receive({ type: 'setModel', threadId, model: 'qwen.qwen3-vl-235b-a22b-instruct' });
    const lastChips = (seen: HostMessage[]) => seen.filter((m) => m.type === 'attachments').at(-1);
    const open = lastChips(other.seen);
    assert.equal(open?.type === 'attachments' ? open.view.chips.length : 0, 2);
    await view.ready();
    assert.deepEqual(lastChips(view.seen), open);
    core.dispose();
  });

  it('only the four composer messages are the composer\'s', () => {
    const mine: WebviewMessage[] = [
      { type: 'attach', kind: 'file' }, { type: 'removeAttachment', id: 'a' }, { type: 'setInstructions', on: true },
      { type: 'attachImage', name: 'x.png', mediaType: 'image/png', data: PNG, width: 1, height: 1 },
    ];
    const others: WebviewMessage[] = [{ type: 'ready' }, { type: 'newThread' }, { type: 'send', threadId: 't', text: 'x', background: false }];
    assert.deepEqual(mine.map(isComposerMessage), [true, true, true, true]);
    assert.deepEqual(others.map(isComposerMessage), [false, false, false]);
  });
});

describe('chat core with attachments: sending again', () => {
  it('Retry and Edit and resend send the turn’s own attachments, not the chips waiting in the composer', async () => {
    const { core, requests, view } = setup();
    await view.ready();
    await core.receive({ type: 'attach', kind: 'file' });
    const threadId = core.activeThread?.id ?? '';
    await core.receive({ type: 'send', threadId, text: 'What is A?', background: false });
    await core.receive({ type: 'attach', kind: 'selection' }); // waiting for the next new turn
    const turnId = core.activeThread?.turns[0]?.id ?? '';
    await core.receive({ type: 'runAction', action: 'retry', threadId, turnId });
    assert.equal(requests.length, 2);
    assert.match(JSON.stringify(requests[1]?.messages.at(-1)?.parts), /Attached file: src\/a\.ts/);
    assert.doesNotMatch(JSON.stringify(requests[1]?.messages.at(-1)?.parts), /Attached selection/);
    await core.receive({ type: 'editResend', threadId, turnId, text: 'What is A, really?' });
    assert.match(JSON.stringify(requests[2]?.messages.at(-1)?.parts), /Attached file: src\/a\.ts/);
    assert.equal(core.composer.list.length, 1, 'the selection chip still waits');
    core.dispose();
  });
});
