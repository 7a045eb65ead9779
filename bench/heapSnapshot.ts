// What a V8 heap snapshot holds, split into the page's data and the code V8 compiled while running it. A webview
// that has rendered a thread and closed it keeps the machine code and feedback V8 made for the functions that ran
// (the bench measured ~0.24 MB of it after a 1,000-message thread, growing a little with each further thread as
// more functions get optimized); "the thread is released" is about the data, so the bench compares that.

/** The parts of a snapshot (the JSON of HeapProfiler.takeHeapSnapshot) that are read here. */
export interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: unknown[] } };
  nodes: number[];
}

/**
 * Bytes by kind: `code` is V8's compiled code and what belongs to it (node type "code": machine code, bytecode,
 * feedback vectors, inline caches) and hidden classes (node type "object shape"); `data` is everything else (objects,
 * strings, arrays, closures, DOM and other native nodes).
 */
export function heapSnapshotBytes(snap: HeapSnapshot): { all: number; code: number; data: number } {
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0] as string[];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  if (typeAt < 0 || sizeAt < 0 || !Array.isArray(types)) throw new Error('heap snapshot: no type or self_size field');
  let all = 0;
  let code = 0;
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const size = snap.nodes[i + sizeAt];
    const type = types[snap.nodes[i + typeAt]];
    all += size;
    if (type === 'code' || type === 'object shape') code += size;
  }
  return { all, code, data: all - code };
}
