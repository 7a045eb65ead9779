import { strict as assert } from 'node:assert';
import { extractCode, looksLikeProse } from '../../src/common/editor/codeExtraction';

describe('editor code extraction', () => {
  it('takes the code out of one fenced block and ignores the prose around it', async () => {
    const reply = 'Here is a refactored version.\n\n```ts\nconst add = (a: number, b: number) => a + b;\n```\n\nWhat changed: arrow function.';
    assert.deepEqual(await extractCode(reply, 'typescript'), { kind: 'fenced', code: 'const add = (a: number, b: number) => a + b;', blocks: 1, used: 1 });
  });

  it('keeps the code byte for byte: indentation, blank lines, <, & and backslashes', async () => {
    const code = '    if (a < b && c) {\n\n        s = "\\n";\n    }';
    const r = await extractCode(`Sure:\n\n\`\`\`js\n${code}\n\`\`\``, 'javascript');
    assert.equal(r.kind === 'fenced' && r.code, code);
  });

  it('joins several blocks in the document\'s language and leaves out blocks in other languages', async () => {
    const reply = [
      'First a helper:', '', '```python', 'def helper(x):', '    return x * 2', '```', '',
      'Install it with:', '', '```bash', 'pip install thing', '```', '',
      'Then the function:', '', '```py', 'def main():', '    return helper(1)', '```',
    ].join('\n');
    assert.deepEqual(await extractCode(reply, 'python'), {
      kind: 'fenced', code: 'def helper(x):\n    return x * 2\n\ndef main():\n    return helper(1)', blocks: 3, used: 2,
    });
  });

  it('counts an untagged block as the document\'s language, and uses every block when none is tagged with it', async () => {
    const untagged = await extractCode('```\nlet x = 1;\n```\n```sh\nnpm test\n```', 'javascript');
    assert.deepEqual(untagged, { kind: 'fenced', code: 'let x = 1;', blocks: 2, used: 1 });
    const other = await extractCode('```java\nint x;\n```\n\n```kotlin\nval x = 1\n```', 'typescript');
    assert.deepEqual(other, { kind: 'fenced', code: 'int x;\n\nval x = 1', blocks: 2, used: 2 });
  });

  it('understands ~~~ fences, longer ``` fences around code that contains ```, and blocks inside lists', async () => {
    assert.equal((await extractCode('~~~rust\nfn main() {}\n~~~', 'rust') as { code: string }).code, 'fn main() {}');
    const md = 'const s = "```";';
    assert.equal((await extractCode(`\`\`\`\`ts\n${md}\n\`\`\`\``, 'typescript') as { code: string }).code, md);
    assert.equal((await extractCode('1. Replace it with:\n\n   ```go\n   x := 1\n   ```\n', 'go') as { code: string }).code, 'x := 1');
  });

  it('still gets the code from a reply cut off inside its block (no closing fence)', async () => {
    const r = await extractCode('Here you go:\n\n```ts\nfunction f() {\n  return 1;', 'typescript');
    assert.equal(r.kind === 'fenced' && r.code, 'function f() {\n  return 1;');
  });

  it('takes an unfenced reply as code when it reads as code, keeping its first line\'s indentation', async () => {
    const r = await extractCode('\n\n    def f(x):\n        return x + 1\n\n', 'python');
    assert.deepEqual(r, { kind: 'unfenced', code: '    def f(x):\n        return x + 1' });
    assert.equal((await extractCode('return a + b;', 'javascript')).kind, 'unfenced');
  });

  it('reports no code for a prose-only reply, a refusal, or an empty reply', async () => {
    assert.deepEqual(await extractCode('The code already looks correct. I would not change anything here.', 'typescript'), { kind: 'none' });
    assert.deepEqual(await extractCode('I cannot help with that request', 'typescript'), { kind: 'none' });
    assert.deepEqual(await extractCode('   \n', 'typescript'), { kind: 'none' });
    assert.deepEqual(await extractCode('```ts\n\n```\nNothing to change.', 'typescript'), { kind: 'none' });
  });

  it('tells prose from code: comments ending in a period are code, sentences are prose', () => {
    assert.equal(looksLikeProse('// Adds two numbers together.\nfunction add(a, b) {\n  return a + b;\n}'), false);
    assert.equal(looksLikeProse('# Compute the total price.\ntotal = sum(prices)'), false);
    assert.equal(looksLikeProse('This function adds two numbers.\nIt has no side effects.\nfoo()'), true);
  });

  it('reads a Markdown answer cut off mid-sentence as prose, but not Python comments or a short import line', () => {
    assert.equal(looksLikeProse('## Overview\n\nServerless platforms let a team ship features without managing machines. Capacity follows demand, and you'), true);
    assert.equal(looksLikeProse('# Sum the prices\n# then round the result to cents for display\ntotal = round(sum(prices), 2)'), false);
    assert.equal(looksLikeProse('import os\nimport sys'), false);
    assert.equal(looksLikeProse('## Overview'), true);
  });
});
