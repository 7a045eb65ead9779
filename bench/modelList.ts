// 6. Model list: the first population of the Models tree (what ModelsTreeProvider asks the models service for: the
// registry's getModels() with an empty cache) and a second open from the cache, using the real registry
// (src/common/models/modelRegistry.ts, the core of container.models) and the real client against the emulator.
// The cache lives in a Map standing in for globalState (the registry only needs get/update); a new registry
// over the same storage is what a new window or a reopened tree sees.
import { ModelRegistry } from '../src/common/models/modelRegistry';
import type { KeyValueStore } from '../src/common/models/capabilities';
import { DEFAULT_API_KEY, startEmulator } from '../test/emulator/server';
import { emulatorClient, reps, runMain, summarize } from './lib';

function memento(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: <T>(key: string) => data.get(key) as T | undefined,
    update: async (key: string, value: unknown) => { if (value === undefined) data.delete(key); else data.set(key, value); },
  };
}

runMain(async () => {
  const emu = await startEmulator({ port: 0 });
  const firstMs: number[] = [];
  const cachedMs: number[] = [];
  const firstRequests: number[] = [];
  const cachedRequests: number[] = [];
  let models = 0;
  try {
    for (let i = 0; i < reps(7); i++) {
      const storage = memento();
      const scope = () => `us-east-1|${emu.url}`;
      const api = emulatorClient(emu.url, DEFAULT_API_KEY);
      let before = emu.log.length;
      let t0 = performance.now();
      models = (await new ModelRegistry({ api: () => api, storage, scope }).getModels()).length;
      firstMs.push(performance.now() - t0);
      firstRequests.push(emu.log.length - before);

      before = emu.log.length;
      t0 = performance.now();
      const again = await new ModelRegistry({ api: () => api, storage, scope }).getModels();
      cachedMs.push(performance.now() - t0);
      cachedRequests.push(emu.log.length - before);
      if (again.length !== models) throw new Error(`cache gave ${again.length} models, the first load ${models}`);
    }
  } finally {
    await emu.close();
  }
  return {
    models,
    first: { ms: summarize(firstMs), requests: Math.max(...firstRequests) },
    cached: { ms: summarize(cachedMs, 3), requests: Math.max(...cachedRequests) },
  };
});
