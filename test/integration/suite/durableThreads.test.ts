// Item 4 of issue 18 in the real extension host: the chat keeps each thread in its own file under the extension's
// global storage. A thread survives a reload (a new store and controller over the same folder, as the next window
// start does), threads left in globalState by older releases move to files once, and an answer saved while it
// streamed is recovered as an interrupted turn when the window dies mid-answer.
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import { chainHead, type Thread } from '../../../src/common/threads/model';
import { serializeThread } from '../../../src/common/threads/serialize';
import { threadFileName } from '../../../src/common/threads/threadFiles';
import { ThreadFiles } from '../../../src/node/threadFiles';
import { ChatController } from '../../../src/vscode/chat/chatController';
import { ThreadStore } from '../../../src/vscode/chat/threadStore';
import { emulatorAdminUrl } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';
import { MemoryMemento } from '../../kit/stores';

type Stored = { thread: { turns: { status: string; answer: string }[] } };
const readStored = (file: string): Stored | undefined => { try { return JSON.parse(readFileSync(file, 'utf8')) as Stored; } catch { return undefined; } };

describe('durable chat threads in the extension host', function () {
  this.timeout(90_000);
  let container: Container;
  let folder: string;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
    folder = join(container.context.globalStorageUri.fsPath, 'threads');
  });

  /** A window started afresh over `dir`: its own store and controller, as after a reload. */
  const reopen = (dir: string, global: vscode.Memento = new MemoryMemento()) => {
    const store = new ThreadStore(new ThreadFiles(dir, { warn: (m) => container.log.warn(m) }), global, new MemoryMemento(), (m) => container.log.warn(m));
    return new ChatController({
      store, settings: container.chat.settings, mantle: container.mantle,
      models: { list: async () => [], apiFor: (id) => container.models.apiFor(id) }, log: container.log,
    });
  };

  it('a finished thread is in its own file under global storage and survives a reload', async () => {
    await vscode.commands.executeCommand('bedrockMantle.openChat', { model: 'openai.gpt-oss-120b', prompt: 'My name is Dora and I like durable files.', send: true });
    const live = (await eventually(() => { const t = container.chat.controller.activeThread; return t?.turns[0]?.status === 'done' ? t : undefined; }, 'the turn to finish', 30_000))!;
    const file = join(folder, threadFileName(live.id));
    await eventually(() => readStored(file)?.thread.turns[0]?.status === 'done', 'the finished turn in its file');

    const revived = reopen(folder);
    try {
      await revived.core.switchThread(live.id);
      const again = revived.activeThread;
      assert.equal(again?.id, live.id);
      assert.deepEqual(
        again?.turns.map((t) => [t.prompt, t.status, t.answer, t.responseId]), live.turns.map((t) => [t.prompt, t.status, t.answer, t.responseId]),
      );
      assert.equal(chainHead(again!), chainHead(live), 'the next turn chains onto the same response');
    } finally {
      revived.dispose();
    }
  });

  it('moves a thread left in globalState by an older release into its file, then removes the old key', async () => {
    const legacy: Thread = { id: 'legacy-thread-1', title: 'From 0.x', model: 'openai.gpt-oss-120b', createdAt: 1, updatedAt: 2, turns: [{ id: 'u1', prompt: 'hi', model: 'openai.gpt-oss-120b', answer: 'hello from globalState', reasoning: '', status: 'done', createdAt: 1 }] };
    const key = `bedrockMantle.chat.thread.${legacy.id}`;
    await container.context.globalState.update(key, serializeThread(legacy));
    const dir = join(mkdtempSync(join(tmpdir(), 'mantle-migrate-')), 'threads');
    const revived = reopen(dir, container.context.globalState);
    try {
      await revived.core.switchThread(legacy.id);
      assert.equal(revived.activeThread?.turns[0]?.answer, 'hello from globalState');
      assert.equal(readStored(join(dir, threadFileName(legacy.id)))?.thread.turns[0]?.answer, 'hello from globalState');
      await eventually(() => container.context.globalState.get(key) === undefined, 'the old key to be removed');
    } finally {
      revived.dispose();
    }
  });

  it('an answer saved while it streams is recovered, interrupted and not a chain head, when the window dies mid-answer', async () => {
    // Slow the stream down so it is still arriving when the window "dies".
    const res = await fetch(emulatorAdminUrl('faults'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ kind: 'token-rate', ms: 20, path: '/responses' }]) });
    assert.equal(res.status, 200, await res.text());
    const controller = container.chat.controller;
    const thread = await controller.newThread('openai.gpt-oss-120b');
    void controller.receive({ type: 'send', threadId: thread.id, text: 'Reply with 1500 tokens about serverless.', background: false });
    const file = join(folder, threadFileName(thread.id));
    // What a crash at this moment leaves on disk: the file as it is while the turn is still streaming.
    const snapshot = join(mkdtempSync(join(tmpdir(), 'mantle-crash-')), 'threads');
    mkdirSync(snapshot);
    await eventually(() => {
      const s = readStored(file);
      if (s?.thread.turns[0]?.status !== 'streaming' || !s.thread.turns[0].answer) return false;
      copyFileSync(file, join(snapshot, threadFileName(thread.id)));
      return true;
    }, 'a partial answer saved while streaming', 30_000);
    controller.stop(thread.id);
    assert.ok(existsSync(join(snapshot, threadFileName(thread.id))));

    const revived = reopen(snapshot);
    try {
      await revived.core.switchThread(thread.id);
      const turn = revived.activeThread?.turns[0];
      assert.equal(turn?.status, 'stopped');
      assert.equal(turn?.notice, 'Interrupted when the window closed.');
      assert.ok((turn?.answer.length ?? 0) > 0, 'the answer so far was kept');
      assert.equal(chainHead(revived.activeThread!), undefined);
    } finally {
      revived.dispose();
    }
  });
});
