import { strict as assert } from 'node:assert';
import { decideApply, prepareReplacement, type DocumentSnapshot } from '../../src/common/editor/rangeApply';

describe('editor apply: refusing to clobber a changed document', () => {
  const original: DocumentSnapshot = { version: 7, documentText: 'a\nfunction f() {}\nb\n', rangeText: 'function f() {}' };

  it('applies when the version and the text in the range are unchanged', () => {
    assert.deepEqual(decideApply('src/f.ts', original, { ...original }), { apply: true });
  });

  it('refuses when the document was edited since, even if the edit was elsewhere', () => {
    const d = decideApply('src/f.ts', original, { version: 8, documentText: 'a\nfunction f() {}\nb\nc\n', rangeText: 'function f() {}' });
    assert.equal(d.apply, false);
    assert.ok(!d.apply && d.reason === 'changed');
    assert.ok(!d.apply && d.message.startsWith('src/f.ts changed after the proposal was made, so it was not applied'));
  });

  it('refuses when the text in the range differs, whatever the version says (a reopened file restarts its versions)', () => {
    const d = decideApply('src/f.ts', original, { version: 7, documentText: 'a\nfunction g() {}\nb\n', rangeText: 'function g() {}' });
    assert.ok(!d.apply && d.reason === 'changed');
  });

  it('applies when the whole text is back to what it was (an edit that was undone), though the version moved on', () => {
    assert.deepEqual(decideApply('src/f.ts', original, { ...original, version: 9 }), { apply: true });
  });

  it('refuses when the document is gone', () => {
    const d = decideApply('Untitled-1', original, undefined);
    assert.ok(!d.apply && d.reason === 'closed' && /Untitled-1 is no longer available/.test(d.message));
  });
});

describe('editor apply: the replacement text', () => {
  it('re-indents a proposal the model returned flush left to the selection\'s indentation', () => {
    const original = '    if (x) {\n        go();\n    }\n';
    const out = prepareReplacement({ original, linePrefix: '', eol: '\n', proposal: 'if (x) {\n    run();\n}' });
    assert.equal(out, '    if (x) {\n        run();\n    }\n');
  });

  it('leaves a proposal alone when the model kept the indentation', () => {
    const original = '    a();\n    b();';
    assert.equal(prepareReplacement({ original, linePrefix: '', eol: '\n', proposal: '    a();\n    c();' }), '    a();\n    c();');
  });

  it('when the selection starts after the indentation, the first line gets none and the rest follow the block', () => {
    // Selected from "function" to "}" on lines indented by two spaces: the document supplies the first line's two.
    const original = 'function f() {\n    return 1;\n  }';
    const dedented = prepareReplacement({ original, linePrefix: '  ', eol: '\n', proposal: 'function f() {\n  return 2;\n}' });
    assert.equal(dedented, 'function f() {\n    return 2;\n  }');
    const mirrored = prepareReplacement({ original, linePrefix: '  ', eol: '\n', proposal: 'function f() {\n    return 2;\n  }' });
    assert.equal(mirrored, dedented);
  });

  it('indents a multi-line answer to a one-line selection to that line\'s indentation', () => {
    const out = prepareReplacement({ original: 'go();', linePrefix: '    ', eol: '\n', proposal: 'if (ready) {\n  go();\n}' });
    assert.equal(out, 'if (ready) {\n      go();\n    }');
  });

  it('uses the document\'s CRLF line endings whatever the model sent', () => {
    const out = prepareReplacement({ original: 'a();\r\nb();\r\n', linePrefix: '', eol: '\r\n', proposal: 'a();\nc();\n' });
    assert.equal(out, 'a();\r\nc();\r\n');
  });

  it('ends with a newline only when the selection did, and drops blank lines around the proposal', () => {
    assert.equal(prepareReplacement({ original: 'x = 1', linePrefix: '', eol: '\n', proposal: '\n\nx = 2\n\n' }), 'x = 2');
    assert.equal(prepareReplacement({ original: 'x = 1\n', linePrefix: '', eol: '\n', proposal: 'x = 2' }), 'x = 2\n');
  });

  it('keeps blank lines inside the proposal empty (no trailing indentation)', () => {
    const out = prepareReplacement({ original: '  a\n  b', linePrefix: '', eol: '\n', proposal: 'a\n\nb' });
    assert.equal(out, '  a\n\n  b');
  });

  it('converts the proposal\'s leading spaces to tabs in a tab-indented file, and tabs to spaces in a spaces file', () => {
    const tabs = prepareReplacement({ original: '\tfunc() {\n\t\tx()\n\t}', linePrefix: '', eol: '\n', indent: { insertSpaces: false, tabSize: 4 }, proposal: 'func() {\n    y()\n}' });
    assert.equal(tabs, '\tfunc() {\n\t\ty()\n\t}');
    const spaces = prepareReplacement({ original: '  a:\n    b', linePrefix: '', eol: '\n', indent: { insertSpaces: true, tabSize: 2 }, proposal: 'a:\n\tc' });
    assert.equal(spaces, '  a:\n    c');
  });

  it('leaves an inline one-line replacement as the model wrote it', () => {
    assert.equal(prepareReplacement({ original: 'a+b', linePrefix: 'return ', eol: '\n', proposal: 'a + b' }), 'a + b');
  });
});
