import { strict as assert } from 'node:assert';
import type { Marked, Token } from 'marked' with { 'resolution-mode': 'import' };
import { buildMarked, lexBlocks } from '../../src/webview/markdown';
import { StreamingMarkdown, type BlockRenderer } from '../../src/webview/streamingMarkdown';
import { longReply } from '../emulator/longReply';

// Documents with the constructs whose block boundaries are easy to get wrong while text is still arriving: loose and
// tight lists, setext headings, tables, open and closed fences, indented code, lazy quote lines, raw HTML, reference
// definitions after their use, CRLF line ends.
const DOCUMENTS = [
  '# Title\n\nA paragraph with *emphasis* and `code`.\n\nAnother one\nover two lines.\n',
  'Setext heading\n==============\n\nSecond\n------\n\ntext\n***\nafter the rule',
  '- one\n- two\n\n- three (the list is loose now)\n\n  continued item\n\nnot in the list\n\n1. a\n2. b\n   1. nested\n',
  '| a | b |\n|---|:-:|\n| 1 | 2 |\n| 3 | 4 |\n\nafter the table\n| not | a table |',
  'Code:\n\n```ts\nconst x = 1;\n\n\nconst y = `template`;\n```\n\nand after\n\n```\nnever closed\n\n# not a heading',
  'para\n\n    indented code\n\n    more code\n\nend\n    lazy continuation',
  '> quote\nlazy line\n> > nested\n\n> second quote\n\n<div onclick="x()">raw html</div>\n\n<script>alert(1)</script> inline',
  'See [the docs][d] and [other].\n\nText in between.\n\n[d]: https://example.com/docs "Docs"\n[other]: https://example.com/other\n\nafter [d]',
  'Windows\r\nline ends\r\n\r\n- a\r\n- b\r\n\r\n```js\r\nx()\r\n```\r\n',
  'Old Mac\rline ends\r\rpara\r\r\n\r\nmixed\n\r\n> quote\r',
  longReply(600),
];

/** Splits `text` into chunks of the given sizes, cycling through them. */
function chunks(text: string, sizes: number[]): string[] {
  const out: string[] = [];
  for (let i = 0, k = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length] ?? 1;
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Plays the patches as the webview does: final blocks in order, then the growing part; returns the shown HTML. */
class Shown {
  private done: string[] = [];
  private growing = '';
  apply(p: { reset: boolean; completed?: string; growing?: string }): string {
    if (p.reset) this.done = [];
    if (p.completed !== undefined) this.done.push(p.completed);
    this.growing = p.growing ?? '';
    return this.done.join('') + this.growing;
  }
}

describe('webview streaming Markdown (incremental render)', () => {
  let md: Marked;
  /** Renders through the real marked setup; records how many block tokens each render got. */
  let rendered: number[];
  let blocks: BlockRenderer<string>;

  before(async () => {
    const { Marked: MarkedClass } = await import('marked');
    md = buildMarked(MarkedClass);
    blocks = {
      lex: (source, links) => lexBlocks(md, source, links),
      render: (tokens: Token[]) => { rendered.push(tokens.length); return md.parser(tokens); },
    };
  });
  beforeEach(() => { rendered = []; });

  for (const [i, doc] of DOCUMENTS.entries()) {
    for (const sizes of [[1], [3, 17, 1, 64], [250]]) {
      it(`document ${i + 1}, chunks of ${sizes.join('/')}: what is shown equals a full render after every update and at the end`, () => {
        const stream = new StreamingMarkdown(blocks);
        const shown = new Shown();
        let text = '';
        for (const c of chunks(doc, sizes)) {
          text += c;
          assert.equal(shown.apply(stream.update(text, false)), md.parse(text), `after ${JSON.stringify(text.slice(-40))}`);
        }
        assert.equal(shown.apply(stream.update(text, true)), md.parse(doc));
      });
    }
  }

  it('renders each final block once: per update only the growing block is rendered again', () => {
    const doc = longReply(4_000);
    const stream = new StreamingMarkdown(blocks);
    const shown = new Shown();
    let text = '';
    let completedTokens = 0;
    let growingRenders = 0;
    for (const c of chunks(doc, [40])) {
      text += c;
      const before = rendered.length;
      const p = stream.update(text, false);
      shown.apply(p);
      if (p.completed !== undefined) completedTokens += rendered[before] ?? 0;
      if (p.growing !== undefined) {
        growingRenders++;
        // The growing part is the last block (plus blank space after it), never the answer so far.
        assert.ok((rendered.at(-1) ?? 0) <= 2, `growing render of ${rendered.at(-1)} tokens`);
      }
      assert.equal(p.reset, false);
    }
    const p = stream.update(text, true);
    if (p.completed !== undefined) completedTokens += rendered.at(-1) ?? 0;
    assert.equal(shown.apply(p), md.parse(doc));
    assert.ok(growingRenders > 100);
    // Every block token of the whole answer went through a "completed" render exactly once.
    assert.equal(completedTokens, md.lexer(doc).length);
  });

  it('starts over when the text no longer extends what was rendered (a different answer in the same place)', () => {
    const stream = new StreamingMarkdown(blocks);
    const shown = new Shown();
    shown.apply(stream.update('# One\n\nfirst answer\n\nmore', false));
    const p = stream.update('# Two\n\nsecond', false);
    assert.equal(p.reset, true);
    assert.equal(shown.apply(p), md.parse('# Two\n\nsecond'));
  });

  it('an open code fence stays the growing block until it closes, even across blank lines', () => {
    const stream = new StreamingMarkdown(blocks);
    stream.update('intro\n\n', false);
    const open = stream.update('intro\n\n```py\nx = 1\n\n\ny = 2\n', false);
    assert.match(open.completed ?? '', /<p>intro<\/p>/);
    assert.match(open.growing ?? '', /<pre><code class="hljs language-py/);
    const more = stream.update('intro\n\n```py\nx = 1\n\n\ny = 2\n\nz = 3', false);
    assert.equal(more.completed, undefined);
    assert.match(more.growing ?? '', /z/);
    const closed = stream.update('intro\n\n```py\nx = 1\n\n\ny = 2\n\nz = 3\n```\n\nafter', false);
    assert.match(closed.completed ?? '', /<pre>[\s\S]*z[\s\S]*<\/pre>/);
    assert.equal(closed.growing, '<p>after</p>\n');
  });

  it('re-renders earlier blocks when a reference definition that they use completes later', () => {
    const stream = new StreamingMarkdown(blocks);
    const shown = new Shown();
    shown.apply(stream.update('Read [the guide][g].\n\nMore text.\n\n', false));
    const p = stream.update('Read [the guide][g].\n\nMore text.\n\n[g]: https://example.com/guide\n\nend', false);
    assert.equal(p.reset, true);
    assert.match(shown.apply(p), /<a href="https:\/\/example.com\/guide">the guide<\/a>/);
  });
});
