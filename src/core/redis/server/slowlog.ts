import { displayBytes, quoteForRedisCli } from '../bytes/bytesDisplay';
import type { SlowlogConfig, SlowlogEntry } from '../../protocol/dashboardData';

export class SlowlogParseError extends Error {
  override readonly name = 'SlowlogParseError';
}

/**
 * Parses the reply of `SLOWLOG GET [n]` as a client returns it: an array of entries
 * `[id, unixTime, durationUsec, [arg…], clientAddress, clientName]` (the last two since Redis 4).
 * Arguments should arrive as Buffers (ioredis `callBuffer`) so that binary keys survive; strings
 * are accepted too. Integers may be numbers, bigints or numeric strings depending on the client.
 *
 * `previous` (the last result, by id) lets a poller skip re-rendering the arguments of entries it
 * has already seen: a logged entry never changes, and the same id with the same time is the same
 * entry (ids restart with the server, times do not).
 */
export function parseSlowlog(reply: unknown, previous?: ReadonlyMap<number, SlowlogEntry>): SlowlogEntry[] {
  if (!Array.isArray(reply)) throw new SlowlogParseError(`Expected the array reply of SLOWLOG GET, got ${describe(reply)}.`);
  return reply.map((entry, index) => {
    if (previous && Array.isArray(entry)) {
      const seen = previous.get(Number(entry[0]));
      if (seen && seen.time === Number(entry[1]) && seen.durationUsec === Number(entry[2])) return seen;
    }
    return parseEntry(entry, index);
  });
}

function parseEntry(entry: unknown, index: number): SlowlogEntry {
  if (!Array.isArray(entry) || entry.length < 4 || !Array.isArray(entry[3])) {
    throw new SlowlogParseError(`SLOWLOG entry ${index} is not [id, time, duration, args, …]: ${describe(entry)}.`);
  }
  const args = (entry[3] as unknown[]).map((arg) => displayBytes(toBytes(arg)));
  return {
    id: toInteger(entry[0], 'id', index),
    time: toInteger(entry[1], 'time', index),
    durationUsec: toInteger(entry[2], 'duration', index),
    args,
    commandLine: args.map(quoteForRedisCli).join(' '),
    clientAddress: entry.length > 4 ? displayBytes(toBytes(entry[4])) : '',
    clientName: entry.length > 5 ? displayBytes(toBytes(entry[5])) : '',
  };
}

/**
 * Reads `slowlog-log-slower-than` and `slowlog-max-len` from a `CONFIG GET slowlog-*` reply:
 * a flat `[name, value, …]` array (RESP2) or a name → value map (RESP3, node-redis).
 */
export function parseSlowlogConfig(reply: unknown): SlowlogConfig {
  const pairs = new Map<string, string>();
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) pairs.set(String(toText(reply[i])), String(toText(reply[i + 1])));
  } else if (reply instanceof Map) {
    for (const [k, v] of reply) pairs.set(String(toText(k)), String(toText(v)));
  } else if (reply !== null && typeof reply === 'object') {
    for (const [k, v] of Object.entries(reply)) pairs.set(k, String(toText(v)));
  } else {
    throw new SlowlogParseError(`Expected the reply of CONFIG GET slowlog-*, got ${describe(reply)}.`);
  }
  const read = (name: string): number | null => {
    const text = pairs.get(name);
    const n = text === undefined || text === '' ? NaN : Number(text);
    return Number.isFinite(n) ? n : null;
  };
  return { slowerThanUsec: read('slowlog-log-slower-than'), maxLen: read('slowlog-max-len') };
}

function toBytes(value: unknown): Uint8Array | string {
  if (value instanceof Uint8Array || typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return '';
  return describe(value);
}

function toText(value: unknown): unknown {
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : value;
}

function toInteger(value: unknown, field: string, index: number): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(toText(value));
  if (!Number.isFinite(n)) throw new SlowlogParseError(`SLOWLOG entry ${index} has a non-numeric ${field}: ${describe(value)}.`);
  return n;
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
