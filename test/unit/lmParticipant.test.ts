import { strict as assert } from 'node:assert';
import { commandPrompt, fenceFor, followupsFor, historyFromTurns, isParticipantCommand, participantMessages, withAttachments } from '../../src/common/lm/participantPrompt';
import { QuoteStream } from '../../src/common/lm/reasoningQuote';

const sel = { file: 'src/math.ts', languageId: 'typescript', startLine: 3, endLine: 5, code: 'function add(a, b) {\n  return a - b;\n}' };

describe('lm: @mantle participant prompts', () => {
  it('puts the instruction, the person\'s words and the fenced selection in one user message', () => {
    const p = commandPrompt('fix', sel, '  it should add  ');
    assert.match(p, /^Find and fix the bugs/);
    assert.match(p, /\n\nit should add\n\n/);
    assert.match(p, /From src\/math\.ts \(lines 3-5\):/);
    assert.ok(p.endsWith('```typescript\nfunction add(a, b) {\n  return a - b;\n}\n```'));
  });

  it('names a single line as such and has distinct instructions per command', () => {
    const one = { ...sel, startLine: 7, endLine: 7 };
    assert.match(commandPrompt('explain', one, ''), /\(line 7\)/);
    assert.match(commandPrompt('explain', one, ''), /^Explain/);
    assert.match(commandPrompt('tests', one, ''), /^Write unit tests/);
  });

  it('uses a longer fence when the code itself contains backticks', () => {
    assert.equal(fenceFor('plain'), '```');
    assert.equal(fenceFor('const md = "```js";'), '````');
  });

  it('appends attached code to a plain question, each block fenced with its file and lines', () => {
    assert.equal(withAttachments('Why?', []), 'Why?');
    const other = { file: 'README.md', languageId: 'markdown', startLine: 1, endLine: 1, code: 'Use ```npm test```' };
    const p = withAttachments('Why does this fail?', [sel, other]);
    assert.match(p, /^Why does this fail\?\n\nFrom src\/math\.ts \(lines 3-5\):\n\n```typescript\n/);
    assert.ok(p.endsWith('From README.md (line 1):\n\n````markdown\nUse ```npm test```\n````'));
  });

  it('recognises only its own commands', () => {
    assert.ok(isParticipantCommand('tests'));
    assert.ok(!isParticipantCommand('refactor'));
    assert.ok(!isParticipantCommand(undefined));
  });

  it('sends the earlier turns, minus empty ones, before the new prompt', () => {
    assert.deepEqual(participantMessages([{ role: 'user', content: 'My name is Alice' }, { role: 'assistant', content: '' }], 'Who am I?'), [
      { role: 'user', content: 'My name is Alice' },
      { role: 'user', content: 'Who am I?' },
    ]);
  });

  it('suggests the other commands as follow-ups', () => {
    assert.deepEqual(followupsFor('explain').map((f) => f.command), ['fix', 'tests']);
    assert.deepEqual(followupsFor(undefined).map((f) => f.command), ['explain']);
    assert.ok(followupsFor('fix').every((f) => f.command !== 'fix'));
    assert.ok(followupsFor('tests').length > 0);
  });
});

describe('lm: reasoning as a streamed block quote', () => {
  it('quotes every line, including a line split across deltas, and closes before the answer', () => {
    const q = new QuoteStream();
    const md = q.push('First tho') + q.push('ught.\nSecond') + q.push(' thought.') + q.close();
    assert.equal(md, '> *Reasoning*\n>\n> First thought.\n> Second thought.\n\n');
  });

  it('adds nothing when there was no reasoning', () => {
    assert.equal(new QuoteStream().close(), '');
  });
});

describe('lm: @mantle history replay', () => {
  const ID = 'bedrock-mantle.mantle';
  it('replays what was sent and answered (from metadata), skipping unanswered turns and other participants', () => {
    const turns = [
      { prompt: 'explain this', participant: ID },
      { response: [], participant: ID, result: { metadata: { sent: 'Explain what…\n```ts\nf()\n```', answer: 'It calls f.', model: 'm', api: 'chat' } } },
      { prompt: 'failed one', participant: ID },
      { response: [], participant: ID, result: { errorDetails: { message: 'x' } } },
      { prompt: 'hello', participant: 'other.agent' },
      { response: [], participant: 'other.agent', result: { metadata: { answer: 'not ours' } } },
      { prompt: 'and now?', participant: ID },
      { response: [], participant: ID, result: { metadata: { answer: 'Now this.' } } },
    ];
    assert.deepEqual(historyFromTurns(turns, ID), [
      { role: 'user', content: 'Explain what…\n```ts\nf()\n```' },
      { role: 'assistant', content: 'It calls f.' },
      { role: 'user', content: 'and now?' },
      { role: 'assistant', content: 'Now this.' },
    ]);
  });
});
