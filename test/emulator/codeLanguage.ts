// Just enough language knowledge for the scripted coder answers: which language a snippet is in, how it writes doc
// comments, and where its functions are.
export type Family = 'js' | 'python' | 'go' | 'rust' | 'java' | 'c' | 'shell' | 'other';
export interface Language { name: string; fence: string; family: Family; docStyle: 'jsdoc' | 'python' | 'slashes' | 'go' | 'hash' }
export interface FunctionInfo { name: string; params: string[]; body: string; line: number }

const LANGS: Record<string, Language> = {
  typescript: { name: 'TypeScript', fence: 'typescript', family: 'js', docStyle: 'jsdoc' },
  javascript: { name: 'JavaScript', fence: 'javascript', family: 'js', docStyle: 'jsdoc' },
  python: { name: 'Python', fence: 'python', family: 'python', docStyle: 'python' },
  go: { name: 'Go', fence: 'go', family: 'go', docStyle: 'go' },
  rust: { name: 'Rust', fence: 'rust', family: 'rust', docStyle: 'slashes' },
  java: { name: 'Java', fence: 'java', family: 'java', docStyle: 'jsdoc' },
  csharp: { name: 'C#', fence: 'csharp', family: 'java', docStyle: 'slashes' },
  c: { name: 'C', fence: 'c', family: 'c', docStyle: 'jsdoc' },
  cpp: { name: 'C++', fence: 'cpp', family: 'c', docStyle: 'jsdoc' },
  shell: { name: 'shell', fence: 'bash', family: 'shell', docStyle: 'hash' },
  ruby: { name: 'Ruby', fence: 'ruby', family: 'other', docStyle: 'hash' },
};

const ALIASES: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', typescriptreact: 'typescript', js: 'javascript', jsx: 'javascript', javascriptreact: 'javascript',
  mjs: 'javascript', py: 'python', golang: 'go', rs: 'rust', cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', cc: 'cpp', h: 'c',
  sh: 'shell', bash: 'shell', zsh: 'shell', shellscript: 'shell', rb: 'ruby',
};

export function codeLanguage(code: string, fenceTag?: string): Language {
  const tag = fenceTag?.toLowerCase();
  if (tag) {
    const known = LANGS[tag] ?? LANGS[ALIASES[tag] ?? ''];
    // Answer with the tag the client used, so it recognises the block as being in the document's language.
    if (known) return { ...known, fence: fenceTag ?? known.fence };
  }
  if (/^\s*def\s+\w+\s*\(.*\)\s*(->\s*[^:]+)?:\s*$/m.test(code) || /^\s*import \w+$|^\s*from \w+ import /m.test(code)) return LANGS.python;
  if (/^\s*func\s/m.test(code) || /^package \w+$/m.test(code)) return LANGS.go;
  if (/^\s*(pub\s+)?fn\s+\w+/m.test(code)) return LANGS.rust;
  if (/^\s*#include\b/m.test(code)) return LANGS.c;
  if (/\b(public|private|protected)\s+(static\s+)?[\w<>[\]]+\s+\w+\s*\(/.test(code)) return LANGS.java;
  if (/:\s*(string|number|boolean|void|unknown)\b|\binterface\s+\w+|\btype\s+\w+\s*=/.test(code)) return LANGS.typescript;
  if (/\bfunction\b|=>|\bconst\b|\blet\b|\bvar\b/.test(code)) return LANGS.javascript;
  if (/^\s*#!\/bin\/(ba)?sh|^\s*\w+\(\)\s*\{/m.test(code)) return LANGS.shell;
  return { name: 'code', fence: '', family: 'other', docStyle: 'jsdoc' };
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'else', 'new', 'typeof', 'sizeof']);

function definitionPatterns(family: Family): RegExp[] {
  switch (family) {
    case 'python': return [/^\s*(?:async\s+)?def\s+(\w+)\s*\(([^)]*)\)/];
    case 'go': return [/^\s*func\s+(?:\([^)]*\)\s*)?(\w+)\s*\(([^)]*)\)/];
    case 'rust': return [/^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+(\w+)\s*(?:<[^>]*>)?\s*\(([^)]*)\)/];
    case 'shell': return [/^\s*(?:function\s+)?(\w+)\s*\(\)\s*\{/];
    case 'java': case 'c': return [/^\s*(?:(?:public|private|protected|static|final|virtual|inline|async|override)\s+)*[\w<>[\]*&:,]+\s+\**(\w+)\s*\(([^)]*)\)\s*(?:const\s*)?\{?\s*$/];
    default: return [
      /^\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*(\w+)\s*(?:<[^>]*>)?\s*\(([^)]*)\)/,
      /^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b[^(]*)?\(([^)]*)\)[^=]*=>?/,
      /^\s*(?:export\s+)?(?:const|let|var)\s+(\w+)\s*=\s*(?:async\s+)?(\w+)\s*=>/,
      /^\s*(?:public\s+|private\s+|protected\s+|static\s+|async\s+)*(\w+)\s*\(([^)]*)\)\s*(?::\s*[^{]+)?\{\s*$/,
    ];
  }
}

function paramNames(list: string, family: Family): string[] {
  return list.split(',').map((p) => p.trim()).filter(Boolean).map((p) => {
    const noDefault = p.split('=')[0].trim();
    if (family === 'go' || family === 'java' || family === 'c') return noDefault.split(/\s+/)[family === 'go' ? 0 : noDefault.split(/\s+/).length - 1].replace(/[*&[\]]/g, '');
    return noDefault.split(':')[0].replace(/^(?:\.\.\.|\*{1,2}|&|mut\s+)/, '').trim();
  }).filter((n) => n && n !== 'self' && n !== 'this');
}

export function findFunctions(code: string, lang: Language): FunctionInfo[] {
  const lines = code.split('\n');
  const found: FunctionInfo[] = [];
  const patterns = definitionPatterns(lang.family);
  lines.forEach((line, i) => {
    for (const re of patterns) {
      const m = re.exec(line);
      if (!m || KEYWORDS.has(m[1])) continue;
      // The body is everything up to the next definition; good enough for "does it return" and "what does it use".
      found.push({ name: m[1], params: paramNames(m[2] ?? '', lang.family), body: '', line: i });
      break;
    }
  });
  found.forEach((f, k) => {
    const end = k + 1 < found.length ? found[k + 1].line : lines.length;
    f.body = lines.slice(f.line, end).join('\n');
  });
  return found;
}
