import { strict as assert } from 'node:assert';
import { isMantleError } from '../../src/common/mantle/errors';
import { UNAVAILABLE_MANTLE } from '../../src/common/mantle/unavailable';

describe('mantle: the stand-in for a missing client', () => {
  it('fails every call with a config MantleError that offers Show Logs', async () => {
    const calls: Promise<unknown>[] = [
      UNAVAILABLE_MANTLE.listModels(),
      UNAVAILABLE_MANTLE.streamTurn({ model: 'openai.gpt-oss-120b', api: 'responses', messages: [{ role: 'user', content: 'hi' }] }, () => undefined),
      UNAVAILABLE_MANTLE.getResponse('resp_1'),
      UNAVAILABLE_MANTLE.cancelResponse('resp_1'),
    ];
    for (const call of calls) {
      await assert.rejects(call, (e: unknown) => isMantleError(e) && e.kind === 'config' && e.message === 'The Mantle client is not available.' && e.actions.join() === 'showLogs');
    }
  });
});
