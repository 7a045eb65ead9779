// Fault injection. A FaultSpec is queued (startEmulator().setFaults / POST /__emulator/faults) and consumed by the
// next matching API requests, or given per request in the `x-emulator-fault` header. Faults are applied after
// authentication succeeds, so a queued fault is never used up by a request that failed auth.
import { HttpError } from './http';

export type StatusFaultKind = '429' | '500' | '503' | '529' | '401' | '403';
export type FaultKind = StatusFaultKind | 'cut' | 'stall' | 'slow-first-token' | 'token-rate' | 'model-timeout';

export interface FaultSpec {
  kind: FaultKind;
  /** 429/503: value of the retry-after header in seconds (429 defaults to 1; 503 sends none unless given). */
  retryAfterSeconds?: number;
  /** cut/stall: SSE frames written before the socket is destroyed (cut) or writing stops (stall). Default 3. */
  afterChunks?: number;
  /** slow-first-token: delay before the first token; token-rate: delay between streamed tokens. */
  ms?: number;
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
  /** Only requests whose path contains this string, e.g. '/responses' or '/chat/completions'. */
  path?: string;
  /** Only requests with this method (GET, POST, …). */
  method?: string;
  /** Only requests for this model id. */
  model?: string;
}

/** The faults in force for one request, one per category. */
export interface ActiveFaults {
  status?: FaultSpec;
  termination?: { kind: 'cut' | 'stall'; afterChunks: number };
  firstTokenMs?: number;
  tokenMs?: number;
  /** Responses: the in-band timeout of §1.5 I (HTTP 200, status "failed", no output). */
  modelTimeout?: boolean;
  /** Human-readable summary for the request log, in header syntax. */
  description?: string;
}

const KINDS: readonly FaultKind[] = ['429', '500', '503', '529', '401', '403', 'cut', 'stall', 'slow-first-token', 'token-rate', 'model-timeout'];

function category(kind: FaultKind): 'status' | 'termination' | 'first' | 'rate' | 'outcome' {
  if (kind === 'cut' || kind === 'stall') return 'termination';
  if (kind === 'model-timeout') return 'outcome';
  if (kind === 'slow-first-token') return 'first';
  if (kind === 'token-rate') return 'rate';
  return 'status';
}

export function validateFaultSpec(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) throw new Error('a fault must be an object');
  const f = value as Record<string, unknown>;
  if (!KINDS.includes(f.kind as FaultKind)) throw new Error(`unknown fault kind ${JSON.stringify(f.kind)}; one of ${KINDS.join(', ')}`);
  for (const key of ['retryAfterSeconds', 'afterChunks', 'ms', 'times'] as const) {
    if (f[key] !== undefined && (typeof f[key] !== 'number' || (f[key] as number) < 0)) throw new Error(`${key} must be a non-negative number`);
  }
  for (const key of ['path', 'method', 'model'] as const) {
    if (f[key] !== undefined && typeof f[key] !== 'string') throw new Error(`${key} must be a string`);
  }
  return f as unknown as FaultSpec;
}

/** Header syntax: faults separated by ',', each `name[;key=value]…`, e.g. `429;retry-after=1`, `cut-after=5`. */
export function parseFaultHeader(header: string): FaultSpec[] {
  const out: FaultSpec[] = [];
  for (const raw of header.split(',')) {
    const [head, ...params] = raw.split(';').map((s) => s.trim());
    if (!head) continue;
    const [name, value] = head.split('=').map((s) => s.trim());
    const num = value === undefined ? undefined : Number(value);
    let spec: FaultSpec;
    if (['429', '500', '503', '529', '401', '403'].includes(name)) spec = { kind: name as StatusFaultKind };
    else if (name === 'model-timeout' && num === undefined) spec = { kind: 'model-timeout' };
    else if (name === 'cut-after' && num !== undefined) spec = { kind: 'cut', afterChunks: num };
    else if (name === 'stall-after' && num !== undefined) spec = { kind: 'stall', afterChunks: num };
    else if (name === 'first-token-ms' && num !== undefined) spec = { kind: 'slow-first-token', ms: num };
    else if (name === 'token-ms' && num !== undefined) spec = { kind: 'token-rate', ms: num };
    else throw new Error(`unknown fault '${raw.trim()}'`);
    for (const p of params) {
      const [k, v] = p.split('=').map((s) => s.trim());
      if (k === 'retry-after') spec.retryAfterSeconds = Number(v);
      else throw new Error(`unknown fault parameter '${p}'`);
    }
    if (Object.values(spec).some((v) => typeof v === 'number' && !Number.isFinite(v))) throw new Error(`bad number in fault '${raw.trim()}'`);
    out.push(spec);
  }
  return out;
}

export function describeFault(f: FaultSpec): string {
  switch (f.kind) {
    case 'cut': return `cut-after=${f.afterChunks ?? 3}`;
    case 'stall': return `stall-after=${f.afterChunks ?? 3}`;
    case 'slow-first-token': return `first-token-ms=${f.ms ?? 0}`;
    case 'token-rate': return `token-ms=${f.ms ?? 0}`;
    default: return f.retryAfterSeconds !== undefined ? `${f.kind};retry-after=${f.retryAfterSeconds}` : f.kind;
  }
}

export interface FaultTarget { method: string; path: string; model?: string }

/** The queue behind setFaults(): each request takes at most one fault per category from the front. */
export class FaultQueue {
  private queue: { spec: FaultSpec; left: number }[] = [];

  set(specs: FaultSpec[]): void {
    this.queue = specs.map((spec) => ({ spec, left: spec.times ?? 1 }));
  }

  pending(): FaultSpec[] {
    return this.queue.map((q) => ({ ...q.spec, times: q.left }));
  }

  take(target: FaultTarget): FaultSpec[] {
    const taken: FaultSpec[] = [];
    const used = new Set<string>();
    for (const q of this.queue) {
      const cat = category(q.spec.kind);
      if (used.has(cat) || !matches(q.spec, target)) continue;
      used.add(cat);
      taken.push(q.spec);
      q.left -= 1;
    }
    this.queue = this.queue.filter((q) => q.left > 0);
    return taken;
  }
}

function matches(spec: FaultSpec, t: FaultTarget): boolean {
  if (spec.path && !t.path.includes(spec.path)) return false;
  if (spec.method && spec.method.toUpperCase() !== t.method) return false;
  if (spec.model && spec.model !== t.model) return false;
  return true;
}

export function activate(specs: FaultSpec[]): ActiveFaults {
  const active: ActiveFaults = {};
  for (const f of specs) {
    const cat = category(f.kind);
    if (cat === 'status') active.status ??= f;
    else if (cat === 'termination') active.termination ??= { kind: f.kind as 'cut' | 'stall', afterChunks: f.afterChunks ?? 3 };
    else if (cat === 'first') active.firstTokenMs ??= f.ms ?? 0;
    else if (cat === 'outcome') active.modelTimeout = true;
    else active.tokenMs ??= f.ms ?? 0;
  }
  if (specs.length) active.description = specs.map(describeFault).join(',');
  return active;
}

/** The HTTP error a status fault produces; bodies follow the OpenAI envelope so the SDK maps them to typed errors. */
export function statusFaultError(f: FaultSpec): HttpError {
  const retry: Record<string, string> = {};
  const seconds = f.retryAfterSeconds ?? (f.kind === '429' ? 1 : undefined);
  if (seconds !== undefined) retry['retry-after'] = String(seconds);
  switch (f.kind) {
    case '429':
      return new HttpError(429, { code: 'rate_limit_exceeded', type: 'rate_limit_error', message: 'Too many tokens, please wait before trying again. (emulated)' }, retry);
    case '500':
      return new HttpError(500, { code: 'internal_server_error', type: 'server_error', message: 'The server had an error while processing your request. (emulated)' }, retry);
    case '503':
      return new HttpError(503, { code: 'service_unavailable', type: 'server_error', message: 'The service is temporarily unavailable. (emulated)' }, retry);
    case '529':
      // The Messages API's overload answer (§1.5 M); its body text is UNCERTAIN.
      return new HttpError(529, { code: 'overloaded_error', type: 'overloaded_error', message: 'Overloaded (emulated)' }, retry);
    case '401':
      return new HttpError(401, { code: 'invalid_api_key', type: 'authentication_error', message: 'The API key is invalid or has expired. (emulated)' });
    default:
      return new HttpError(403, { code: 'access_denied', type: 'permission_error', message: 'You do not have access to this model. (emulated)' });
  }
}
