import { strict as assert } from 'node:assert';
import { MantleError } from '../../src/common/mantle/errors';
import type { TurnRequest, TurnResult } from '../../src/common/mantle/types';
import { refusesTools, ToolSupport, withToolLearning } from '../../src/common/tools/toolSupport';

const refusal = () => new MantleError({ kind: 'badRequest', status: 400, message: "Mantle rejected the request (400): Unsupported parameter: 'tools' is not supported with this model." });

describe('tools: learned tool-less models', () => {
  it('recognises a refusal of tools, and nothing else', () => {
    assert.equal(refusesTools(refusal()), true);
    assert.equal(refusesTools(new MantleError({ kind: 'badRequest', status: 400, message: "Unsupported parameter: 'top_p' is not supported with this model." })), false);
    assert.equal(refusesTools(new MantleError({ kind: 'server', message: 'tools are not supported' })), false);
    assert.equal(refusesTools(new Error("Unsupported parameter: 'tools'")), false);
  });

  it('retries once without tools when none was required, then leaves them out', async () => {
    const sent: TurnRequest[] = [];
    const fake = {
      streamTurn: async (req: TurnRequest): Promise<TurnResult> => {
        sent.push(req);
        if (req.tools) throw refusal();
        return { api: req.api, text: 'ok', reasoning: '', totalMs: 1 };
      },
    };
    const support = new ToolSupport();
    const client = withToolLearning(fake, support);
    const req: TurnRequest = { model: 'm', api: 'chat', messages: [], tools: [{ name: 't' }], toolChoice: 'auto' };
    assert.equal((await client.streamTurn(req, () => {})).text, 'ok');
    assert.deepEqual(sent.map((r) => [r.tools?.length, r.toolChoice]), [[1, 'auto'], [undefined, undefined]]);
    await client.streamTurn(req, () => {});
    assert.equal(sent.length, 3);
    assert.equal(sent[2].tools, undefined);
    await assert.rejects(client.streamTurn({ ...req, toolChoice: { name: 't' } }, () => {}), /does not accept tools/);
    assert.equal(sent.length, 3);
    support.reset();
    assert.equal(support.isToolless('m'), false);
  });
});
