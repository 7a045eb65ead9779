import { strict as assert } from 'node:assert';
import { exportThreadMarkdown } from '../../src/common/chat/exportMarkdown';
import { checkPrompt, composePrompt, LONG_PROMPT_CHARS, promptSize } from '../../src/common/chat/input';
import { formatTurnUsage, threadTotals } from '../../src/common/chat/usage';
import { addTurn, createThread, type Turn } from '../../src/common/threads/model';

const base: Turn = { id: 'a', prompt: 'My name is Alice', model: 'openai.gpt-oss-120b', api: 'responses', answer: 'Hi **Alice**', reasoning: 'The user said their name.', status: 'done', createdAt: 0 };

describe('chat input rules', () => {
  it('refuses empty and whitespace-only prompts and non-text', () => {
    assert.equal(checkPrompt('').ok, false);
    assert.equal(checkPrompt(' \n\t ').ok, false);
    assert.equal(checkPrompt(42).ok, false);
    assert.deepEqual(checkPrompt(' hi '), { ok: true, text: ' hi ' });
  });

  it('reports the size of a long prompt', () => {
    assert.equal(promptSize('abc').long, false);
    const big = promptSize('x'.repeat(LONG_PROMPT_CHARS));
    assert.equal(big.long, true);
    assert.equal(big.approxTokens, LONG_PROMPT_CHARS / 4);
  });

  it('folds an attachment into the prompt with file, lines and a fence that survives backticks', () => {
    const p = composePrompt('Explain', { file: 'src/a.ts', startLine: 3, endLine: 4, languageId: 'typescript', code: 'const s = "```";' });
    assert.match(p, /^Explain\n\nsrc\/a\.ts, lines 3–4:\n````typescript\nconst s = "```";\n````$/);
    assert.equal(composePrompt('x'), 'x');
  });
});

describe('usage', () => {
  it('totals a thread and formats one turn', () => {
    let t = addTurn(createThread('t', 'm', 0), { ...base, usage: { inputTokens: 10, outputTokens: 20, reasoningTokens: 5, cachedTokens: 1 } }, 1);
    t = addTurn(t, { ...base, id: 'b', usage: { inputTokens: 1, outputTokens: 2, reasoningTokens: 0, cachedTokens: 0 } }, 1);
    t = addTurn(t, { ...base, id: 'c', status: 'stopped' }, 1);
    assert.deepEqual(threadTotals(t), { turns: 2, inputTokens: 11, outputTokens: 22, reasoningTokens: 5, cachedTokens: 1 });
    const claude = addTurn(t, { ...base, id: 'd', usage: { inputTokens: 9, outputTokens: 1, reasoningTokens: 0, cachedTokens: 4, cacheWriteTokens: 3 } }, 1);
    assert.deepEqual(threadTotals(claude), { turns: 3, inputTokens: 20, outputTokens: 23, reasoningTokens: 5, cachedTokens: 5, cacheWriteTokens: 3 });
    assert.equal(formatTurnUsage({ inputTokens: 1500, outputTokens: 20, reasoningTokens: 5, cachedTokens: 0 }, 300, 2100), 'in 1.5k · out 20 (reasoning 5) · cached 0 · first token 300 ms · total 2.1 s');
    // Claude reports cache writes as well as reads.
    assert.equal(formatTurnUsage({ inputTokens: 1400, outputTokens: 20, reasoningTokens: 0, cachedTokens: 1234, cacheWriteTokens: 56 }, undefined, undefined), 'in 1.4k · out 20 · cached 1.2k read · 56 written');
  });
});

describe('export to Markdown', () => {
  const thread = addTurn(createThread('t', 'openai.gpt-oss-120b', 0), base, 1);
  it('writes the turns with or without reasoning', () => {
    const withR = exportThreadMarkdown(thread, { includeReasoning: true });
    const without = exportThreadMarkdown(thread, { includeReasoning: false });
    assert.match(withR, /^# My name is Alice\n/);
    assert.match(withR, /## You\n\nMy name is Alice\n/);
    assert.match(withR, /Hi \*\*Alice\*\*/);
    assert.ok(withR.includes('The user said their name.'));
    assert.ok(!without.includes('The user said their name.'));
  });
  it('fences reasoning so that backticks inside cannot break out', () => {
    const t = addTurn(createThread('t', 'm', 0), { ...base, reasoning: 'use ```js\nx\n``` here' }, 1);
    assert.ok(exportThreadMarkdown(t, { includeReasoning: true }).includes('````text\nuse ```js'));
  });
});
