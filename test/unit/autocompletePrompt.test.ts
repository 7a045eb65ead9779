import { strict as assert } from 'node:assert';
import { buildCompletionPrompt, clipPrefix, clipSuffix, HOLE } from '../../src/common/autocomplete/prompt';
import { cleanCompletion, dropRepeatedPrefix, dropSuffixOverlap, stripFences } from '../../src/common/autocomplete/clean';
import { DEFAULT_EXCLUDE, languageEnabled } from '../../src/common/autocomplete/eligibility';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const PREFIX = 'export function add(a: number, b: number): number {\n  ';
const SUFFIX = '\n}\n';

describe('autocomplete prompt', () => {
  it('marks the cursor as a hole inside a fence, with the file path, language and mode', () => {
    const p = buildCompletionPrompt({ prefix: PREFIX, suffix: SUFFIX, languageId: 'typescript', path: 'src/math.ts', mode: 'multiLine' });
    assert.deepEqual(p.messages.map((m) => m.role), ['system', 'user']);
    const user = p.messages[1].content;
    assert.match(user, /^File: src\/math\.ts \(TypeScript\)/);
    assert.ok(user.includes(`\`\`\`typescript\n${PREFIX}${HOLE}${SUFFIX}\n\`\`\``));
    assert.match(user, /at most 12 lines/);
    assert.match(p.messages[0].content, /only the code to insert/);
    assert.equal(p.maxOutputTokens, 320);
  });

  it('asks for the rest of the line only in single-line mode, with a smaller output budget', () => {
    const p = buildCompletionPrompt({ prefix: 'console.log(', suffix: ')', languageId: 'javascript', path: 'a.js', mode: 'singleLine' });
    assert.match(p.messages[1].content, /Complete only the rest of the current line\./);
    assert.equal(p.maxOutputTokens, 64);
  });

  it('lengthens the fence when the code itself contains ```', () => {
    const p = buildCompletionPrompt({ prefix: 'const md = "```js";\n', suffix: '', languageId: 'typescript', path: 'a.ts', mode: 'multiLine' });
    assert.ok(p.messages[1].content.includes('````typescript\n'));
  });

  it('clips the prefix and suffix to their budgets at line boundaries', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const text = lines.join('\n');
    const before = clipPrefix(text, 50);
    assert.ok(before.length <= 50);
    assert.match(before, /^line \d+\n/, 'starts at a line start');
    assert.ok(text.endsWith(before));
    const after = clipSuffix(text, 50);
    assert.ok(after.length <= 50);
    assert.ok(text.startsWith(`${after}\n`), 'ends at a line end');
    const p = buildCompletionPrompt({ prefix: text, suffix: text, languageId: 'plaintext', path: 'x.txt', mode: 'multiLine' }, { prefixChars: 50, suffixChars: 50 });
    assert.equal(p.prefixChars, before.length);
    assert.equal(p.suffixChars, after.length);
    assert.ok(!p.messages[1].content.includes('line 50'), 'the middle of the file is left out');
  });

  it('keeps the raw tail when a single line is longer than the budget', () => {
    assert.equal(clipPrefix('x'.repeat(100), 10), 'x'.repeat(10));
  });

  it('lists the neighbouring open editors\' symbols when given, and nothing when empty', () => {
    const p = buildCompletionPrompt({ prefix: '', suffix: '', languageId: 'typescript', path: 'a.ts', mode: 'multiLine', neighbours: [{ path: 'src/b.ts', symbols: ['parse', 'Token'] }, { path: 'src/c.ts', symbols: [] }] });
    assert.match(p.messages[1].content, /Names defined in other open files:\n- src\/b\.ts: parse, Token\n/);
    assert.ok(!p.messages[1].content.includes('src/c.ts'));
    const none = buildCompletionPrompt({ prefix: '', suffix: '', languageId: 'typescript', path: 'a.ts', mode: 'multiLine' });
    assert.ok(!none.messages[1].content.includes('Names defined'));
  });
});

describe('autocomplete answer cleaning', () => {
  it('takes the body of a fence, closed or cut off', () => {
    assert.equal(stripFences('Here:\n```ts\nreturn a + b;\n```\nDone.'), 'return a + b;');
    assert.equal(stripFences('```python\nreturn x\n'), 'return x\n');
    assert.equal(stripFences('return a;'), 'return a;');
  });

  it('drops the repeated current line, repeated lines before it, and the repeated indentation', () => {
    assert.equal(dropRepeatedPrefix("  console.log('ready');", 'function f() {\n  console.log('), "'ready');");
    assert.equal(dropRepeatedPrefix("console.log('ready');", 'function f() {\n  console.log('), "'ready');");
    assert.equal(dropRepeatedPrefix('export function add(a, b) {\n  return a + b;', 'export function add(a, b) {\n  '), 'return a + b;');
    assert.equal(dropRepeatedPrefix('  return a + b;', 'f() {\n  '), 'return a + b;');
    assert.equal(dropRepeatedPrefix('return 1;', 'f() {\n  '), 'return 1;');
  });

  it('drops trailing lines that repeat what follows the cursor', () => {
    assert.equal(dropSuffixOverlap('return a + b;\n}', '\n}\n'), 'return a + b;');
    assert.equal(dropSuffixOverlap('if (x) {\n  y();\n}\nreturn z;\n}', '\n}\n'), 'if (x) {\n  y();\n}\nreturn z;');
    assert.equal(dropSuffixOverlap('return a;', '\n}\n'), 'return a;');
  });

  it('cleans the emulator\'s fenced function body down to the missing line', () => {
    const raw = '```typescript\n  return a + b;\n}\n```';
    assert.deepEqual(cleanCompletion({ raw, prefix: PREFIX, suffix: SUFFIX, mode: 'multiLine' }), { text: 'return a + b;', replacesRestOfLine: false });
  });

  it('keeps several lines in multi-line mode up to the limit, one line in single-line mode', () => {
    const raw = '  if (n < 2) return n;\n  return fib(n - 1) + fib(n - 2);   \n}';
    const prefix = 'function fib(n) {\n  ';
    assert.equal(cleanCompletion({ raw, prefix, suffix: SUFFIX, mode: 'multiLine' })?.text, 'if (n < 2) return n;\n  return fib(n - 1) + fib(n - 2);');
    assert.equal(cleanCompletion({ raw, prefix, suffix: SUFFIX, mode: 'singleLine' })?.text, 'if (n < 2) return n;');
    assert.equal(cleanCompletion({ raw: 'a\nb\nc\nd', prefix: '', suffix: '', mode: 'multiLine', maxLines: 2 })?.text, 'a\nb');
  });

  it('removes trailing whitespace and the hole marker a model echoed', () => {
    assert.equal(cleanCompletion({ raw: `x = 1;${HOLE}   \n\n`, prefix: '', suffix: '', mode: 'multiLine' })?.text, 'x = 1;');
  });

  it('replaces an auto-closed bracket the answer closes again, and cuts a repeated rest of line', () => {
    assert.deepEqual(cleanCompletion({ raw: "console.log('ready');", prefix: '  console.log(', suffix: ')\n}', mode: 'singleLine' }), { text: "'ready');", replacesRestOfLine: true });
    assert.deepEqual(cleanCompletion({ raw: 'total + tax', prefix: 'const x = ', suffix: ' + tax\n', mode: 'singleLine' }), { text: 'total', replacesRestOfLine: false });
  });

  it('offers nothing for an empty, whitespace-only or already-present answer', () => {
    assert.equal(cleanCompletion({ raw: '', prefix: PREFIX, suffix: SUFFIX, mode: 'multiLine' }), undefined);
    assert.equal(cleanCompletion({ raw: '```ts\n   \n```', prefix: PREFIX, suffix: SUFFIX, mode: 'multiLine' }), undefined);
    assert.equal(cleanCompletion({ raw: '}', prefix: PREFIX, suffix: SUFFIX, mode: 'multiLine' }), undefined);
    assert.equal(cleanCompletion({ raw: 'return a;', prefix: 'f() {\n  ', suffix: 'return a;\n}', mode: 'multiLine' }), undefined);
  });
});

describe('autocomplete eligibility', () => {
  it('reads the per-language map with "*" for the rest, on when absent', () => {
    assert.equal(languageEnabled({}, 'typescript'), true);
    assert.equal(languageEnabled({ '*': false, typescript: true }, 'typescript'), true);
    assert.equal(languageEnabled({ '*': false, typescript: true }, 'python'), false);
    assert.equal(languageEnabled({ '*': true, markdown: false }, 'markdown'), false);
  });

  it('excludes .env-like files by default, the same list package.json declares', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'));
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['bedrockMantle.autocomplete.exclude'].default, DEFAULT_EXCLUDE);
    assert.ok(DEFAULT_EXCLUDE.includes('**/.env') && DEFAULT_EXCLUDE.includes('**/.env.*'));
    assert.equal(props['bedrockMantle.autocomplete.enabled'].default, false);
    assert.equal(props['bedrockMantle.autocomplete.enabled'].scope, 'machine');
  });
});
