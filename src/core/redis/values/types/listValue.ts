import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../../connection/clientFactory';
import type { WriteGuard } from '../../safety/writeGuard';
import { formatKeyName } from '../../keyspace/keyName';
import { asArray, asBuffer, asInteger, asNullableBuffer } from '../replies';
import { digestOfId, elementDigest, pageCellLimit } from '../pageItems';
import { DEFAULT_PAGE_SIZE } from '../scanPage';
import { isReplyError, ItemGoneError, KeyNotFoundError, ListElementChangedError, ScriptingDeniedError } from '../valueErrors';
import type { ValueKind } from '../valueKind';
import { readableText } from '../valueText';
import { bytesFromEdit } from '../wireValues';

export interface ListWindow {
  /** LLEN at the time of the read. */
  length: number;
  /** Index (from the head, 0-based) of `items[0]`. */
  start: number;
  items: Buffer[];
}

/**
 * A window of `count` elements (LRANGE, never 0 -1). `fromTail` counts `offset` from the end,
 * so the newest elements of a queue are one call away; items are always in head-to-tail order.
 */
export async function readListWindow(
  client: RedisClient,
  key: Buffer,
  options: { offset?: number; count?: number; fromTail?: boolean } = {},
): Promise<ListWindow> {
  const offset = Math.max(0, options.offset ?? 0);
  const count = Math.max(1, options.count ?? DEFAULT_PAGE_SIZE);
  // Negative indices address from the tail, so one MULTI gives a window consistent with LLEN.
  const [from, to] = options.fromTail ? [-offset - count, -offset - 1] : [offset, offset + count - 1];
  const replies = await client.multi().llen(key).callBuffer('LRANGE', key, String(from), String(to)).exec();
  if (!replies) throw new Error('The read of the list was aborted.');
  for (const [error] of replies) if (error) throw error;
  const length = asInteger(replies[0][1], 'LLEN');
  const items = asArray(replies[1][1], 'LRANGE').map((item) => asBuffer(item, 'LRANGE'));
  const start = options.fromTail ? Math.max(0, length - offset - count) : Math.min(offset, length);
  return { length, start, items };
}

/** LINDEX of an element shown on a page, if it is still the one with that digest (lists shift). */
export async function readListElement(client: RedisClient, key: Buffer, index: number, expectedDigest: string): Promise<Buffer> {
  const value = asNullableBuffer(await client.callBuffer('LINDEX', key, String(index)), 'LINDEX');
  if (value === null || elementDigest(value) !== expectedDigest) throw new ItemGoneError(`Element ${index} of ${formatKeyName(key)}`);
  return value;
}

/**
 * LSET only if the element at `index` still has the digest that was shown: lists shift on every
 * push and pop, so a stale index would overwrite a neighbour. Compare and write in one script.
 */
const SET_AT = `
local current = redis.call('LINDEX', KEYS[1], ARGV[1])
if not current then return 'gone' end
if redis.sha1hex(current) ~= ARGV[2] then return 'changed' end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
return 'ok'`;

export async function setListElement(client: RedisClient, key: Buffer, index: number, value: Buffer, guard: WriteGuard, expectedDigest: string): Promise<void> {
  guard('LSET');
  const outcome = await runElementScript(client, SET_AT, key, index, [expectedDigest, value]);
  if (outcome !== 'ok') throw new ListElementChangedError(key, index, outcome === 'gone' ? 'gone' : 'changed');
}

/** LPUSH (head) or RPUSH (tail); the new length. */
export async function pushListElements(client: RedisClient, key: Buffer, values: Buffer[], end: 'head' | 'tail', guard: WriteGuard): Promise<number> {
  const command = end === 'head' ? 'LPUSH' : 'RPUSH';
  guard(command);
  if (values.length === 0) return asInteger(await client.llen(key), 'LLEN');
  return asInteger(await client.callBuffer(command, key, ...values), command);
}

/** LREM: removes up to `count` elements equal to `value` (count 0: all; negative: from the tail). */
export async function removeListValue(client: RedisClient, key: Buffer, value: Buffer, guard: WriteGuard, count = 1): Promise<number> {
  guard('LREM');
  return asInteger(await client.callBuffer('LREM', key, String(count), value), 'LREM');
}

/**
 * Removes the element at `index`. Redis has no "delete by index", so the element is overwritten
 * with a unique sentinel that LREM then removes — all inside one script, after checking that
 * the element still has the digest shown (a stale index must not delete a neighbour).
 */
const REMOVE_AT = `
local current = redis.call('LINDEX', KEYS[1], ARGV[1])
if not current then return 'gone' end
if ARGV[2] ~= '' and redis.sha1hex(current) ~= ARGV[2] then return 'changed' end
redis.call('LSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('LREM', KEYS[1], 1, ARGV[3])
return 'ok'`;

/** Removes the element at `index`; with `expectedDigest`, only if it is still that element. */
export async function removeListElementAt(client: RedisClient, key: Buffer, index: number, guard: WriteGuard, expectedDigest?: string): Promise<void> {
  guard('LSET');
  guard('LREM');
  const sentinel = Buffer.concat([Buffer.from('redis-specialist:removed:'), randomBytes(16)]);
  const outcome = await runElementScript(client, REMOVE_AT, key, index, [expectedDigest ?? '', sentinel]);
  if (outcome === 'gone' && !expectedDigest) throw new KeyNotFoundError(key);
  if (outcome !== 'ok') throw new ListElementChangedError(key, index, outcome === 'gone' ? 'gone' : 'changed');
}

/**
 * EVAL of a compare-and-write script. A user whose ACL denies scripting gets a refusal rather
 * than an unchecked write: without the script the check and the write could not be atomic.
 */
async function runElementScript(client: RedisClient, script: string, key: Buffer, index: number, args: (string | Buffer)[]): Promise<string> {
  try {
    return asBuffer(await client.callBuffer('EVAL', script, '1', key, String(index), ...args), 'EVAL').toString();
  } catch (error) {
    if (isReplyError(error, 'NOPERM') && /\b(eval|script)/i.test((error as Error).message)) throw new ScriptingDeniedError(key);
    throw error;
  }
}

/**
 * Lists: LRANGE windows from the head or the tail, elements loaded whole on demand, set and removed
 * by index only while they are still the element shown (lists shift), pushed at either end.
 */
export const LIST_KIND: ValueKind<'list'> = {
  type: 'list',
  sizeCommand: 'LLEN',
  pageSize: (pager) => pager.rows,
  async readPage({ client, key, pager, items }) {
    const count = this.pageSize(pager);
    const window = await readListWindow(client, key, { offset: pager.position, count, fromTail: pager.reversed });
    pager.recordPosition(pager.position + count < window.length ? pager.position + count : undefined, window.length);
    const limit = pageCellLimit(window.items, pager.budget.textChars);
    const rows = window.items.map((value, n) => ({ index: window.start + n, value: items.cell(value, limit, () => readListElement(client, key, window.start + n, elementDigest(value))) }));
    return { kind: 'list', rows, paging: pager.describe(), fromTail: pager.reversed };
  },
  async clipboardText({ client, key }, limits) {
    const window = await readListWindow(client, key, { count: limits.pageSize });
    return { text: JSON.stringify(window.items.map(readableText), null, 2), copied: window.items.length, total: window.length };
  },
  edits: {
    async listSet({ client, key, guard, items }, edit) {
      await setListElement(client, key, edit.index, bytesFromEdit(edit.value), guard, digestOfId(edit.expected, items));
      return `Element ${edit.index} saved.`;
    },
    async listPush({ client, key, guard }, edit) {
      await pushListElements(client, key, [bytesFromEdit(edit.value)], edit.end, guard);
      return `Element added at the ${edit.end}.`;
    },
    async listRemove({ client, key, guard, items }, edit) {
      await removeListElementAt(client, key, edit.index, guard, digestOfId(edit.expected, items));
      return `Element ${edit.index} removed.`;
    },
  },
  creatingEdits: ['listPush'],
};
