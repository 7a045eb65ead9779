// Generated malformed webview→host messages, for the chat and the compare webviews. Every message here must be
// refused by the host's validator: wrong types, missing fields, over-long strings, unknown kinds, prototype-pollution
// keys, nested garbage, and bare values. Generation is seeded, so a failure names a message that can be reproduced.
// Every message survives structured cloning, as anything crossing postMessage must.

/** A well-formed message of each kind that carries fields; mutating one field makes it malformed. */
export interface MessageShapes {
  /** Kinds with their fields and a valid value for each. */
  withFields: Record<string, Record<string, unknown>>;
  /** Kinds without fields: only a wrong `type` makes these malformed. */
  bare: string[];
  /** Values a field of each kind would accept; a generated value is only "wrong" if it is not one of these. */
  accepts: (kind: string, field: string, value: unknown) => boolean;
  maxString: number;
}

export const CHAT_SHAPES: Omit<MessageShapes, 'maxString'> = {
  withFields: {
    send: { threadId: 't1', text: 'hello', background: false },
    stop: { threadId: 't1' },
    switchThread: { threadId: 't1' },
    renameThread: { threadId: 't1' },
    deleteThread: { threadId: 't1' },
    setModel: { threadId: 't1', model: 'openai.gpt-oss-120b' },
    setEffort: { effort: 'low' },
    setShowReasoning: { show: true },
    editResend: { threadId: 't1', turnId: 'u1', text: 'again' },
    copy: { text: 'copied' },
    insertCode: { code: 'x = 1' },
    openCode: { code: 'x = 1', language: 'python' },
    openLink: { href: 'https://example.com' },
    runAction: { action: 'showLogs', threadId: 't1', turnId: 'u1' },
    cancelBackground: { threadId: 't1', turnId: 'u1' },
    exportThread: { threadId: 't1' },
    attach: { kind: 'file' },
    attachImage: { name: 'a.png', mediaType: 'image/png', data: 'iVBORw0KGgo=', width: 1, height: 1 },
    removeAttachment: { id: 'a1' },
    setInstructions: { on: true },
    loadTurns: { threadId: 't1', before: 40 },
  },
  bare: ['ready', 'newThread'],
  accepts: (_kind, field, v) => {
    if (field === 'effort') return v === 'low' || v === 'medium' || v === 'high';
    if (field === 'background' || field === 'show' || field === 'on') return typeof v === 'boolean';
    if (field === 'width' || field === 'height') return typeof v === 'number' && Number.isFinite(v);
    if (field === 'before') return Number.isSafeInteger(v) && (v as number) >= 0 && (v as number) <= 10_000_000;
    return typeof v === 'string';
  },
};

export const COMPARE_SHAPES: Omit<MessageShapes, 'maxString'> = {
  withFields: {
    rerun: { runs: 2 },
    continueInChat: { column: 0 },
    copyAnswer: { column: 1 },
    setShowReasoning: { show: false },
    openLink: { href: 'https://example.com' },
    runAction: { action: 'showLogs' },
  },
  bare: ['ready', 'stop', 'copyTable'],
  accepts: (_kind, field, v) => {
    if (field === 'show') return typeof v === 'boolean';
    if (field === 'runs') return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10;
    if (field === 'column') return typeof v === 'number' && Number.isInteger(v) && v >= 0;
    return typeof v === 'string';
  },
};

/** mulberry32: small, seeded, good enough to spread cases. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values of the wrong type (or shape) for almost any field. `huge` is longer than the validator allows. */
function wrongValues(huge: string): unknown[] {
  const deep: Record<string, unknown> = {};
  let cur = deep;
  for (let i = 0; i < 50; i++) { const next: Record<string, unknown> = {}; cur.n = next; cur = next; }
  return [
    null, undefined, 0, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, true, false, '', huge, [], ['t1'], {}, { toString: 'x' },
    deep, [[[[[]]]]], { __proto__: { polluted: true } }, JSON.parse('{"__proto__":{"polluted":true}}'),
    { constructor: { prototype: { polluted: true } } }, new Date(0), /re/g, new Map([['a', 1]]), new Uint8Array(4),
    'low ', 'HIGH', 'medium\u0000', '1', 'true',
  ];
}

const UNKNOWN_TYPES = [
  '', ' ', 'SEND', 'Send', 'send ', ' send', 'send\u0000', 'send\u200B', '__proto__', 'constructor', 'prototype', 'toString',
  'valueOf', 'hasOwnProperty', '__defineGetter__', '__lookupSetter__', 'isPrototypeOf', 'propertyIsEnumerable',
  'toLocaleString', 'eval', 'executeCommand', 'workbench.action.quit', 'vscode.open', 'command:workbench.action.quit',
  'delta', 'state', 'notice', 'compose', 'x'.repeat(10_000), '🙂', 'ready\n', 'openlink', 'openLink2', 'null', 'undefined',
];

const BARE_VALUES: unknown[] = [
  null, undefined, 0, 1, -0, NaN, Infinity, true, false, '', 'send', '{"type":"send"}', [], [{ type: 'ready' }], ['ready'],
  new Date(0), /x/, new Map(), new Set(['ready']), new Uint8Array([1, 2]), 123n,
];

export interface GeneratedMessage {
  why: string;
  message: unknown;
}

/** Builds at least `count` malformed messages for the given shapes. */
export function malformedMessages(shapes: MessageShapes, count: number, seed = 8): GeneratedMessage[] {
  const huge = 'x'.repeat(shapes.maxString + 1);
  const wrong = wrongValues(huge);
  const out: GeneratedMessage[] = [];
  const kinds = Object.keys(shapes.withFields);
  const add = (why: string, message: unknown) => out.push({ why, message });

  for (const v of BARE_VALUES) add(`bare ${typeof v}`, v);
  for (const t of UNKNOWN_TYPES) {
    add(`unknown type ${JSON.stringify(t.slice(0, 20))}`, { type: t });
    add(`unknown type ${JSON.stringify(t.slice(0, 20))} with send's fields`, { type: t, threadId: 't1', text: 'hi', background: false });
  }
  for (const v of wrong) if (typeof v !== 'string') add(`type is ${Object.prototype.toString.call(v)}`, { type: v });
  add('missing type', { threadId: 't1', text: 'hi', background: false });
  add('type only in __proto__', JSON.parse('{"__proto__":{"type":"ready"}}'));
  add('type only on a constructor key', { constructor: { type: 'ready' } });

  for (const kind of kinds) {
    const valid = shapes.withFields[kind] ?? {};
    for (const field of Object.keys(valid)) {
      const rest = { ...valid };
      delete rest[field];
      add(`${kind} without ${field}`, { type: kind, ...rest });
      add(`${kind} with ${field} only in __proto__`, JSON.parse(JSON.stringify({ type: kind, ...rest, __proto__placeholder: { [field]: valid[field] } }).replace('__proto__placeholder', '__proto__')));
      for (const v of wrong) {
        if (shapes.accepts(kind, field, v)) continue;
        add(`${kind}.${field} = ${describe(v)}`, { type: kind, ...valid, [field]: v });
      }
    }
  }

  // Random garbage on top, until `count`: each message has one field made wrong, the others random.
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  while (out.length < count) {
    const kind = pick(kinds);
    const valid = shapes.withFields[kind] ?? {};
    const fields = Object.keys(valid);
    const broken = pick(fields);
    const msg: Record<string, unknown> = { type: kind };
    for (const f of fields) msg[f] = f === broken ? undefined : next() < 0.5 ? valid[f] : pick([...wrong, valid[f]]);
    let v = pick(wrong);
    while (shapes.accepts(kind, broken, v)) v = pick(wrong);
    msg[broken] = v;
    if (next() < 0.3) Object.assign(msg, JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'));
    if (next() < 0.2) msg.extra = { nested: [pick(wrong), { deeper: pick(wrong) }] };
    add(`random ${kind} with ${broken} = ${describe(v)}`, msg);
  }
  // Whatever crosses postMessage is a structured clone: send exactly that.
  return out.map((g) => ({ why: g.why, message: cloneable(g.message) }));
}

function cloneable(v: unknown): unknown {
  try { return structuredClone(v); } catch { return v; }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return v.length > 30 ? `string(${v.length})` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined || typeof v === 'bigint') return String(v);
  return Object.prototype.toString.call(v);
}
