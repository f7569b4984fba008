import { createHash } from 'node:crypto';
import type { RedisClient } from '../../connection/clientFactory';
import type { WriteGuard } from '../../safety/writeGuard';
import { formatBytes } from '../../keyspace/keyMetadata';
import { formatKeyName } from '../../keyspace/keyName';
import { asBuffer } from '../replies';
import { ConflictError, isReplyError, KeyNotFoundError, KeyTypeError } from '../valueErrors';
import { confirmReplicated, writeMark } from '../../safety/replicationCheck';
import type { PageBody, PageRead, ValueKind } from '../valueKind';
import { describeValue, hexDump, readableText, type ValueFormat } from '../valueText';
import { countHyperLogLog, looksLikeHyperLogLog } from './hyperLogLog';

export const DEFAULT_STRING_LIMIT = 1024 * 1024;

export interface StringValue {
  key: Buffer;
  /** STRLEN: the whole value's size in bytes. */
  totalBytes: number;
  /** The first `limitBytes` bytes, or the whole value when `complete`. */
  bytes: Buffer;
  /** True when `bytes` is the whole value; only then may it be edited. */
  complete: boolean;
}

/**
 * Reads a string without ever transferring more than `limitBytes`: STRLEN and GETRANGE run in
 * one MULTI, so the size and the bytes describe the same moment and a value that grows
 * meanwhile cannot make us fetch more (a plain GET after STRLEN could).
 */
export async function readString(client: RedisClient, key: Buffer, limitBytes = DEFAULT_STRING_LIMIT): Promise<StringValue> {
  if (!Number.isInteger(limitBytes) || limitBytes < 1) throw new RangeError(`The string size limit must be a positive number of bytes, not ${limitBytes}.`);
  const replies = await client.multi().type(key).strlen(key).getrangeBuffer(key, 0, limitBytes - 1).exec();
  if (!replies) throw new Error('The read of the string was aborted (the connection closed or a WATCH fired).');
  const type = String(replies[0][1]);
  if (type === 'none') throw new KeyNotFoundError(key);
  if (type !== 'string') throw new KeyTypeError(key, 'string', type);
  const totalBytes = Number(replies[1][1]);
  const bytes = asBuffer(replies[2][1], 'GETRANGE');
  return { key, totalBytes, bytes, complete: bytes.length >= totalBytes };
}

/** A string read whole to be edited as a text document: its bytes, and how they are shown. */
export interface StringDocument {
  bytes: Buffer;
  text: string;
  format: ValueFormat;
  /** JSON stored without whitespace, so a save can keep that style. */
  compactJson: boolean;
}

/** The string is bigger than may be read whole to be edited as text; the key editor pages it instead. */
export class StringTooLargeError extends Error {
  override readonly name = 'StringTooLargeError';
  constructor(key: Buffer, totalBytes: number, limitBytes: number) {
    super(
      `${formatKeyName(key)} holds ${formatBytes(totalBytes)}, more than the ${formatBytes(limitBytes)} that may be edited as text ` +
        '(setting redisSpecialist.values.stringLimitBytes). Open the key to page through it.',
    );
  }
}

/** Reads a string whole (at most `limitBytes`, else {@link StringTooLargeError}) as a document: text, JSON or escapes. */
export async function readStringDocument(client: RedisClient, key: Buffer, limitBytes: number): Promise<StringDocument> {
  const value = await readString(client, key, limitBytes);
  if (!value.complete) throw new StringTooLargeError(key, value.totalBytes, limitBytes);
  const described = describeValue(value.bytes);
  return { bytes: value.bytes, text: described.text, format: described.format, compactJson: described.compactJson ?? false };
}

/** One page of a large string: `length` bytes from `offset` (GETRANGE), fewer at the end. */
export async function readStringRange(client: RedisClient, key: Buffer, offset: number, length: number): Promise<Buffer> {
  if (offset < 0 || length < 1) throw new RangeError(`A string page needs offset ≥ 0 and length ≥ 1 (got ${offset}, ${length}).`);
  return client.getrangeBuffer(key, offset, offset + length - 1);
}

export interface SaveStringOptions {
  /** The complete value as read (null: the key did not exist). Ignored with `force`. */
  original: Buffer | null;
  /** Overwrite whatever the server holds now (the user confirmed after a conflict). */
  force?: boolean;
}

/**
 * Compare-and-set in one script so nothing can slip between the check and the write: the
 * server's current value is compared by SHA-1 with the one the editor opened, and only then
 * written with SET … KEEPTTL (the TTL survives). Servers before 6.0 lack KEEPTTL; the script
 * then carries the TTL over with PTTL/PEXPIRE inside the same atomic step.
 */
const COMPARE_AND_SET = `
local t = redis.call('TYPE', KEYS[1])['ok']
if ARGV[1] == 'absent' then
  if t ~= 'none' then return 'created' end
else
  if t == 'none' then return 'deleted' end
  if t ~= 'string' then return 'type' end
  if redis.sha1hex(redis.call('GET', KEYS[1])) ~= ARGV[2] then return 'changed' end
end
local ok = redis.pcall('SET', KEYS[1], ARGV[3], 'KEEPTTL')
if type(ok) == 'table' and ok['err'] then
  local ttl = redis.call('PTTL', KEYS[1])
  redis.call('SET', KEYS[1], ARGV[3])
  if ttl > 0 then redis.call('PEXPIRE', KEYS[1], ttl) end
end
return 'ok'`;

/**
 * Saves an edited string keeping its TTL. Throws {@link ConflictError} when the server's value
 * is no longer the one that was opened (call again with `force` once the user agrees).
 */
export async function saveString(client: RedisClient, key: Buffer, value: Buffer, options: SaveStringOptions, guard: WriteGuard): Promise<void> {
  guard('SET');
  const mark = writeMark(client);
  if (options.force) {
    await setKeepTtl(client, key, value);
    await confirmReplicated(client, mark);
    return;
  }
  const mode = options.original === null ? 'absent' : 'sha1';
  const digest = options.original === null ? '' : createHash('sha1').update(options.original).digest('hex');
  let outcome: string;
  try {
    outcome = asBuffer(await client.callBuffer('EVAL', COMPARE_AND_SET, '1', key, mode, digest, value), 'EVAL').toString();
  } catch (error) {
    // Scripting denied by ACL or renamed away: compare, then write (a tiny race, but still a check).
    if (!isReplyError(error, 'NOPERM') && !isReplyError(error, 'ERR unknown command')) throw error;
    outcome = await compareThenSet(client, key, value, options.original);
  }
  if (outcome !== 'ok') throw new ConflictError(key, outcome as ConflictError['reason']);
  // A save is confirmed only once it cannot be undone by a failover (Sentinel: a replica has it).
  await confirmReplicated(client, mark);
}

async function compareThenSet(client: RedisClient, key: Buffer, value: Buffer, original: Buffer | null): Promise<string> {
  const type = await client.type(key);
  if (original === null && type !== 'none') return 'created';
  if (original !== null && type === 'none') return 'deleted';
  if (original !== null && type !== 'string') return 'type';
  if (original !== null && !(await client.getBuffer(key))?.equals(original)) return 'changed';
  await setKeepTtl(client, key, value);
  return 'ok';
}

async function setKeepTtl(client: RedisClient, key: Buffer, value: Buffer): Promise<void> {
  await client.callBuffer('SET', key, value, 'KEEPTTL');
}

/**
 * Strings: up to the string page size read at once, a bigger value paged with GETRANGE (never read
 * whole); text, JSON and binary (escaped or as a hex dump) told apart, and a HyperLogLog shown as
 * its count. Strings are edited as documents (`redis-value:`), not through page edits.
 */
export const STRING_KIND: ValueKind<'string'> = {
  type: 'string',
  sizeCommand: 'STRLEN',
  pageSize: (pager) => pager.stringPageBytes,
  readPage(read) {
    return readStringPage(read, this.pageSize(read.pager));
  },
  async clipboardText({ client, key }, limits) {
    const value = await readString(client, key, limits.stringBytes);
    if (!value.complete) {
      throw new Error(`${formatKeyName(key)} holds ${formatBytes(value.totalBytes)}, more than the ${formatBytes(limits.stringBytes)} limit (redisSpecialist.values.stringLimitBytes); open the key to page through it.`);
    }
    return { text: readableText(value.bytes) };
  },
  edits: {},
  creatingEdits: [],
};

async function readStringPage({ client, key, pager }: PageRead, limit: number): Promise<PageBody> {
  let bytes: Buffer;
  let total: number;
  if (pager.position === 0) {
    const value = await readString(client, key, limit);
    bytes = value.bytes;
    total = value.totalBytes;
  } else {
    // Later pages of a value over the limit: GETRANGE only, never the whole value.
    bytes = await readStringRange(client, key, pager.position, limit);
    total = Number(await client.strlen(key));
  }
  const offset = pager.position;
  const complete = offset === 0 && bytes.length >= total;
  if (offset === 0 && looksLikeHyperLogLog(bytes)) {
    const hll = await countHyperLogLog(client, key, bytes);
    if (hll) {
      pager.recordUnpaged();
      return { kind: 'hll', ...hll };
    }
  }
  pager.recordPosition(offset + bytes.length < total ? offset + limit : undefined, total, limit);
  const described = describeValue(bytes);
  const binary = described.format === 'binary';
  const format = binary && pager.hex ? 'hex' : described.format;
  const text = format === 'hex' ? hexDump(bytes, offset) : described.text;
  return { kind: 'string', format, text, offset, length: bytes.length, complete, hex: pager.hex && binary };
}
