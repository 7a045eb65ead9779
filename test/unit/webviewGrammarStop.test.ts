// Where a streaming paint stops so that highlight.js compiles a language's grammar in a task of its own
// (src/webview/markdown.ts grammarStop): after the opening line of a code block in a language not compiled yet, and
// there until the compile ran. Each case uses a language no other case compiles (the compiled set is per page).
import { strict as assert } from 'node:assert';
import { grammarStop } from '../../src/webview/markdown';

/** Until `done` (the compile runs in timer tasks of its own), a millisecond at a time. */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !done(); i++) await new Promise((r) => setTimeout(r, 1));
}

describe('webview: a paint stops at a code block whose grammar is not compiled yet', () => {
  it('stops after the opening line, waits there until the grammar compiled, then goes on', async () => {
    const text = 'Some text first.\n\n```kotlin\nfun main() = println("hi")\n```\n\nAfter the code.\n';
    const opener = text.indexOf('```kotlin\n') + '```kotlin\n'.length;
    assert.equal(grammarStop(text, 0, text.length), opener, 'stops just after the opening line');
    assert.equal(grammarStop(text, opener, text.length), opener, 'waits at the opening line while the grammar compiles');
    await until(() => grammarStop(text, opener, text.length) !== opener);
    assert.equal(grammarStop(text, opener, text.length), text.length, 'goes on once it compiled');
    assert.equal(grammarStop(text, 0, text.length), text.length, 'a compiled language never stops a paint again');
  });

  it('goes on as far as it would have when there is no such block within the paint', () => {
    const text = 'Plain text.\n\n```nosuchlanguage\nx\n```\n\n```\nno language\n```\n\nEnd ```rust inside a line.\n';
    assert.equal(grammarStop(text, 0, text.length), text.length, 'unknown languages, no language, or no fence at the line start');
    const later = 'Intro.\n\n```swift\nlet x = 1\n```\n';
    assert.equal(grammarStop(later, 0, 5), 5, 'the block lies beyond this paint');
    assert.equal(grammarStop(later, 0, later.indexOf('```swift') + 6), later.indexOf('```swift') + 6, 'the opening line is not complete yet');
  });

  it('finds opening lines inside list items and quotes, by the language as the renderer reads it', () => {
    const item = '- step one:\n\n  ```Ruby title="x"\n  puts 1\n  ```\n';
    assert.equal(grammarStop(item, 0, item.length), item.indexOf('  puts'));
    const quote = '> ~~~~ go\n> package main\n> ~~~~\n';
    assert.equal(grammarStop(quote, 0, quote.length), quote.indexOf('> package'));
  });

  it('never stops before what is already shown, and scans from the line that holds it', () => {
    const text = 'abc\n```java\nclass A {}\n```\n';
    const opener = text.indexOf('class');
    // The previous paint showed part of the opening line (up to "```j"): this one stops at its end.
    assert.equal(grammarStop(text, 6, text.length), opener);
    assert.equal(grammarStop(text, opener, text.length), opener, 'then waits there');
    assert.equal(grammarStop(text, 2, 3), 3, 'nothing to wait for within this paint');
  });
});
