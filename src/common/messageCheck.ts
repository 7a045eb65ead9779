// The validator the chat (protocol.ts) and compare (compareProtocol.ts) contracts share: a message must be a plain
// object whose `type` names one of the spec's messages, and every declared field must pass that contract's own
// field check. Only the declared fields are copied, so nothing unexpected rides along into the handlers. Never throws.

export type Parsed<M> = { ok: true; message: M } | { ok: false; reason: string };

/**
 * For each message type, every field of that message (no more, no fewer) and the kind it must be (the kinds are the
 * contract's own). A field added to the message union and not to its spec, or the other way round, does not compile.
 */
export type MessageSpec<M extends { type: string }, Kind extends string> = {
  [T in M['type']]: { [F in Exclude<keyof Extract<M, { type: T }>, 'type'>]-?: Kind };
};

/** Upper bound for any string a webview may post: far above a real prompt or answer, low enough to refuse a flood. */
export const MAX_MESSAGE_STRING = 2_000_000;

export function checkMessage<M extends { type: string }, Kind extends string>(
  spec: MessageSpec<M, Kind>,
  raw: unknown,
  validField: (kind: Kind, value: unknown) => boolean,
): Parsed<M> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, reason: 'not an object' };
  const msg = raw as Record<string, unknown>;
  const type = msg.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(spec, type)) {
    // String(type) could throw (an object whose toString is not a function survives postMessage): name its kind instead.
    return { ok: false, reason: typeof type === 'string' ? `unknown type ${JSON.stringify(type.slice(0, 60))}` : `type is ${type === null ? 'null' : typeof type}` };
  }
  const fields = spec[type as M['type']] as Record<string, Kind>;
  const clean: Record<string, unknown> = { type };
  for (const [name, kind] of Object.entries(fields)) {
    const v = msg[name];
    if (!validField(kind, v)) return { ok: false, reason: `${type}.${name} is not a valid ${kind}` };
    // An optional field that is absent stays absent.
    if (v !== undefined) clean[name] = v;
  }
  return { ok: true, message: clean as M };
}

/** Validates what a webview posted and hands it to `handle`; a malformed message or a failed handler is logged, never thrown. */
export async function receiveWebviewMessage<M extends { type: string }>(
  feature: string,
  raw: unknown,
  parse: (raw: unknown) => Parsed<M>,
  handle: (m: M) => Promise<void>,
  log: { warn(msg: string): void; error(msg: string, err?: unknown): void },
): Promise<void> {
  const parsed = parse(raw);
  if (!parsed.ok) {
    log.warn(`${feature}: ignored a malformed webview message (${parsed.reason}).`);
    return;
  }
  try {
    await handle(parsed.message);
  } catch (err) {
    log.error(`${feature}: handling "${parsed.message.type}" failed`, err);
  }
}
