// The scripted model's coder answers across languages, asked the way the extension's editor commands ask.
import { strict as assert } from 'node:assert';
import { startEmulator, type RunningEmulator } from '../emulator/server';
import { emulatorSdk } from './clientHelpers';

describe('emulator: scripted coder answers', () => {
  let emu: RunningEmulator;
  let ask: (prompt: string) => Promise<string>;

  before(async () => {
    emu = await startEmulator();
    const client = emulatorSdk(emu.url);
    ask = async (prompt) =>
      (await client.chat.completions.create({ model: 'mistral.devstral-2-123b', messages: [{ role: 'user', content: prompt }] })).choices[0].message.content!;
  });
  after(() => emu.close());

  const task = (lang: string, code: string, instruction: string): string => `Selected code:\n\`\`\`${lang}\n${code}\n\`\`\`\n\nTask: ${instruction}`;

  it('fixes a Python off-by-one and a None comparison', async () => {
    const code = 'def total(items):\n    s = 0\n    for i in range(len(items) + 1):\n        s += items[i]\n    if s == None:\n        return 0\n    return s';
    const answer = await ask(task('python', code, 'Find and fix the bugs in the selected code.'));
    assert.match(answer, /```python\n[\s\S]*range\(len\(items\)\):[\s\S]*if s is None:/);
  });

  it('documents Go with a comment that starts with the function name, and Rust with ///', async () => {
    const go = await ask(task('go', 'func Sum(xs []int) int {\n\ttotal := 0\n\treturn total\n}', 'Add documentation comments to the selected code.'));
    assert.match(go, /```go\n\/\/ Sum returns the result of sum\.\nfunc Sum/);
    const rust = await ask(task('rust', 'pub fn area(w: f64, h: f64) -> f64 {\n    w * h\n}', 'Add documentation comments to the selected code.'));
    assert.match(rust, /```rust\n\/\/\/ Area\.\n\/\/\/ \* `w` - the w\.\n\/\/\/ \* `h` - the h\.\npub fn area/);
  });

  it('writes tests named after each function, in the language\'s usual framework', async () => {
    const rust = await ask(task('rust', 'pub fn area(w: f64, h: f64) -> f64 {\n    w * h\n}', 'Write unit tests for the selected code in Rust.'));
    assert.match(rust, /#\[test\]\n {4}fn area_is_deterministic\(\)/);
    const py = await ask(task('py', 'def slug(title):\n    return title.lower()\n\ndef clean(s):\n    return s.strip()', 'Generate tests for this.'));
    assert.match(py, /from module import slug, clean/);
    assert.match(py, /def test_slug_returns_a_value\(\):[\s\S]*def test_clean_returns_a_value\(\):/);
    const java = await ask(task('java', 'public class Calc {\n    public int add(int a, int b) {\n        return a + b;\n    }\n}', 'Write unit tests for the selected code in Java.'));
    assert.match(java, /@Test\n {4}void addIsDeterministic\(\)/);
  });

  it('reads plain, unfenced code after the instruction', async () => {
    const answer = await ask('Refactor this:\nfunction check(a) {\n  var ok = a == 1;\n  return ok;\n}');
    assert.match(answer, /```javascript\nfunction check\(a\) \{\n {2}const ok = a === 1;/);
  });

  it('is not fooled by conversation-like strings inside code', async () => {
    const answer = await ask(task('python', 'def intro(name):\n    return "My name is " + name', 'Explain what the selected code does.'));
    assert.match(answer, /`intro\(name\)` takes `name` and returns/);
    assert.doesNotMatch(answer, /Nice to meet you/);
  });

  it('falls back to an echo when there is no recognisable task', async () => {
    const answer = await ask('The weather is nice today.');
    assert.match(answer, /^You said: "The weather is nice today\."/);
  });
});
