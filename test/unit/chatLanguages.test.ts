import { strict as assert } from 'node:assert';
import { languageIdForFence } from '../../src/common/chat/languages';

describe('fence labels to VS Code language ids', () => {
  it('maps the short names models use and passes others through lower-cased', () => {
    assert.equal(languageIdForFence('ts'), 'typescript');
    assert.equal(languageIdForFence(' PY '), 'python');
    assert.equal(languageIdForFence('bash'), 'shellscript');
    assert.equal(languageIdForFence('Go'), 'go');
    assert.equal(languageIdForFence(''), 'plaintext');
  });
});
