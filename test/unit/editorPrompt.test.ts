import { strict as assert } from 'node:assert';
import { editorAction, EDITOR_ACTIONS } from '../../src/common/editor/actions';
import { CODER_MODEL_ORDER, orderModelsForCoder } from '../../src/common/editor/coderModels';
import { progressMessage } from '../../src/common/editor/editorTurn';
import { buildEditorPrompt, fenceFor, taskText } from '../../src/common/editor/promptBuilder';
import { surroundingContext } from '../../src/common/editor/surroundingContext';
import { CATALOG } from '../../src/common/models/catalog';

const lines = (n: number): string[] => Array.from({ length: n }, (_, i) => `line ${i}`);

describe('editor prompt: surrounding context', () => {
  it('takes up to contextLines whole lines on each side and counts what it left out', () => {
    const c = surroundingContext(lines(100), 40, 44, 3);
    assert.equal(c.before, 'line 37\nline 38\nline 39');
    assert.equal(c.after, 'line 45\nline 46\nline 47');
    assert.equal(c.omittedAbove, 37);
    assert.equal(c.omittedBelow, 52);
  });

  it('stops at the start and end of the document', () => {
    const c = surroundingContext(lines(5), 1, 3, 30);
    assert.equal(c.before, 'line 0');
    assert.equal(c.after, 'line 4');
    assert.equal(c.omittedAbove, 0);
    assert.equal(c.omittedBelow, 0);
  });

  it('keeps the lines nearest the selection when the character budget runs out (one huge line cannot blow up the prompt)', () => {
    const doc = ['x'.repeat(10_000), 'near above', 'SELECTED', 'near below', 'y'.repeat(10_000)];
    const c = surroundingContext(doc, 2, 2, 30, 100);
    assert.equal(c.before, 'near above');
    assert.equal(c.after, 'near below');
    assert.equal(c.omittedAbove, 1);
    assert.equal(c.omittedBelow, 1);
  });

  it('sends no context when contextLines is 0', () => {
    const c = surroundingContext(lines(10), 4, 5, 0);
    assert.equal(c.before, '');
    assert.equal(c.after, '');
  });
});

describe('editor prompt: messages', () => {
  const selection = 'function add(a, b) {\n  return a + b;\n}';
  const base = { languageId: 'typescript', file: 'src/math.ts', startLine: 12, endLine: 14, selection };

  it('names the file, the language and the 1-based line range, and fences the selection with the language tag', () => {
    const [system, user] = buildEditorPrompt({ ...base, action: editorAction('refactor') });
    assert.equal(system.role, 'system');
    assert.equal(user.role, 'user');
    assert.match(user.content, /^File: src\/math\.ts$/m);
    assert.match(user.content, /^Language: TypeScript \(typescript\)$/m);
    assert.match(user.content, /^Selected lines: 12-14$/m);
    assert.ok(user.content.includes('```typescript\nfunction add(a, b) {\n  return a + b;\n}\n```'));
  });

  it('puts the selection before the context, each context side in its own block with what was left out', () => {
    const context = { before: 'import x from "y";', after: 'export default add;', omittedAbove: 5, omittedBelow: 0 };
    const { content } = buildEditorPrompt({ ...base, action: editorAction('fix'), context })[1];
    const sel = content.indexOf('function add');
    assert.ok(sel > 0 && sel < content.indexOf('import x') && content.indexOf('import x') < content.indexOf('export default add'));
    assert.match(content, /above the selection \(5 earlier lines not shown\):\n```typescript\nimport x from "y";\n```/);
    assert.match(content, /below the selection:\n```typescript\nexport default add;\n```/);
  });

  it('asks rewrites for one fenced replacement block, tests for a whole file, and the chat actions for neither', () => {
    const prompt = (id: Parameters<typeof editorAction>[0]): string => buildEditorPrompt({ ...base, action: editorAction(id) })[1].content;
    for (const id of ['refactor', 'fix', 'document'] as const) assert.match(prompt(id), /replacement for the selected code.*single fenced code block/s, id);
    assert.match(prompt('tests'), /complete, runnable TypeScript file in a single fenced code block/);
    assert.doesNotMatch(prompt('explain'), /fenced code block/);
  });

  it('fills the language into the task and lets the person\'s own instruction replace it (Ask…)', () => {
    assert.match(taskText(editorAction('document'), 'python'), /idiomatic style for Python/);
    const { content } = buildEditorPrompt({ ...base, action: editorAction('ask'), instruction: '  make it generic over T  ' })[1];
    assert.match(content, /^Task: make it generic over T$/m);
  });

  it('uses the fence tag models know (tsx for typescriptreact) and the display name', () => {
    const { content } = buildEditorPrompt({ ...base, languageId: 'typescriptreact', action: editorAction('refactor') })[1];
    assert.ok(content.includes('```tsx\n'));
    assert.match(content, /Language: TypeScript \(TSX\) \(typescriptreact\)/);
  });

  it('uses a fence longer than any backtick run in the code, so a selection containing ``` stays in one block', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('const md = "```js";'), '````');
    assert.equal(fenceFor('a ````` b'), '``````');
    const { content } = buildEditorPrompt({ ...base, selection: 'const md = "```";', action: editorAction('explain') })[1];
    assert.ok(content.includes('````typescript\nconst md = "```";\n````'));
  });

  it('has every action\'s instruction recognisably name its task', () => {
    const ids = EDITOR_ACTIONS.map((a) => a.id);
    assert.deepEqual(ids, ['explain', 'refactor', 'fix', 'document', 'tests', 'ask', 'sendToChat']);
    assert.match(editorAction('refactor').instruction, /^Refactor/);
    assert.match(editorAction('fix').instruction, /fix the bugs/);
    assert.match(editorAction('tests').instruction, /unit tests/);
    assert.throws(() => editorAction('nope' as never));
  });
});

describe('editor models: coder models first', () => {
  it('lists the four coder models in the fixed order, then every other model alphabetically', () => {
    const shuffled = [...CATALOG.map((m) => m.id)].reverse();
    const { coder, other } = orderModelsForCoder(shuffled);
    assert.deepEqual(coder, [
      'qwen.qwen3-coder-480b-a35b-instruct',
      'qwen.qwen3-coder-30b-a3b-instruct',
      'qwen.qwen3-coder-next',
      'mistral.devstral-2-123b',
    ]);
    assert.equal(coder.length + other.length, CATALOG.length);
    assert.deepEqual(other, [...other].sort((a, b) => a.localeCompare(b)));
    assert.ok(!other.some((id) => CODER_MODEL_ORDER.some((c) => id.includes(c))));
  });

  it('removes duplicates and keeps unknown models', () => {
    const { coder, other } = orderModelsForCoder(['b-model', 'mistral.devstral-2-123b', 'a-model', 'b-model']);
    assert.deepEqual(coder, ['mistral.devstral-2-123b']);
    assert.deepEqual(other, ['a-model', 'b-model']);
  });
});

describe('editor progress message', () => {
  it('shows the characters received and the last line, shortened to fit a notification', () => {
    assert.equal(progressMessage({ chars: 0, lastLine: '' }), '0 characters');
    assert.equal(progressMessage({ chars: 1, lastLine: '```ts' }), '1 character · ```ts');
    const long = `const value = ${'x'.repeat(100)};`;
    const msg = progressMessage({ chars: 12345, lastLine: long }, 20);
    assert.equal(msg, `12,345 characters · ${long.slice(0, 19)}…`);
  });
});
