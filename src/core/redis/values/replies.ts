/**
 * Narrowing for replies of `callBuffer`, which are typed `unknown`: bulk strings are Buffers,
 * integers numbers, arrays arrays, nil null. A reply of another shape is a protocol surprise
 * (a proxy or a module answering differently) and fails loudly instead of rendering garbage.
 */
export function asBuffer(reply: unknown, what: string): Buffer {
  if (Buffer.isBuffer(reply)) return reply;
  if (typeof reply === 'string') return Buffer.from(reply);
  throw new TypeError(`Unexpected reply for ${what}: expected a string, got ${describe(reply)}.`);
}

export function asNullableBuffer(reply: unknown, what: string): Buffer | null {
  return reply === null ? null : asBuffer(reply, what);
}

export function asArray(reply: unknown, what: string): unknown[] {
  if (Array.isArray(reply)) return reply;
  throw new TypeError(`Unexpected reply for ${what}: expected an array, got ${describe(reply)}.`);
}

export function asInteger(reply: unknown, what: string): number {
  if (typeof reply === 'number') return reply;
  if (Buffer.isBuffer(reply) || typeof reply === 'string') {
    const n = Number(reply.toString());
    if (Number.isFinite(n)) return n;
  }
  throw new TypeError(`Unexpected reply for ${what}: expected an integer, got ${describe(reply)}.`);
}

export function asText(reply: unknown, what: string): string {
  return asBuffer(reply, what).toString('utf8');
}

/** `[k1, v1, k2, v2…]` (XINFO, HELLO in RESP2) as an object keyed by the UTF-8 names. */
export function pairsToRecord(reply: unknown, what: string): Record<string, unknown> {
  const items = asArray(reply, what);
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < items.length; i += 2) out[asText(items[i], what)] = items[i + 1];
  return out;
}

/** `[a, b, c, d]` → `[[a, b], [c, d]]` for flat field/value replies (HSCAN, ZRANGE WITHSCORES). */
export function pairUp(items: unknown[], what: string): [Buffer, Buffer][] {
  if (items.length % 2 !== 0) throw new TypeError(`Unexpected reply for ${what}: an odd number of items in a pair list.`);
  const out: [Buffer, Buffer][] = [];
  for (let i = 0; i < items.length; i += 2) out.push([asBuffer(items[i], what), asBuffer(items[i + 1], what)]);
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'nil';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value;
}
