// The chat webview shows a few dozen of the ~540 codicons, but @vscode/codicons ships all of them: a 126 KB font
// (61 KB of the .vsix) and a 30 KB style sheet. The webview build (esbuild.mjs) keeps only the icons the source can
// name: codicon.css loses the `.codicon-NAME:before` rules of the others and codicon.ttf is cut (harfbuzz's
// hb-subset, through subset-font) to the glyphs the kept rules point at.
//
// "Can name" is read generously from every file under src/ (the webview's own code and whatever the host sends it):
// a `codicon-NAME` class, a quoted string that is exactly an icon's name ('file', 'warning': icon tables and
// `codicon-${icon}` call sites), and a class built from a prefix (`codicon-chevron-${…}` keeps every `chevron-*`).
// An icon named some other way (a name put together from pieces) would draw nothing: test/webview/webviewIcons.test.ts
// renders the chat and checks every icon on screen has its glyph.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import subsetFont from 'subset-font';

const ICON_RULE = /^\.codicon-([a-z0-9-]+):before\s*\{\s*content:\s*"\\([0-9a-f]+)"\s*\}\s*$/;

/** Icon name → code point (hex), from codicon.css's one-line `.codicon-NAME:before { content: "\eXXX" }` rules. */
export function codiconNames(css) {
  const names = new Map();
  for (const line of css.split('\n')) {
    const m = ICON_RULE.exec(line.trim());
    if (m) names.set(m[1], m[2]);
  }
  if (names.size < 100) throw new Error(`codicon.css: expected its one-line icon rules, found ${names.size}; the subset in esbuild.codicons.mjs needs updating`);
  return names;
}

/** The icon names the given source texts can name (see the top of this file). */
export function usedCodicons(texts, names) {
  const used = new Set();
  const prefixes = new Set();
  for (const text of texts) {
    for (const m of text.matchAll(/['"`]([a-z0-9-]+)['"`]/g)) if (names.has(m[1])) used.add(m[1]);
    for (const m of text.matchAll(/codicon-([a-z0-9-]+)/g)) if (names.has(m[1])) used.add(m[1]);
    for (const m of text.matchAll(/codicon-([a-z0-9-]+-)\$\{/g)) prefixes.add(m[1]);
  }
  for (const name of names.keys()) if ([...prefixes].some((p) => name.startsWith(p))) used.add(name);
  return used;
}

/** The texts of every .ts and .css file under `dir`. */
export function sourceTexts(dir) {
  const texts = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) texts.push(...sourceTexts(path));
    else if (/\.(ts|css)$/.test(entry)) texts.push(readFileSync(path, 'utf8'));
  }
  return texts;
}

/** codicon.css without the icon rules of names not in `used` (the font face, base class and modifiers stay). */
export function subsetCodiconCss(css, used) {
  return css.split('\n').filter((line) => {
    const m = ICON_RULE.exec(line.trim());
    return !m || used.has(m[1]);
  }).join('\n');
}

/** The code points (as a string of characters) the kept icon rules point at. */
export function codepointsOf(names, used) {
  return [...new Set([...used].map((n) => names.get(n)))].map((hex) => String.fromCodePoint(parseInt(hex, 16))).join('');
}

/** codicon.ttf cut to the glyphs of the kept icons. */
export function subsetCodiconFont(ttf, names, used) {
  return subsetFont(ttf, codepointsOf(names, used), { targetFormat: 'truetype' });
}

/** esbuild plugin for the webview bundle: the subset codicon.css and codicon.ttf (see the top of this file). */
export function codiconSubset(srcDir = 'src') {
  let used;
  let names;
  const load = (cssPath) => {
    names ??= codiconNames(readFileSync(cssPath, 'utf8'));
    used ??= usedCodicons(sourceTexts(srcDir), names);
  };
  return {
    name: 'codicon-subset',
    setup(b) {
      // Read again on each (watch) build: the source may name new icons.
      b.onStart(() => { used = undefined; });
      b.onLoad({ filter: /[\\/]@vscode[\\/]codicons[\\/]dist[\\/]codicon\.css$/ }, (args) => {
        load(args.path);
        return { contents: subsetCodiconCss(readFileSync(args.path, 'utf8'), used), loader: 'css', resolveDir: dirname(args.path) };
      });
      b.onLoad({ filter: /[\\/]@vscode[\\/]codicons[\\/]dist[\\/]codicon\.ttf$/ }, async (args) => {
        load(join(dirname(args.path), 'codicon.css'));
        return { contents: await subsetCodiconFont(readFileSync(args.path), names, used), loader: 'file' };
      });
    },
  };
}
