// The webview ships only the codicons the source names (esbuild.codicons.mjs): the scan finds the names however the
// source spells them, the style sheet keeps exactly those rules (and its base rules), and the cut font still has a
// glyph for every rule it keeps.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTACH_KINDS } from '../../src/common/attachments/kinds';
import { repoRoot } from '../tools/paths';

type Codicons = typeof import('../../esbuild.codicons.mjs', { with: { 'resolution-mode': 'import' } });

const dist = join(repoRoot, 'node_modules/@vscode/codicons/dist');

describe('codicon subset (esbuild.codicons.mjs)', () => {
  let m: Codicons;
  let css: string;
  let names: Map<string, string>;
  let used: Set<string>;
  before(async () => {
    m = await import('../../esbuild.codicons.mjs');
    css = readFileSync(join(dist, 'codicon.css'), 'utf8');
    names = m.codiconNames(css);
    used = m.usedCodicons(m.sourceTexts(join(repoRoot, 'src')), names);
  });

  it('finds a name in a class, in a quoted string and behind a class prefix, and nothing else', () => {
    const found = m.usedCodicons([
      "h('span', { class: 'codicon codicon-debug-stop' })",
      "iconButton('trash', 'Delete', 'delete'); const kinds = [{ icon: \"file-media\" }];",
      'h(\'span\', { class: `codicon codicon-chevron-${open ? \'down\' : \'right\'}` })',
      "const label = 'Delete the folder'; // a word in prose is not a name",
    ], names);
    for (const n of ['debug-stop', 'trash', 'file-media', 'chevron-down', 'chevron-right', 'chevron-up']) assert.ok(found.has(n), n);
    for (const n of ['folder', 'delete', 'gear']) assert.ok(!found.has(n), n);
  });

  it('keeps the icons the chat draws from tables and computed classes', () => {
    for (const k of ATTACH_KINDS) assert.ok(used.has(k.icon), `attachment kind ${k.kind}: ${k.icon}`);
    for (const n of ['file', 'close', 'chevron-down', 'chevron-right', 'loading', 'debug-stop', 'warning', 'tools', 'error', 'check', 'dashboard']) assert.ok(used.has(n), n);
    assert.ok(used.size < names.size / 4, `${used.size} of ${names.size} icons kept: the subset should be a small part`);
  });

  it('keeps the base rules and only the icon rules of the names kept', () => {
    const out = m.subsetCodiconCss(css, used);
    for (const base of ['@font-face', "url(\"./codicon.ttf", ".codicon[class*='codicon-']", '.codicon-loading.codicon-modifier-spin', '@keyframes codicon-spin']) assert.ok(out.includes(base), base);
    const kept = [...out.matchAll(/^\.codicon-([a-z0-9-]+):before/gm)].map((x) => x[1]);
    assert.deepEqual(new Set(kept), used);
  });

  it('cuts the font to a glyph for every code point the kept rules use', async () => {
    const original = readFileSync(join(dist, 'codicon.ttf'));
    const wanted = m.codepointsOf(names, used);
    const cut = await m.subsetCodiconFont(original, names, used);
    const hb = await import('harfbuzzjs');
    const covered = new Set(new hb.Face(new hb.Blob(cut)).collectUnicodes());
    const missing = [...wanted].filter((ch) => !covered.has(ch.codePointAt(0) ?? 0)).map((ch) => (ch.codePointAt(0) ?? 0).toString(16));
    assert.deepEqual(missing, []);
    assert.ok(covered.size <= [...wanted].length + 2, `${covered.size} code points in the cut font for ${[...wanted].length} wanted`);
    assert.ok(cut.length < original.length / 4, `${cut.length} of ${original.length} bytes`);
  });
});
