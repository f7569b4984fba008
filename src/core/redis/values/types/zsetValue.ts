import type { RedisClient } from '../../connection/clientFactory';
import type { WriteGuard } from '../../safety/writeGuard';
import { asArray, asInteger, pairUp } from '../replies';
import { alreadyRead, pageCellLimit } from '../pageItems';
import { collectScanPage, DEFAULT_PAGE_SIZE, scanArgs } from '../scanPage';
import { ValueEditError } from '../valueErrors';
import type { ValueKind } from '../valueKind';
import { readableText } from '../valueText';
import type { ScanOptions, ScanPage, ScoredMember } from '../valueTypes';
import { bytesFromEdit } from '../wireValues';

const toScored = (flat: unknown[], what: string): ScoredMember[] => pairUp(flat, what).map(([member, score]) => ({ member, score: score.toString() }));

/** Members matching a pattern, in hash order (ZSCAN): for searching. */
export function scanZset(client: RedisClient, key: Buffer, options: ScanOptions = {}): Promise<ScanPage<ScoredMember>> {
  return collectScanPage(
    (cursor, count) => client.callBuffer('ZSCAN', key, cursor, ...scanArgs(options, count)),
    (flat) => toScored(flat, 'ZSCAN'),
    (item) => item.member,
    options,
  );
}

export interface ZsetRankPage {
  /** ZCARD at the time of the read. */
  total: number;
  /** Rank of the first item (0 = lowest score, or highest with `descending`). */
  start: number;
  items: ScoredMember[];
}

/** Members by rank with scores, ascending or descending, `count` from rank `start` (one MULTI, so total and page agree). */
export async function readZsetByRank(
  client: RedisClient,
  key: Buffer,
  options: { start?: number; count?: number; descending?: boolean } = {},
): Promise<ZsetRankPage> {
  const start = Math.max(0, options.start ?? 0);
  const count = Math.max(1, options.count ?? DEFAULT_PAGE_SIZE);
  // ZREVRANGE rather than ZRANGE … REV: the latter needs Redis 6.2.
  const command = options.descending ? 'ZREVRANGE' : 'ZRANGE';
  const replies = await client
    .multi()
    .zcard(key)
    .callBuffer(command, key, String(start), String(start + count - 1), 'WITHSCORES')
    .exec();
  if (!replies) throw new Error('The read of the sorted set was aborted.');
  for (const [error] of replies) if (error) throw error;
  return { total: asInteger(replies[0][1], 'ZCARD'), start, items: toScored(asArray(replies[1][1], command), command) };
}

/**
 * ZADD one member. `mode`: 'add' only if new (NX), 'update' only if present (XX, to change a
 * score), 'upsert' either. Returns true when the member was added or its score changed.
 */
export async function setZsetMember(
  client: RedisClient,
  key: Buffer,
  member: Buffer,
  score: number | string,
  guard: WriteGuard,
  mode: 'add' | 'update' | 'upsert' = 'upsert',
): Promise<boolean> {
  guard('ZADD');
  const scoreText = validScore(score);
  const condition = mode === 'add' ? ['NX'] : mode === 'update' ? ['XX'] : [];
  return asInteger(await client.callBuffer('ZADD', key, ...condition, 'CH', scoreText, member), 'ZADD') === 1;
}

/** ZREM; how many members were there. */
export async function removeZsetMembers(client: RedisClient, key: Buffer, members: Buffer[], guard: WriteGuard): Promise<number> {
  guard('ZREM');
  if (members.length === 0) return 0;
  return asInteger(await client.callBuffer('ZREM', key, ...members), 'ZREM');
}

/** Scores as Redis accepts them: finite numbers, or inf/+inf/-inf. */
function validScore(score: number | string): string {
  const text = String(score).trim();
  if (/^[+-]?inf$/i.test(text) || (text !== '' && Number.isFinite(Number(text)))) return text;
  throw new RangeError(`"${text}" is not a score; use a number such as 42 or 1.5e3, or inf / -inf.`);
}

/** Sorted sets: pages by rank either way, ZSCAN for a search, members added, renamed, rescored and removed. */
export const ZSET_KIND: ValueKind<'zset'> = {
  type: 'zset',
  sizeCommand: 'ZCARD',
  pageSize: (pager) => pager.rows,
  async readPage({ client, key, pager, items }) {
    const count = this.pageSize(pager);
    if (pager.match) {
      const page = await scanZset(client, key, { cursor: pager.start, match: pager.match, pageSize: count });
      pager.recordCursor(page.done ? undefined : page.cursor);
      const limit = pageCellLimit(page.items.map((i) => i.member), pager.budget.textChars);
      return { kind: 'zset', rows: page.items.map((i) => ({ member: items.cell(i.member, limit, alreadyRead(i.member)), score: i.score })), paging: pager.describe(), descending: pager.reversed };
    }
    const page = await readZsetByRank(client, key, { start: pager.position, count, descending: pager.reversed });
    pager.recordPosition(page.start + count < page.total ? page.start + count : undefined, page.total);
    const limit = pageCellLimit(page.items.map((i) => i.member), pager.budget.textChars);
    const rows = page.items.map((i, n) => ({ member: items.cell(i.member, limit, alreadyRead(i.member)), score: i.score, rank: page.start + n }));
    return { kind: 'zset', rows, paging: pager.describe(), descending: pager.reversed };
  },
  async clipboardText({ client, key }, limits) {
    const page = await readZsetByRank(client, key, { count: limits.pageSize });
    return { text: JSON.stringify(page.items.map((i) => ({ member: readableText(i.member), score: i.score })), null, 2), copied: page.items.length, total: page.total };
  },
  edits: {
    async zsetSet({ client, key, guard, items }, edit) {
      const member = bytesFromEdit(edit.member);
      const original = edit.original === undefined ? undefined : items.bytesOf(edit.original);
      if (original === undefined || !original.equals(member)) {
        // Renaming adds the new member first, so a failure cannot lose it.
        if (!(await setZsetMember(client, key, member, edit.score, guard, 'add'))) throw new ValueEditError('That member is already in the sorted set; change its score instead.');
        if (original) await removeZsetMembers(client, key, [original], guard);
        return original ? 'Member renamed.' : 'Member added.';
      }
      await setZsetMember(client, key, member, edit.score, guard, 'update');
      return 'Score saved.';
    },
    async zsetRemove({ client, key, guard, items }, edit) {
      return (await removeZsetMembers(client, key, [items.bytesOf(edit.member)], guard)) ? 'Member removed.' : 'The member was already gone.';
    },
  },
  creatingEdits: ['zsetSet'],
};
