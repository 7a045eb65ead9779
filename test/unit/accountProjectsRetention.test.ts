import { strict as assert } from 'node:assert';
import { checkProjectId, describeProject, effectiveProject, parseProjectList } from '../../src/common/account/projects';
import { isRetentionRefusal, retentionMemory } from '../../src/common/account/retention';

describe('account Projects', () => {
  it('accepts default and proj_ ids only', () => {
    assert.equal(checkProjectId('default').ok, true);
    assert.equal(checkProjectId('proj_5d5ykleja6cwpirysbb7').ok, true);
    assert.equal(checkProjectId('proj_').ok, false);
    assert.equal(checkProjectId('[x](command:evil)').ok, false);
  });

  it('prefers this workspace\'s pick, then the user setting; an invalid pick is ignored', () => {
    assert.equal(effectiveProject('proj_a', 'proj_b'), 'proj_a');
    assert.equal(effectiveProject(undefined, 'proj_b'), 'proj_b');
    assert.equal(effectiveProject('not a project', undefined), undefined);
    assert.equal(describeProject(undefined), 'Project: the account default');
  });

  it('keeps only well-formed entries of a project list', () => {
    const list = parseProjectList({ data: [{ id: 'default', name: 'default', status: 'active' }, { id: 'bad id', name: 'x' }, { id: 'proj_a1', status: 'archived' }], object: 'list' });
    assert.deepEqual(list, [{ id: 'default', name: 'default', status: 'active' }, { id: 'proj_a1', name: 'proj_a1', status: 'archived' }]);
    assert.deepEqual(parseProjectList('nonsense'), []);
  });
});

describe('account retention', () => {
  it('recognises a refusal of store or background by the retention mode, and nothing else', () => {
    assert.equal(isRetentionRefusal({ kind: 'badRequest', message: "Mantle rejected the request (400): store=true is not allowed under data retention mode 'none'." }), true);
    assert.equal(isRetentionRefusal({ kind: 'badRequest', message: "Background mode is not available under data retention mode 'none'." }), true);
    assert.equal(isRetentionRefusal({ kind: 'badRequest', message: 'Background mode requires store=true.' }), false);
    assert.equal(isRetentionRefusal({ kind: 'modelNotFound', message: "This model is not available under data retention mode 'default'." }), false);
  });

  it('remembers refusals per scope', async () => {
    const stored = new Map<string, unknown>();
    const storage = { get: <T>(k: string) => stored.get(k) as T | undefined, update: async (k: string, v: unknown) => { stored.set(k, v); } };
    let scope = 'us-east-1||default';
    const m = retentionMemory(storage, () => scope);
    assert.equal(m.refusesStore(), false);
    m.remember();
    m.remember();
    assert.equal(m.refusesStore(), true);
    scope = 'us-east-1||proj_x';
    assert.equal(m.refusesStore(), false);
    assert.deepEqual(stored.get('bedrockMantle.retention.noStore'), ['us-east-1||default']);
  });
});
