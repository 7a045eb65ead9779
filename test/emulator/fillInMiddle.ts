// The scripted fill-in-the-middle behaviour: a prompt that shows code with the cursor marked as a hole (how the
// extension's autocomplete asks, src/common/autocomplete/prompt.ts) is answered with the code that belongs there,
// deterministically, from what is around the hole:
//  - the cursor on a blank line right after a function signature that opens a block: the function body, chosen by the
//    function's name (add/sum, subtract, multiply, fib/fibonacci, greet; anything else returns its first parameter),
//    then the closing brace;
//  - the cursor after `console.log(`: the whole line again, finished;
//  - anything else: the current line repeated as it stands (nothing useful to add, as models often do).
// Like many chat models it answers in a fenced block, repeats the indentation or line it was shown and closes the
// brace that already follows the cursor; the extension has to clean all of that. Every answer has at least the fence,
// so it takes the first-token delay like a real model that decides it has nothing to add. Latency is the emulator's pacing
// (firstTokenDelayMs / tokenDelayMs, or the slow-first-token and token-rate faults per request).

/** Kept apart from the product's constant on purpose: a change of marker on one side fails the client tests. */
export const FIM_HOLE = '<|fill_here|>';

export interface FimRequest {
  /** The code before the hole, as shown (inside the prompt's fence). */
  before: string;
  after: string;
  fenceTag: string;
}

export function detectFillInMiddle(prompt: string): FimRequest | undefined {
  const at = prompt.indexOf(FIM_HOLE);
  if (at < 0) return undefined;
  const open = /(^|\n)(`{3,})([\w+#.-]*)\n/g;
  let fence: RegExpExecArray | undefined;
  for (let m = open.exec(prompt); m && m.index < at; m = open.exec(prompt)) fence = m;
  if (!fence) return undefined;
  const start = fence.index + fence[0].length;
  const close = prompt.indexOf(`\n${fence[2]}`, at);
  return { before: prompt.slice(start, at), after: prompt.slice(at + FIM_HOLE.length, close < 0 ? undefined : close), fenceTag: fence[3] };
}

const SIGNATURE = /^(\s*)(?:export\s+)?(?:async\s+)?(?:function\s+(\w+)|(?:public\s+|private\s+|static\s+)*(\w+))\s*\(([^)]*)\)[^{]*\{\s*$/;

function params(list: string): string[] {
  return list.split(',').map((p) => p.trim().replace(/[:=?].*$/, '').trim()).filter(Boolean);
}

function body(name: string, ps: string[], inner: string): string[] {
  const [a = 'undefined', b = a] = ps;
  switch (name.toLowerCase()) {
    case 'add': case 'sum': return [`${inner}return ${ps.length ? ps.join(' + ') : '0'};`];
    case 'subtract': return [`${inner}return ${a} - ${b};`];
    case 'multiply': return [`${inner}return ${ps.length ? ps.join(' * ') : '1'};`];
    case 'fib': case 'fibonacci': return [`${inner}if (${a} < 2) return ${a};`, `${inner}return ${name}(${a} - 1) + ${name}(${a} - 2);`];
    case 'greet': return [`${inner}return \`Hello, \${${a}}!\`;`];
    default: return [`${inner}return ${a};`];
  }
}

export function answerFillInMiddle(req: FimRequest): string {
  const lines = req.before.split('\n');
  const current = lines[lines.length - 1];
  const previous = lines[lines.length - 2] ?? '';
  const sig = SIGNATURE.exec(previous);
  let code: string[] | undefined;
  if (!current.trim() && sig) {
    const indent = sig[1];
    const inner = current || `${indent}  `;
    code = [...body(sig[2] ?? sig[3], params(sig[4]), inner), `${indent}}`];
  } else if (/console\.log\($/.test(current)) {
    code = [`${current.trimStart()}'ready');`];
  }
  code ??= [current];
  return `\`\`\`${req.fenceTag}\n${code.join('\n')}\n\`\`\``;
}
