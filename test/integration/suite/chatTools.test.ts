// The chat's workspace tools (src/vscode/tools/workspaceTools.ts) in the real extension host: reads inside the
// workspace work and are bounded; `..`, absolute paths, a symlink that leads out, files.exclude, .gitignore and
// secrets-looking files are refused; a proposed edit opens the diff and changes nothing until it is accepted.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import vscode = require('vscode');
import type { Container } from '../../../src/container';
import { activateExtension } from './testEnv';

let n = 0;
const call = (name: string, input: Record<string, unknown>) => ({ id: `c${++n}`, name, arguments: JSON.stringify(input), input });

describe('chat workspace tools (extension host)', () => {
  let container: Container;
  let root: string;
  let outside: string;

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') this.skip();
    container = (await activateExtension()).exports as Container;
    root = folder!.uri.fsPath;
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'mantle-outside-'));
    await fs.writeFile(path.join(outside, 'private.txt'), 'outside the workspace');
    await fs.mkdir(path.join(root, 'tools-case'), { recursive: true });
    await fs.writeFile(path.join(root, 'tools-case', 'notes.md'), 'line one\nline two has NEEDLE\nline three\n');
    await fs.writeFile(path.join(root, 'tools-case', 'ignored.txt'), 'NEEDLE in an ignored file');
    await fs.writeFile(path.join(root, 'tools-case', 'hidden.bin'), 'NEEDLE in an excluded file');
    await fs.writeFile(path.join(root, 'tools-case', '.env'), 'API_KEY=NEEDLE');
    await fs.writeFile(path.join(root, '.gitignore'), 'tools-case/ignored.txt\n');
    await fs.symlink(path.join(outside, 'private.txt'), path.join(root, 'tools-case', 'link.txt')).catch(() => undefined);
    await vscode.workspace.getConfiguration('files').update('exclude', { '**/*.bin': true }, vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace.getConfiguration('files').update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
    await fs.rm(path.join(root, 'tools-case'), { recursive: true, force: true });
    await fs.rm(path.join(root, '.gitignore'), { force: true });
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('reads, lists and searches inside the workspace', async () => {
    const read = await container.chatTools.execute(call('read_file', { path: 'tools-case/notes.md', startLine: 2, endLine: 2 }));
    assert.equal(read.isError, undefined);
    assert.equal(read.content, 'tools-case/notes.md (lines 2-2 of 4):\nline two has NEEDLE');
    const list = await container.chatTools.execute(call('list_folder', { path: 'tools-case' }));
    assert.match(list.content, /notes\.md/);
    assert.doesNotMatch(list.content, /\.env|ignored\.txt|hidden\.bin/);
    const search = await container.chatTools.execute(call('search_text', { query: 'needle' }));
    assert.match(search.content, /tools-case\/notes\.md:2: line two has NEEDLE/);
    assert.doesNotMatch(search.content, /ignored|excluded|API_KEY/);
  });

  it('refuses paths outside the workspace, symlinks that lead out, excluded and secret files', async () => {
    const refused = async (p: string, why: RegExp) => {
      const r = await container.chatTools.execute(call('read_file', { path: p }));
      assert.equal(r.isError, true, `${p} was read`);
      assert.match(r.content, why);
    };
    await refused('../outside.txt', /no "\.\."/);
    await refused(path.join(outside, 'private.txt'), /relative to the workspace|drive letters/);
    await refused('tools-case/link.txt', /leads outside the workspace/);
    await refused('tools-case/ignored.txt', /excluded/);
    await refused('tools-case/hidden.bin', /excluded/);
    await refused('tools-case/.env', /secrets/);
  });

  it('propose_edit opens a diff and changes the file only when accepted', async () => {
    const file = path.join(root, 'tools-case', 'notes.md');
    const r = await container.chatTools.execute(call('propose_edit', { path: 'tools-case/notes.md', find: 'line three', replace: 'line 3' }));
    assert.equal(r.isError, undefined, r.content);
    assert.match(r.content, /Nothing has changed yet/);
    assert.equal(await fs.readFile(file, 'utf8'), 'line one\nline two has NEEDLE\nline three\n');
    assert.equal(await container.editorCommands.review.accept(), true);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
    assert.equal(doc?.getText(), 'line one\nline two has NEEDLE\nline 3\n');
  });
});
