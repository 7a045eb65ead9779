import { strict as assert } from 'node:assert';
import { LM_TOOL_MODE, malformedCallText, toolChoiceFor, toToolDefinitions } from '../../src/common/lm/lmTools';

describe('lm: VS Code tools to the turn contract', () => {
  it('keeps name, description and schema; a tool without a schema gets none', () => {
    const schema = { type: 'object', properties: { q: { type: 'string' } } };
    assert.deepEqual(toToolDefinitions([{ name: 'search', description: 'Find', inputSchema: schema }, { name: 'now', description: '' }]), [
      { name: 'search', description: 'Find', parameters: schema },
      { name: 'now' },
    ]);
    assert.deepEqual(toToolDefinitions(undefined), []);
  });

  it('Required mode requires a tool; Auto leaves the API default; no tools, no choice', () => {
    const tools = toToolDefinitions([{ name: 't', description: 'd' }]);
    assert.equal(toolChoiceFor(LM_TOOL_MODE.required, tools), 'required');
    assert.equal(toolChoiceFor(LM_TOOL_MODE.auto, tools), undefined);
    assert.equal(toolChoiceFor(LM_TOOL_MODE.required, []), undefined);
  });

  it('says in text that an unusable call was not passed on', () => {
    assert.match(malformedCallText({ id: 'c', name: 'edit', arguments: '{', error: 'The arguments for edit are not valid JSON (x).' }), /"edit" with arguments that could not be used, so the call was not passed on\. The arguments for edit are not valid JSON/);
  });
});
