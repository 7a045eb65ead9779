import { join } from 'node:path';
import { startWebviewHarness, settled } from './test/hardening/webviewHarness';
import { longReply } from './test/emulator/longReply';
(async () => {
  const h = await startWebviewHarness(join(process.cwd(), 'dist'));
  await h.open();
  const turns = Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, prompt: `Q ${i}`, model: 'm', api: 'responses', stored: true, answer: `A.\n\n${longReply(150 + (i % 7) * 40)}`, reasoning: 'r', status: 'done', responseId: 'resp_1', usage: { inputTokens: 1, outputTokens: 2, reasoningTokens: 0, cachedTokens: 0 }, createdAt: i }));
  const msg = (id: string, n: number) => ({ type: 'state', threads: [{ id, title: 'x', model: 'm', updatedAt: 1, turns: n, running: false }], thread: { id, title: 'x', model: 'm', createdAt: 1, updatedAt: 1, turns: turns.slice(0, n) }, models: [{ id: 'm', api: 'responses' }], prefs: { showReasoning: true, effort: 'medium', store: true } });
  await h.page.evaluate((m) => window.postMessage(m, '*'), msg('a', 10)); await settled(h.page);
  const cdp = await h.page.context().newCDPSession(h.page);
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
  const ms = await h.page.evaluate((m) => new Promise<number>((r) => { const t0 = performance.now(); window.postMessage(m, '*'); requestAnimationFrame(() => setTimeout(() => r(performance.now() - t0), 0)); }), msg('b', 500));
  const { profile } = await cdp.send('Profiler.stop') as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }[]; samples: number[]; timeDeltas: number[] } };
  const self = new Map<string, number>();
  for (const n of profile.nodes) { const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + n.hitCount); }
  console.log('switch ms', ms.toFixed(1));
  console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(v * 0.2).toFixed(1)}ms ${k}`).join('\n'));
  await h.close();
})();
