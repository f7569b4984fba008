/**
 * RESP2/RESP3 replies with their wire type kept, which the CLI needs to print them the way
 * redis-cli does: `OK` (simple) differs from `"OK"` (bulk), an error inside an EXEC array stays
 * an error, a RESP3 map is not an array. ioredis flattens all of that, hence this own model.
 */
export type RespValue =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: string }
  | { type: 'bulk'; value: Buffer }
  | { type: 'null' }
  | { type: 'double'; value: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'bignum'; value: string }
  | { type: 'verbatim'; format: string; value: Buffer }
  | { type: 'array'; items: RespValue[] }
  | { type: 'set'; items: RespValue[] }
  | { type: 'push'; items: RespValue[] }
  /** Keys and values alternate: `items[0]` ⇒ `items[1]`, … */
  | { type: 'map'; items: RespValue[] };

export type RespAggregate = Extract<RespValue, { items: RespValue[] }>;

/** A command as the server reads it: an array of bulk strings. */
export function encodeCommand(args: (Buffer | string)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, CRLF);
  }
  return Buffer.concat(parts);
}

const CRLF = Buffer.from('\r\n');

/** Shorthand constructors, mostly for tests and locally produced replies. */
export const resp = {
  simple: (value: string): RespValue => ({ type: 'simple', value }),
  error: (value: string): RespValue => ({ type: 'error', value }),
  integer: (value: number | bigint | string): RespValue => ({ type: 'integer', value: String(value) }),
  bulk: (value: Buffer | string): RespValue => ({ type: 'bulk', value: Buffer.from(value) }),
  null: (): RespValue => ({ type: 'null' }),
  array: (items: RespValue[]): RespValue => ({ type: 'array', items }),
};

/** The text of a bulk/simple/verbatim reply, or undefined for other types. */
export function respText(value: RespValue): string | undefined {
  if (value.type === 'bulk' || value.type === 'verbatim') return value.value.toString('utf8');
  if (value.type === 'simple' || value.type === 'error' || value.type === 'integer' || value.type === 'double' || value.type === 'bignum') return value.value;
  return undefined;
}

/** Items of an array-like reply (array, set, push), or of a map flattened; [] otherwise. */
export function respItems(value: RespValue): RespValue[] {
  return 'items' in value ? value.items : [];
}
