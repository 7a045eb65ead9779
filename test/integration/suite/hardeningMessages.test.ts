// The chat controller and the compare panel receiving ≥1,000 generated malformed webview messages each
// (test/hardening/malformedMessages.ts), in the real extension host, with fakes that record every action: the
// Mantle client, the thread store's files and mementos, the settings, the webview, the clipboard and the command registry.
// The host must never throw, never act, and log each message exactly once.
import * as assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vscode = require('vscode');
import type { MantleApi, TurnResult } from '../../../src/common/mantle/types';
import { MAX_MESSAGE_STRING } from '../../../src/common/protocol';
import type { Thread } from '../../../src/common/threads/model';
import { serializeThread } from '../../../src/common/threads/serialize';
import type { Log } from '../../../src/vscode/log';
import { ChatController } from '../../../src/vscode/chat/chatController';
import type { ChatSettings } from '../../../src/vscode/chat/chatSettings';
import { ThreadFiles } from '../../../src/node/threadFiles';
import { ThreadStore } from '../../../src/vscode/chat/threadStore';
import { ComparePanel, type CompareSettings } from '../../../src/vscode/compare/comparePanel';
import { CHAT_SHAPES, COMPARE_SHAPES, malformedMessages } from '../../hardening/malformedMessages';
import { activateExtension } from './testEnv';

const MODEL = 'openai.gpt-oss-120b';

/** Everything the fakes saw, in order. */
class Recorder {
  readonly actions: string[] = [];
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  log(): Log {
    const none = () => undefined;
    return {
      trace: none, debug: none, info: none, show: none, dispose: none,
      warn: (m: string) => { this.warnings.push(m); },
      error: (m: string, e?: unknown) => { this.errors.push(`${m} ${String(e)}`); },
    } as unknown as Log;
  }
  mantle(): MantleApi {
    const act = (what: string) => { this.actions.push(what); return Promise.reject(new Error('fake')); };
    return {
      listModels: () => act('mantle.listModels'),
      streamTurn: () => act('mantle.streamTurn') as Promise<TurnResult>,
      getResponse: () => act('mantle.getResponse') as Promise<TurnResult>,
      cancelResponse: () => act('mantle.cancelResponse') as Promise<void>,
    };
  }
  memento(name: string, data: Record<string, unknown>): vscode.Memento {
    return {
      keys: () => Object.keys(data),
      get: <T>(key: string, fallback?: T) => (key in data ? (data[key] as T) : fallback),
      update: (key: string) => { this.actions.push(`${name}.update ${key}`); return Promise.resolve(); },
    } as vscode.Memento;
  }
  /** The thread files in a fresh folder, every save and delete recorded. */
  threadFiles(): ThreadFiles {
    const files = new ThreadFiles(mkdtempSync(join(tmpdir(), 'mantle-threads-')), { warn: (m) => this.warnings.push(m) });
    const save = files.save.bind(files);
    const remove = files.delete.bind(files);
    files.save = (t) => { this.actions.push(`threads.save ${t.id}`); return save(t); };
    files.delete = (id, at) => { this.actions.push(`threads.delete ${id}`); return remove(id, at); };
    return files;
  }
}

function fakeWebview(rec: Recorder): { webview: vscode.Webview; deliver(raw: unknown): Promise<void> } {
  let listener: ((raw: unknown) => unknown) | undefined;
  const webview = {
    onDidReceiveMessage: (l: (raw: unknown) => unknown) => { listener = l; return { dispose: () => undefined }; },
    postMessage: (m: { type: string }) => { rec.actions.push(`post ${m.type}`); return Promise.resolve(true); },
  } as unknown as vscode.Webview;
  return { webview, deliver: async (raw) => { await listener?.(raw); } };
}

/** Records every command run while `fn` runs, if the API object lets the test wrap executeCommand. */
async function watchingCommands(rec: Recorder, fn: () => Promise<void>): Promise<boolean> {
  const commands = vscode.commands as { executeCommand: typeof vscode.commands.executeCommand };
  const original = commands.executeCommand;
  let wrapped = false;
  try {
    commands.executeCommand = ((id: string, ...args: unknown[]) => { rec.actions.push(`command ${id}`); return original(id, ...args); }) as typeof original;
    wrapped = commands.executeCommand !== original;
  } catch { /* a frozen API object: the other fakes still see everything */ }
  try { await fn(); } finally { if (wrapped) commands.executeCommand = original; }
  return wrapped;
}

// A fixed wait on purpose: what these tests check is that a malformed message causes NOTHING (no command, no
// request, no dialog), and an absence has no signal to await. 50 ms covers the host's microtask and timer hops.
const settledTicks = () => new Promise((r) => setTimeout(r, 50));

describe('hardening: malformed webview messages reach the host controllers', function () {
  this.timeout(120_000);
  let extensionUri: vscode.Uri;
  before(async () => { extensionUri = (await activateExtension()).extensionUri; });

  it('the chat controller ignores 1,000+ malformed messages: no throw, no request, no state change, no post, no command, one log line each', async () => {
    const rec = new Recorder();
    const thread: Thread = { id: 't1', title: 'kept', model: MODEL, createdAt: 1, updatedAt: 2, turns: [{ id: 'u1', prompt: 'hi', model: MODEL, answer: 'hello', reasoning: '', status: 'done', createdAt: 1 }] };
    const store = new ThreadStore(rec.threadFiles(), rec.memento('global', { 'bedrockMantle.chat.thread.t1': serializeThread(thread) }), rec.memento('workspace', { 'bedrockMantle.chat.activeThread': 't1' }), (m: string) => rec.warnings.push(m));
    const settings = {
      store: true, showReasoning: true, defaultModel: MODEL, effort: 'medium',
      setShowReasoning: () => { rec.actions.push('settings.setShowReasoning'); return Promise.resolve(); },
      setEffort: () => { rec.actions.push('settings.setEffort'); return Promise.resolve(); },
      onDidChange: () => ({ dispose: () => undefined }),
    } as unknown as ChatSettings;
    const mantle = rec.mantle();
    const controller = new ChatController({ store, settings, mantle, models: { list: async () => [], apiFor: () => 'responses' }, log: rec.log() });
    const { webview, deliver } = fakeWebview(rec);
    const attachment = controller.attach(webview);
    await settledTicks();
    const clipboard = 'hardening-clipboard-sentinel';
    await vscode.env.clipboard.writeText(clipboard);
    rec.actions.length = 0;
    rec.warnings.length = 0;

    const messages = malformedMessages({ ...CHAT_SHAPES, maxString: MAX_MESSAGE_STRING }, 1_000);
    assert.ok(messages.length >= 1_000);
    const wrapped = await watchingCommands(rec, async () => {
      for (const { why, message } of messages) {
        const before = rec.warnings.length;
        try { await deliver(message); } catch (err) { assert.fail(`${why}: threw ${String(err)}`); }
        assert.equal(rec.warnings.length - before, 1, `${why}: logged ${rec.warnings.length - before} times`);
        assert.match(rec.warnings[rec.warnings.length - 1] ?? '', /ignored a malformed webview message/, why);
      }
      await settledTicks();
    });
    assert.deepEqual(rec.actions, [], `the host acted (commands watched: ${wrapped})`);
    assert.deepEqual(rec.errors, []);
    assert.equal(await vscode.env.clipboard.readText(), clipboard, 'the clipboard is untouched');
    assert.equal(controller.activeThread?.id, 't1');
    assert.deepEqual(controller.activeThread?.turns.map((t) => [t.id, t.status, t.answer]), [['u1', 'done', 'hello']]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
    attachment.dispose();
    controller.dispose();
  });

  it('the chat controller changes nothing for well-formed messages about threads, turns and actions that do not exist', async () => {
    const rec = new Recorder();
    const thread: Thread = { id: 't1', title: 'kept', model: MODEL, createdAt: 1, updatedAt: 2, turns: [{ id: 'u1', prompt: 'hi', model: MODEL, answer: 'hello', reasoning: '', status: 'done', createdAt: 1 }] };
    const store = new ThreadStore(rec.threadFiles(), rec.memento('global', { 'bedrockMantle.chat.thread.t1': serializeThread(thread) }), rec.memento('workspace', { 'bedrockMantle.chat.activeThread': 't1' }), (m: string) => rec.warnings.push(m));
    const settings = { store: true, showReasoning: true, defaultModel: MODEL, effort: 'medium', onDidChange: () => ({ dispose: () => undefined }) } as unknown as ChatSettings;
    const mantle = rec.mantle();
    const controller = new ChatController({ store, settings, mantle, models: { list: async () => [], apiFor: () => 'responses' }, log: rec.log() });
    const { webview, deliver } = fakeWebview(rec);
    controller.attach(webview);
    await settledTicks();
    rec.actions.length = 0;
    const unknown = [
      { type: 'stop', threadId: 'nope' }, { type: 'switchThread', threadId: '__proto__' }, { type: 'renameThread', threadId: 'constructor' },
      { type: 'deleteThread', threadId: 'nope' }, { type: 'setModel', threadId: 'nope', model: MODEL }, { type: 'setModel', threadId: 't1', model: '   ' },
      { type: 'editResend', threadId: 't1', turnId: 'nope', text: 'x' }, { type: 'editResend', threadId: 'nope', turnId: 'u1', text: 'x' },
      { type: 'cancelBackground', threadId: 't1', turnId: 'u1' }, { type: 'runAction', action: 'retry', threadId: 't1', turnId: 'nope' },
      { type: 'runAction', action: 'workbench.action.quit', threadId: 't1', turnId: 'u1' }, { type: 'runAction', action: '__proto__', threadId: 't1', turnId: 'u1' },
      { type: 'runAction', action: 'toString', threadId: 't1', turnId: 'u1' }, { type: 'openLink', href: 'command:workbench.action.quit' },
      { type: 'openLink', href: 'javascript:alert(1)' }, { type: 'openLink', href: 'file:///etc/passwd' }, { type: 'openLink', href: 'vscode://ext/x' },
      { type: 'send', threadId: 't1', text: ' \n\t ', background: false },
    ];
    const wrapped = await watchingCommands(rec, async () => {
      for (const m of unknown) await deliver(m);
      await settledTicks();
    });
    // A refused empty prompt answers with a notice; nothing else may happen.
    assert.deepEqual(rec.actions.filter((a) => a !== 'post notice'), [], `the host acted (commands watched: ${wrapped})`);
    assert.deepEqual(rec.errors, []);
    assert.ok(rec.warnings.some((w) => /unsupported scheme/.test(w)) && rec.warnings.some((w) => /unknown error action/.test(w)), rec.warnings.join('\n'));
    assert.deepEqual(controller.activeThread?.turns.map((t) => [t.id, t.status]), [['u1', 'done']]);
    controller.dispose();
  });

  it('the compare panel ignores 1,000+ malformed messages: no throw, no request, no post, no command, one log line each', async () => {
    const rec = new Recorder();
    const mantle = rec.mantle();
    const settings: CompareSettings = { store: true, showReasoning: true, effort: 'medium', setShowReasoning: () => { rec.actions.push('settings.setShowReasoning'); return Promise.resolve(); }, onDidChange: () => ({ dispose: () => undefined }) };
    const panel = new ComparePanel({ extensionUri, log: rec.log(), mantle, apiFor: () => 'responses', settings, chat: { open: async () => { rec.actions.push('chat.open'); } } }, { models: [{ id: MODEL, name: 'gpt-oss' }, { id: 'qwen.qwen3-32b', name: 'Qwen' }], prompt: 'compare me', runs: 1 });
    try {
      await settledTicks();
      // The panel's own webview is real; the test reaches the connection the webview's messages go to.
      const page = (panel as unknown as { page: { receive(raw: unknown): Promise<void> } }).page;
      const receive = (raw: unknown) => page.receive(raw);
      const snapshot = JSON.stringify(panel.state);
      rec.actions.length = 0;
      rec.warnings.length = 0;
      rec.errors.length = 0;
      const messages = malformedMessages({ ...COMPARE_SHAPES, maxString: MAX_MESSAGE_STRING }, 1_000);
      assert.ok(messages.length >= 1_000);
      const wrapped = await watchingCommands(rec, async () => {
        for (const { why, message } of messages) {
          const before = rec.warnings.length;
          try { await receive(message); } catch (err) { assert.fail(`${why}: threw ${String(err)}`); }
          assert.equal(rec.warnings.length - before, 1, `${why}: logged ${rec.warnings.length - before} times`);
          assert.match(rec.warnings[rec.warnings.length - 1] ?? '', /ignored a malformed webview message/, why);
        }
        await settledTicks();
      });
      assert.deepEqual(rec.actions, [], `the panel acted (commands watched: ${wrapped})`);
      assert.deepEqual(rec.errors, []);
      assert.equal(JSON.stringify(panel.state), snapshot, 'the comparison is unchanged');
    } finally {
      panel.dispose();
    }
  });
});
