// The editor commands' request path against the emulator with the real openai SDK: the prompt built from a
// selection goes out as a streamed Chat Completions request for the coder model, the reply's code comes back out
// re-indented for the document, and Cancel closes the HTTP request.
import { strict as assert } from 'node:assert';
import { editorAction } from '../../src/common/editor/actions';
import { extractCode } from '../../src/common/editor/codeExtraction';
import { runEditorTurn, type StreamProgress } from '../../src/common/editor/editorTurn';
import { buildEditorPrompt } from '../../src/common/editor/promptBuilder';
import { prepareReplacement } from '../../src/common/editor/rangeApply';
import { surroundingContext } from '../../src/common/editor/surroundingContext';
import { isMantleError } from '../../src/common/mantle/errors';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { bearer, routedTurns, testClient } from './clientHelpers';

const KEY = 'mantle-emulator-key';
const CODER = 'qwen.qwen3-coder-480b-a35b-instruct';

// A class method selected from the start of its line: the emulator tidies `var` and `==`, a visible refactor.
const DOCUMENT = [
  'export class Totals {',
  '  sum(items) {',
  '    var total = 0;',
  '    for (var i = 0; i < items.length; i++) {',
  '      if (items[i] == null) continue;',
  '      total += items[i];',
  '    }',
  '    return total;',
  '  }',
  '}',
];
const SELECTION = `${DOCUMENT.slice(1, 9).join('\r\n')}\r\n`;

function refactorPrompt() {
  return buildEditorPrompt({
    action: editorAction('refactor'), languageId: 'javascript', file: 'src/totals.js', startLine: 2, endLine: 9,
    selection: SELECTION.replace(/\r\n/g, '\n').trimEnd(), context: surroundingContext(DOCUMENT, 1, 8, 30),
  });
}

describe('editor commands against the emulator', function () {
  this.timeout(20_000);
  let emu: RunningEmulator;
  afterEach(async () => { await emu?.close(); });

  it('sends Refactor as a streamed Chat Completions request for the coder model and gets back an appliable rewrite', async () => {
    emu = await startEmulator({ port: 0 });
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const seen: StreamProgress[] = [];
    const result = await runEditorTurn(routedTurns(client), { model: CODER, messages: refactorPrompt() }, (p) => seen.push(p));

    const entry = emu.log.at(-1)!;
    assert.equal(entry.path, '/v1/chat/completions');
    assert.equal(entry.model, CODER);
    assert.equal(entry.stream, true);
    const sent = (entry.body as { messages: { role: string; content: string }[] }).messages;
    assert.deepEqual(sent.map((m) => m.role), ['system', 'user']);
    assert.match(sent[1].content, /File: src\/totals\.js/);

    assert.ok(seen.length > 1, 'progress reported while streaming');
    assert.equal(seen.at(-1)!.chars, result.text.length);
    assert.ok(seen.every((p, i) => i === 0 || p.chars >= seen[i - 1].chars));

    const code = await extractCode(result.text, 'javascript');
    assert.equal(code.kind, 'fenced');
    const replacement = prepareReplacement({ proposal: (code as { code: string }).code, original: SELECTION, linePrefix: '', eol: '\r\n' });
    assert.equal(replacement, [
      '  sum(items) {',
      '    const total = 0;',
      '    for (const i = 0; i < items.length; i++) {',
      '      if (items[i] === null) continue;',
      '      total += items[i];',
      '    }',
      '    return total;',
      '  }',
      '',
    ].join('\r\n'));
  });

  it('Cancel aborts the request mid-stream: the promise rejects as cancelled and the server sees the connection close', async () => {
    emu = await startEmulator({ port: 0, tokenDelayMs: 25 });
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const abort = new AbortController();
    let reports = 0;
    const started = Date.now();
    const turn = runEditorTurn(routedTurns(client), { model: CODER, messages: refactorPrompt() }, () => {
      if (++reports === 5) abort.abort();
    }, abort.signal);
    await assert.rejects(turn, (e: unknown) => isMantleError(e) && e.kind === 'cancelled');
    assert.ok(Date.now() - started < 5000, 'the abort ended the wait at once');
    const entry = await emu.waitFor((x) => x.path === '/v1/chat/completions' && x.endedAt !== undefined, 3000);
    assert.equal(entry.clientClosedEarly, true);
  });

  it('Generate Tests gets a whole test file in the document\'s language', async () => {
    emu = await startEmulator({ port: 0 });
    const { client } = testClient({ baseURL: emu.url, auth: bearer(KEY) });
    const messages = buildEditorPrompt({
      action: editorAction('tests'), languageId: 'python', file: 'calc.py', startLine: 1, endLine: 2,
      selection: 'def add(a, b):\n    return a + b',
    });
    const result = await runEditorTurn(routedTurns(client), { model: CODER, messages }, () => undefined);
    const code = await extractCode(result.text, 'python');
    assert.equal(code.kind, 'fenced');
    assert.match((code as { code: string }).code, /def test_\w*add/);
  });
});
