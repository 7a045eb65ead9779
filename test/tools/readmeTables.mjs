// Keeps README's command, keybinding and settings tables true to package.json: they are generated between
// <!-- name:start --> / <!-- name:end --> markers. `node test/tools/readmeTables.mjs` rewrites them;
// `--check` exits 1 when README is out of date (a unit test runs the same check).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function commandsTable(pkg) {
  const keys = new Map();
  for (const k of pkg.contributes.keybindings ?? []) {
    const list = keys.get(k.command) ?? [];
    list.push(`\`${k.key}\`${k.mac && k.mac !== k.key ? ` (mac \`${k.mac}\`)` : ''}`);
    keys.set(k.command, list);
  }
  const hidden = new Set(
    (pkg.contributes.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
  );
  const rows = pkg.contributes.commands
    .filter((c) => !hidden.has(c.command))
    .map((c) => `| ${cell(c.category ? `${c.category}: ${c.title}` : c.title)} | \`${c.command}\` | ${keys.get(c.command)?.join(', ') ?? ''} |`);
  return ['| Command | Id | Keys |', '|---|---|---|', ...rows].join('\n');
}

export function settingsTable(pkg) {
  const props = pkg.contributes.configuration.properties;
  const rows = Object.entries(props).map(([id, p]) => {
    const def = p.default === '' ? '(empty)' : JSON.stringify(p.default);
    const desc = p.markdownDescription ?? p.description ?? '';
    const values = p.enum ? ` One of: ${p.enum.map((v) => `\`${v}\``).join(', ')}.` : '';
    return `| \`${id}\` | \`${cell(def)}\` | ${cell(desc)}${cell(values)} |`;
  });
  return ['| Setting | Default | What it does |', '|---|---|---|', ...rows].join('\n');
}

export function replaceBlock(text, name, body) {
  const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`README has no ${name} markers`);
  return text.replace(re, (_m, a, b) => `${a}\n${body}\n${b}`);
}

export function renderReadme(readme, pkg) {
  let out = replaceBlock(readme, 'commands', commandsTable(pkg));
  out = replaceBlock(out, 'settings', settingsTable(pkg));
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = path.join(root, 'README.md');
  const before = readFileSync(file, 'utf8');
  const after = renderReadme(before, pkg);
  if (process.argv.includes('--check')) {
    if (before !== after) { console.error('README tables are out of date: run node test/tools/readmeTables.mjs'); process.exit(1); }
  } else if (before !== after) {
    writeFileSync(file, after);
    console.log('README tables updated');
  }
}
