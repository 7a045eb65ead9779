// Replies to "do something with this code" prompts (the editor commands: explain, refactor, fix, document, tests).
// The answer is derived from the code that arrived — names, parameters, comment style — so a test can check that the
// selection really reached the server and that the reply is shaped like what a coder model would return.
import { codeLanguage, findFunctions, type FunctionInfo, type Language } from './codeLanguage';

export type CodeInstruction = 'explain' | 'refactor' | 'fix' | 'document' | 'tests';
export interface CodeRequest { instruction: CodeInstruction; code: string; language: Language }
export interface CodeAnswer { thoughts: string[]; text: string }

const INSTRUCTIONS: [CodeInstruction, RegExp][] = [
  ['tests', /\b(?:generate|write|add|create|make)\b[^.\n]{0,40}\b(?:unit )?tests?\b|\bunit tests?\b|\btest cases?\b/i],
  ['document', /\bdocument(?:ation)?\b|\bdocstrings?\b|\bdoc ?comments?\b|\bjsdoc\b|\badd (?:code )?comments\b/i],
  ['fix', /\bfix\b|\bbugs?\b|\bbroken\b|\bdoes(?:n't| not) work\b/i],
  ['refactor', /\brefactor\b|\bclean ?up\b|\bsimplify\b|\brewrite\b|\bimprove\b/i],
  ['explain', /\bexplain\b|\bwhat does\b|\bhow does\b|\bdescribe\b|\bwalk me through\b/i],
];

// Fences may be longer than three backticks (clients lengthen them when the code itself contains ```); the first
// block is the code to work on, later ones are context.
const FENCE = /(`{3,})([\w+#.-]*)[^\n]*\n([\s\S]*?)\n?\1(?!`)/;
const CODE_LINE = /^\s*(?:function\b|def\b|class\b|const\b|let\b|var\b|import\b|export\b|fn\b|func\b|pub\b|public\b|private\b|package\b|#include\b|return\b|async\b|[})\]];?\s*$)|[{;]\s*$|^\s*(?:if|for|while)\b.*[:{]\s*$/;

export function detectCodeRequest(prompt: string): CodeRequest | undefined {
  // Read the instruction from the prose only: code and context blocks are full of words like "fix" or "test".
  const prose = prompt.replace(new RegExp(FENCE.source, 'g'), ' ');
  const instruction = INSTRUCTIONS.find(([, re]) => re.test(prose))?.[0];
  if (!instruction) return undefined;
  const fenced = FENCE.exec(prompt);
  let code: string | undefined;
  let tag: string | undefined;
  if (fenced) {
    tag = fenced[2] || undefined;
    code = fenced[3];
  } else {
    const lines = prompt.split('\n');
    const first = lines.findIndex((l) => CODE_LINE.test(l));
    if (first >= 0) code = lines.slice(first).join('\n').trim();
  }
  if (!code || !/[({=:]/.test(code)) return undefined;
  return { instruction, code, language: codeLanguage(code, tag) };
}

export function answerCodeRequest(req: CodeRequest): CodeAnswer {
  const fns = findFunctions(req.code, req.language);
  const names = fns.map((f) => `\`${f.name}\``).join(', ') || 'no named functions';
  const thoughts = [`The user wants me to ${req.instruction === 'tests' ? 'write tests for' : req.instruction} some ${req.language.name} code.`, `It defines ${names}.`];
  switch (req.instruction) {
    case 'document': return { thoughts, text: documentAnswer(req, fns) };
    case 'tests': return { thoughts, text: testsAnswer(req, fns) };
    case 'fix': return { thoughts, text: fixAnswer(req) };
    case 'refactor': return { thoughts, text: refactorAnswer(req) };
    default: return { thoughts, text: explainAnswer(req, fns) };
  }
}

/** Whether a function hands back a value: an explicit return, or a declared non-void return type (Rust, TS, Python). */
function returnsValue(f: FunctionInfo): boolean {
  const signature = f.body.split('\n')[0];
  return /\breturn\b/.test(f.body) || /\)\s*(?:->|:)\s*(?!void\b|None\b|\(\))[\w[<(]/.test(signature);
}

function fence(lang: Language, code: string): string {
  // Longer than any backtick run inside the code, so code containing ``` cannot close the block early.
  const ticks = '`'.repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}${lang.fence}\n${code}\n${ticks}`;
}

function explainAnswer(req: CodeRequest, fns: FunctionInfo[]): string {
  const lines = req.code.split('\n');
  const bullets = fns.length
    ? fns.map((f) => `- \`${f.name}(${f.params.join(', ')})\` ${f.params.length ? `takes ${f.params.map((p) => `\`${p}\``).join(', ')}` : 'takes no arguments'}${returnsValue(f) ? ' and returns a result computed from them' : ' and works through side effects'}.`)
    : ['- It is a sequence of statements without named functions.'];
  const traits: string[] = [];
  if (/\b(for|while)\b|\.forEach\(|\.map\(/.test(req.code)) traits.push('it iterates over a collection');
  if (/\bif\b|\?.*:/.test(req.code)) traits.push('it branches on a condition');
  if (/\basync\b|\bawait\b|Promise/.test(req.code)) traits.push('it is asynchronous');
  if (/\bthrow\b|\braise\b|\bcatch\b|\bexcept\b/.test(req.code)) traits.push('it handles or raises errors');
  const shape = traits.length ? `Along the way ${traits.join(', ')}.` : 'It runs straight through without loops or branches.';
  return [
    `This ${req.language.name} code (${lines.length} line${lines.length === 1 ? '' : 's'}) defines ${fns.length} function${fns.length === 1 ? '' : 's'}:`,
    '',
    ...bullets,
    '',
    shape,
    '',
    'The key part:',
    '',
    fence(req.language, lines.slice(0, 8).join('\n')),
  ].join('\n');
}

/** Behaviour-preserving tidying that still leaves a visible diff: modern declarations, strict equality, tidy whitespace. */
function tidy(code: string, lang: Language): { code: string; changes: string[] } {
  const changes: string[] = [];
  let out = code;
  const apply = (re: RegExp, to: string, note: string): void => {
    const next = out.replace(re, to);
    if (next !== out) { changes.push(note); out = next; }
  };
  if (lang.family === 'js') {
    apply(/\bvar\s+/g, 'const ', 'Replaced `var` with block-scoped `const`.');
    apply(/([^=!<>])==(?!=)/g, '$1===', 'Used strict equality (`===`).');
    apply(/!=(?!=)/g, '!==', 'Used strict inequality (`!==`).');
  }
  if (lang.family === 'python') {
    apply(/==\s*None\b/g, 'is None', 'Compared with `None` using `is`.');
    apply(/!=\s*None\b/g, 'is not None', 'Compared with `None` using `is not`.');
  }
  apply(/[ \t]+$/gm, '', 'Removed trailing whitespace.');
  apply(/\n{3,}/g, '\n\n', 'Collapsed repeated blank lines.');
  return { code: out, changes };
}

function refactorAnswer(req: CodeRequest): string {
  const { code, changes } = tidy(req.code, req.language);
  const notes = changes.length ? changes.map((c) => `- ${c}`) : ['- The structure is already clear; I kept it and only normalised formatting.'];
  return ['Here is a refactored version. The function names and behaviour are unchanged.', '', fence(req.language, code), '', 'What changed:', '', ...notes].join('\n');
}

function fixAnswer(req: CodeRequest): string {
  let { code, changes } = tidy(req.code, req.language);
  const offByOne = code
    .replace(/<=\s*([\w.]+)\.(length|size\(\)|len)\b/g, '< $1.$2')
    .replace(/range\(len\(([\w.]+)\)\s*\+\s*1\)/g, 'range(len($1))');
  if (offByOne !== code) { changes = [...changes, 'Fixed an off-by-one loop bound (`<=` → `<` against the length).']; code = offByOne; }
  const notes = changes.length ? changes.map((c) => `- ${c}`) : ['- I could not find a definite bug; the version below adds no behaviour change. Check the inputs you pass in.'];
  return ['Here is the corrected code:', '', fence(req.language, code), '', 'Fixes:', '', ...notes].join('\n');
}

function docFor(f: FunctionInfo, lang: Language, indent: string): string[] {
  const summary = `${humanise(f.name)}.`;
  switch (lang.docStyle) {
    case 'python':
      return [`${indent}"""${summary}`, ...(f.params.length ? ['', `${indent}Args:`, ...f.params.map((p) => `${indent}    ${p}: The ${humanise(p).toLowerCase()}.`)] : []), `${indent}"""`];
    case 'slashes':
      return [`${indent}/// ${summary}`, ...f.params.map((p) => `${indent}/// * \`${p}\` - the ${humanise(p).toLowerCase()}.`)];
    case 'go':
      return [`${indent}// ${f.name} ${returnsValue(f) ? 'returns the result of' : 'performs'} ${summary.charAt(0).toLowerCase()}${summary.slice(1)}`];
    case 'hash':
      return [`${indent}# ${summary}`, ...f.params.map((p) => `${indent}# ${p}: the ${humanise(p).toLowerCase()}.`)];
    default:
      return [`${indent}/**`, `${indent} * ${summary}`, ...f.params.map((p) => `${indent} * @param ${p} The ${humanise(p).toLowerCase()}.`), ...(returnsValue(f) ? [`${indent} * ${lang.family === 'java' ? '@return' : '@returns'} The result.`] : []), `${indent} */`];
  }
}

function documentAnswer(req: CodeRequest, fns: FunctionInfo[]): string {
  const lines = req.code.split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    const f = fns.find((fn) => fn.line === i);
    if (!f) { out.push(line); return; }
    const indent = /^\s*/.exec(line)?.[0] ?? '';
    if (req.language.docStyle === 'python') {
      out.push(line, ...docFor(f, req.language, `${indent}    `));
    } else {
      out.push(...docFor(f, req.language, indent), line);
    }
  });
  const what = fns.length ? fns.map((f) => `\`${f.name}\``).join(', ') : 'the code';
  return [`Here is the code with documentation comments added to ${what}:`, '', fence(req.language, out.join('\n'))].join('\n');
}

function testsAnswer(req: CodeRequest, fns: FunctionInfo[]): string {
  const targets = fns.length ? fns : [{ name: 'main', params: [], body: '', line: 0 }];
  const args = (f: FunctionInfo): string => f.params.map((_, i) => String(i + 1)).join(', ');
  let code: string;
  switch (req.language.family) {
    case 'python':
      code = [`from module import ${targets.map((f) => f.name).join(', ')}`, '', ...targets.flatMap((f) => [`def test_${f.name}_returns_a_value():`, `    assert ${f.name}(${args(f)}) is not None`, '', `def test_${f.name}_is_deterministic():`, `    assert ${f.name}(${args(f)}) == ${f.name}(${args(f)})`, ''])].join('\n').trimEnd();
      break;
    case 'go':
      code = ['package main', '', 'import "testing"', '', ...targets.flatMap((f) => [`func Test${capital(f.name)}(t *testing.T) {`, `\tgot := ${f.name}(${args(f)})`, `\tif got != ${f.name}(${args(f)}) {`, `\t\tt.Errorf("${f.name} is not deterministic")`, '\t}', '}', ''])].join('\n').trimEnd();
      break;
    case 'rust':
      code = ['#[cfg(test)]', 'mod tests {', '    use super::*;', '', ...targets.flatMap((f) => ['    #[test]', `    fn ${f.name}_is_deterministic() {`, `        assert_eq!(${f.name}(${args(f)}), ${f.name}(${args(f)}));`, '    }', '']).slice(0, -1), '}'].join('\n');
      break;
    case 'java':
      code = ['import org.junit.jupiter.api.Test;', 'import static org.junit.jupiter.api.Assertions.*;', '', 'class GeneratedTest {', ...targets.flatMap((f) => ['    @Test', `    void ${f.name}IsDeterministic() {`, `        assertEquals(${f.name}(${args(f)}), ${f.name}(${args(f)}));`, '    }']), '}'].join('\n');
      break;
    default:
      code = [
        "import { strict as assert } from 'node:assert';",
        `import { ${targets.map((f) => f.name).join(', ')} } from './module';`,
        '',
        ...targets.flatMap((f) => [`describe('${f.name}', () => {`, "  it('returns a value', () => {", `    assert.notStrictEqual(${f.name}(${args(f)}), undefined);`, '  });', '', "  it('is deterministic', () => {", `    assert.deepStrictEqual(${f.name}(${args(f)}), ${f.name}(${args(f)}));`, '  });', '});', '']),
      ].join('\n').trimEnd();
  }
  return [`Here are tests for ${targets.map((f) => `\`${f.name}\``).join(', ')}:`, '', fence(req.language, code), '', 'Replace the sample arguments with cases from your domain, including edge cases.'].join('\n');
}

function humanise(identifier: string): string {
  const words = identifier.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
