// Item 7 of issue 18: an exported thread is sanitized like the chat, so a Markdown preview of it loads and runs
// nothing; code keeps every character.
import { strict as assert } from 'node:assert';
import { exportThreadMarkdown } from '../../src/common/chat/exportMarkdown';
import { sanitizeMarkdownForExport } from '../../src/common/chat/exportSanitize';
import { insertRefusal } from '../../src/common/editor/insertTarget';
import { addTurn, createThread } from '../../src/common/threads/model';

describe('hardening: exports are sanitized like the chat', () => {
  it('raw HTML becomes text, remote images and script links leave a marker', () => {
    const out = sanitizeMarkdownForExport('Hi <img src=https://t.example/p.png onerror=x()> ![pixel](https://t.example/p.png "t") [go](javascript:alert(1)) [docs](https://example.com) <script>x()</script>');
    assert.doesNotMatch(out, /<img|<script|!\[|javascript:/);
    assert.match(out, /&lt;img src=/);
    assert.match(out, /pixel \[image removed\]/);
    assert.match(out, /go \[link removed\]/);
    assert.match(out, /\[docs\]\(https:\/\/example\.com\)/);
  });

  it('leaves fenced, indented and inline code exactly as it was', () => {
    const code = '```html\n<script>keep()</script>\n![a](b)\n```\n\n    <b>indented</b>\n\nuse `<img src=x>` here';
    const out = sanitizeMarkdownForExport(code);
    assert.match(out, /```html\n<script>keep\(\)<\/script>\n!\[a\]\(b\)\n```/);
    assert.match(out, / {4}<b>indented<\/b>/);
    assert.match(out, /use `<img src=x>` here/);
  });

  it('a reference definition to a non-web target is removed', () => {
    assert.match(sanitizeMarkdownForExport('See [x][r].\n\n[r]: javascript:alert(1)'), /^\[r\] \[link removed\]$/m);
  });

  it('the exported thread carries no live HTML or image from an answer', () => {
    const thread = addTurn(createThread('t', 'm', 0), { id: 'u1', prompt: 'q', model: 'm', status: 'done', answer: 'A <iframe src=https://evil.example></iframe> ![x](https://evil.example/x.png)', reasoning: '', createdAt: 0 } as never, 0);
    const md = exportThreadMarkdown(thread, { includeReasoning: false });
    assert.doesNotMatch(md, /<iframe|!\[x\]/);
    assert.match(md, /x \[image removed\]/);
  });
});

describe('hardening: Insert at Cursor writes only where it may', () => {
  it('refuses when the editor last used is gone, instead of picking another one', () => {
    assert.match(insertRefusal(undefined) ?? '', /last editor you used is closed/);
  });

  it('refuses read-only documents and file systems, and accepts an ordinary file', () => {
    assert.match(insertRefusal({ scheme: 'git', label: 'src/a.ts', writable: undefined }) ?? '', /src\/a\.ts is read-only/);
    assert.match(insertRefusal({ scheme: 'bedrock-mantle-proposal', label: 'a.ts', writable: undefined }) ?? '', /read-only/);
    assert.match(insertRefusal({ scheme: 'vscode-vfs', label: 'a.ts', writable: false }) ?? '', /read-only/);
    assert.equal(insertRefusal({ scheme: 'file', label: 'src/a.ts', writable: true }), undefined);
    assert.equal(insertRefusal({ scheme: 'untitled', label: 'Untitled-1', writable: undefined }), undefined);
  });
});
