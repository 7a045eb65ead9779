import { strict as assert } from 'node:assert';
import { estimateMessageTokens, estimateTextTokens, MESSAGE_OVERHEAD_TOKENS, utf8Length } from '../../src/common/lm/tokenEstimate';

describe('lm: token-count estimate', () => {
  it('counts UTF-8 bytes, including 2-, 3- and 4-byte characters', () => {
    assert.equal(utf8Length('abc'), 3);
    assert.equal(utf8Length('é'), 2);
    assert.equal(utf8Length('猫'), 3);
    assert.equal(utf8Length('😀'), 4);
    assert.equal(utf8Length('a😀b'), Buffer.byteLength('a😀b', 'utf8'));
  });

  it('errs high for English prose (more tokens than the usual ~4 characters per token)', () => {
    const prose = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
    assert.ok(estimateTextTokens(prose) > prose.length / 4);
    assert.equal(estimateTextTokens(prose), Math.ceil(prose.length / 3));
  });

  it('gives CJK text about one token per character', () => {
    assert.equal(estimateTextTokens('我喜欢猫'), 4);
  });

  it('is zero for empty text and adds the template overhead per message', () => {
    assert.equal(estimateTextTokens(''), 0);
    assert.equal(estimateMessageTokens('abcdef'), 2 + MESSAGE_OVERHEAD_TOKENS);
  });
});
