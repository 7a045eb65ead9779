// The chat's host side inside the real extension host, against the emulator the runner started: openChat as other
// features call it (prompt + attachment + send), what reaches the server, what is stored in the thread files, and the
// host's own guards (malformed webview messages, empty prompts) — none of which may throw or send anything.
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import { ChatController } from '../../../src/vscode/chat/chatController';
import { threadFileName } from '../../../src/common/threads/threadFiles';
import { ThreadFiles } from '../../../src/node/threadFiles';
import { ThreadStore } from '../../../src/vscode/chat/threadStore';
import { emulatorLog, setEmulatorFaults } from './emulatorAdmin';
import { activateExtension, emulatorUrl, eventually } from './testEnv';
import { MemoryMemento } from '../../kit/stores';

interface LogEntry {
  method: string; path: string; status: number;
  body?: { messages?: { content: string }[]; input?: unknown; previous_response_id?: string; reasoning_effort?: string; reasoning?: { effort?: string } };
}

/** The file the chat keeps a thread in (README: the threads folder of the extension's global storage). */
const threadFile = (container: Container, id: string) => join(container.context.globalStorageUri.fsPath, 'threads', threadFileName(id));
const readStored = <T>(file: string): T | undefined => { try { return JSON.parse(readFileSync(file, 'utf8')) as T; } catch { return undefined; } };

const posts = async () => (await emulatorLog<LogEntry>()).filter((e) => e.method === 'POST');

describe('chat in the extension host', () => {
  let container: Container;

  before(async function () {
    if (!emulatorUrl) this.skip();
    container = (await activateExtension()).exports as Container;
  });

  it('openChat with a prompt, an attachment and send:true runs the turn on the chosen Chat-only model with history', async () => {
    const before = (await posts()).length;
    await vscode.commands.executeCommand('bedrockMantle.openChat', {
      model: 'qwen.qwen3-32b',
      prompt: 'Explain this code',
      attachment: { file: 'src/add.ts', startLine: 1, endLine: 1, languageId: 'typescript', code: 'export const add = (a: number, b: number) => a + b;' },
      send: true,
    });
    const thread = (await eventually(() => {
      const t = container.chat.controller.activeThread;
      return t?.turns[0]?.status === 'done' ? t : undefined;
    }, 'the turn to finish', 20_000))!;
    assert.equal(thread.model, 'qwen.qwen3-32b');
    assert.equal(thread.turns[0]?.api, 'chat');
    // The selection arrives as an attachment of the turn (a chip), not folded into the typed prompt.
    assert.equal(thread.turns[0]?.prompt, 'Explain this code');
    assert.deepEqual(thread.turns[0]?.attachments?.map((a) => [a.kind, a.label]), [['selection', 'add.ts:1']]);
    const sent = (await posts()).slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.path, '/v1/chat/completions');
    // Chat Completions content parts: the attachment's block first, then the typed text.
    const content = sent[0]?.body?.messages?.at(-1)?.content as { type: string; text?: string }[] | undefined;
    assert.match(content?.[0]?.text ?? '', /src\/add\.ts, lines 1\n```typescript\nexport const add/);
    assert.equal(content?.at(-1)?.text, 'Explain this code');
    assert.equal(sent[0]?.body?.reasoning_effort, undefined, 'no reasoning effort for a model that does not reason');

    // Saved after the completed turn, in the thread's own file, with a format version. The save is asynchronous (it
    // follows the in-memory 'done'), so wait for it rather than read the file in the same tick.
    const stored = (await eventually(() => {
      const s = readStored<{ v: number; thread: { turns: { status: string }[] } }>(threadFile(container, thread.id));
      return s?.thread.turns[0]?.status === 'done' ? s : undefined;
    }, 'the completed turn to be saved', 10_000))!;
    assert.equal(stored.v, 1);
    assert.equal(stored.thread.turns[0]?.status, 'done');
  });

  it('ignores malformed webview messages and refuses empty prompts without throwing or sending', async () => {
    const before = (await posts()).length;
    const controller = container.chat.controller;
    for (const bad of [null, 'send', { type: 'send', threadId: 't', text: 42, background: false }, { type: 'runAction', action: 'x' }, { type: 'setEffort', effort: 'ultra' }, { type: 'evil' }]) {
      await controller.receive(bad);
    }
    await controller.receive({ type: 'send', threadId: controller.activeThread?.id ?? '', text: ' \n\t ', background: false });
    // receive() resolves only when the handler is done (the chat core awaits each one), so there is nothing left to wait for.
    await controller.receive({ type: 'runAction', action: 'workbench.action.quit', threadId: 'x', turnId: 'y' });
    assert.equal((await posts()).length, before, 'nothing reached the server');
  });

  it('a Responses thread chains turn 2 onto turn 1 with previous_response_id', async () => {
    await vscode.commands.executeCommand('bedrockMantle.openChat', { model: 'openai.gpt-oss-20b', prompt: 'My name is Alice and I like cats.', send: true });
    const controller = container.chat.controller;
    const id = await eventually(() => controller.activeThread?.turns[0]?.status === 'done' && controller.activeThread.id, 'turn 1', 20_000);
    const before = (await posts()).length;
    await controller.receive({ type: 'send', threadId: id, text: 'What is my name and what do I like?', background: false });
    const t = (await eventually(() => (controller.activeThread?.turns[1]?.status === 'done' ? controller.activeThread : undefined), 'turn 2', 20_000))!;
    assert.match(t.turns[1]?.answer ?? '', /Alice.*cats/);
    const [req] = (await posts()).slice(before);
    assert.equal(req?.body?.previous_response_id, t.turns[0]?.responseId);
    assert.equal(req?.body?.reasoning?.effort, container.chat.settings.effort, 'GPT-OSS gets the reasoning effort');
    assert.ok(!JSON.stringify(req?.body?.input).includes('Alice'));
  });

  it("reads the workspace's instruction file before every send: an edit, a removal and the setting's own file count at once", async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') this.skip();
    const root = folder!.uri.fsPath;
    const agents = join(root, 'AGENTS.md');
    const custom = join(root, 'instructions-case', 'RULES.md');
    const config = vscode.workspace.getConfiguration('bedrockMantle');
    const controller = container.chat.controller;
    // One turn on a new thread; what its request carried as instructions.
    const sent = async (prompt: string): Promise<string> => {
      const before = (await posts()).length;
      const thread = await controller.newThread('openai.gpt-oss-20b');
      await controller.receive({ type: 'send', threadId: thread.id, text: prompt, background: false });
      await eventually(() => controller.activeThread?.turns[0]?.status === 'done', prompt, 20_000);
      const [req] = (await posts()).slice(before) as { body?: { instructions?: string } }[];
      return req?.body?.instructions ?? '';
    };
    try {
      writeFileSync(agents, 'Always answer in French.\n');
      assert.match(await sent('Bonjour?'), /Instructions from the workspace file AGENTS\.md:\nAlways answer in French\./);
      // Edited between two sends (no save through the editor, no event): the next send has the new text.
      writeFileSync(agents, 'Always answer in German.\n');
      const edited = await sent('Hallo?');
      assert.match(edited, /AGENTS\.md:\nAlways answer in German\./);
      assert.doesNotMatch(edited, /French/);
      // The setting names another file inside the workspace: it comes first.
      mkdirSync(join(root, 'instructions-case'), { recursive: true });
      writeFileSync(custom, 'Answer in haiku.\n');
      await config.update('chat.instructionsFile', 'instructions-case/RULES.md', vscode.ConfigurationTarget.Global);
      const fromSetting = await sent('A poem?');
      assert.match(fromSetting, /instructions-case\/RULES\.md:\nAnswer in haiku\./);
      assert.doesNotMatch(fromSetting, /German/);
      await config.update('chat.instructionsFile', undefined, vscode.ConfigurationTarget.Global);
      // Removed: the next send has no workspace instructions at all.
      rmSync(agents);
      assert.doesNotMatch(await sent('Anything?'), /Instructions from the workspace file/);
    } finally {
      await config.update('chat.instructionsFile', undefined, vscode.ConfigurationTarget.Global);
      rmSync(agents, { force: true });
      rmSync(join(root, 'instructions-case'), { recursive: true, force: true });
    }
  });

  it('a background turn is saved as running and a controller started later (as after a reload) polls it to the end', async () => {
    const controller = container.chat.controller;
    await vscode.commands.executeCommand('bedrockMantle.openChat', { model: 'openai.gpt-oss-120b' });
    const threadId = controller.activeThread!.id;
    // The server takes 3 s to finish, so the turn is saved while it still runs there (without the delay the
    // emulator could finish before the first save, and the test would race it).
    await setEmulatorFaults([{ kind: 'slow-first-token', ms: 3000, method: 'POST', path: '/responses', times: 1 }]);
    await controller.receive({ type: 'send', threadId, text: 'My name is Alice and I like cats.', background: true });
    type Stored = { thread: { turns: { status: string; responseId?: string; answer: string }[] } };
    // Files are written asynchronously after the in-memory change: wait for the save.
    const saved = await eventually(() => {
      const s = readStored<Stored>(threadFile(container, threadId));
      return s?.thread.turns[0]?.responseId ? s : undefined;
    }, 'the background turn to be saved');
    assert.equal(saved?.thread.turns[0]?.status, 'background', 'saved while still running on the server');
    assert.match(saved?.thread.turns[0]?.responseId ?? '', /^resp_/);

    // A second controller stands in for the window after a reload. It gets a copy of what was saved, in its own
    // folder, so what completes there is its own polling (the first controller only writes to its own folder).
    const dir = join(mkdtempSync(join(tmpdir(), 'mantle-reload-')), 'threads');
    mkdirSync(dir);
    const file = join(dir, threadFileName(threadId));
    copyFileSync(threadFile(container, threadId), file);
    const store = new ThreadStore(new ThreadFiles(dir, { warn: () => undefined }), new MemoryMemento(), new MemoryMemento(), () => undefined);
    const revived = new ChatController({
      store, settings: container.chat.settings, mantle: container.mantle,
      models: { list: async () => [], apiFor: (id) => container.models.apiFor(id) }, log: container.log, pollIntervalMs: 100,
    });
    try {
      await eventually(() => readStored<Stored>(file)?.thread.turns[0]?.status === 'done', 'the background turn to complete', 20_000);
      assert.match(readStored<Stored>(file)?.thread.turns[0]?.answer ?? '', /Alice/);
      assert.ok((await emulatorLog()).some((e) => e.method === 'GET' && e.path === `/v1/responses/${saved?.thread.turns[0]?.responseId}`));
    } finally {
      revived.dispose();
    }
  });
  it("the chat's warm-up runs a chat turn of its own on 127.0.0.1: nothing reaches Mantle, and no thread or cost is added", async () => {
    const controller = container.chat.controller;
    const threads = () => (controller.core.snapshot()[0] as { threads: unknown[] }).threads.length;
    const tokens = () => container.account.meter.total.inputTokens;
    const before = { posts: (await posts()).length, threads: threads(), tokens: tokens(), active: controller.activeThread?.id };
    const seen: { url: string; body: string }[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      seen.push({ url: String(input instanceof Request ? input.url : input), body: String(init?.body ?? '') });
      return realFetch(input, init);
    };
    try { await container.warmCode(); } finally { globalThis.fetch = realFetch; }
    // The canned turns per API, then the chat's own turn: its request carries the chat's tools, as a first message does.
    const chatTurn = seen.find((s) => /"tools"/.test(s.body));
    assert.ok(chatTurn, `the chat's send path sent no request with its tools (saw ${seen.map((s) => s.url).join(', ')})`);
    for (const s of seen) assert.match(s.url, /^http:\/\/127\.0\.0\.1:\d+\//, 'every warm-up request goes to the loopback server');
    assert.equal((await posts()).length, before.posts, 'no request reached the emulator (Mantle)');
    assert.equal(threads(), before.threads, 'no thread was added to the chat');
    assert.equal(controller.activeThread?.id, before.active, 'the active thread is the same');
    assert.equal(tokens(), before.tokens, "the window's cost meter counted nothing");
  });
});
