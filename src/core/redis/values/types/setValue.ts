import type { RedisClient } from '../../connection/clientFactory';
import type { WriteGuard } from '../../safety/writeGuard';
import { asBuffer, asInteger } from '../replies';
import { alreadyRead, pageCellLimit } from '../pageItems';
import { collectScanPage, scanArgs } from '../scanPage';
import { ValueEditError } from '../valueErrors';
import type { ValueKind } from '../valueKind';
import { readableText } from '../valueText';
import type { ScanOptions, ScanPage } from '../valueTypes';
import { bytesFromEdit } from '../wireValues';

/** A page of members (SSCAN, never SMEMBERS), optionally only members matching `match`. */
export function scanSet(client: RedisClient, key: Buffer, options: ScanOptions = {}): Promise<ScanPage<Buffer>> {
  return collectScanPage(
    (cursor, count) => client.callBuffer('SSCAN', key, cursor, ...scanArgs(options, count)),
    (flat) => flat.map((m) => asBuffer(m, 'SSCAN')),
    (member) => member,
    options,
  );
}

/** SADD; how many members were new. */
export async function addSetMembers(client: RedisClient, key: Buffer, members: Buffer[], guard: WriteGuard): Promise<number> {
  guard('SADD');
  if (members.length === 0) return 0;
  return asInteger(await client.callBuffer('SADD', key, ...members), 'SADD');
}

/** SREM; how many members were there. */
export async function removeSetMembers(client: RedisClient, key: Buffer, members: Buffer[], guard: WriteGuard): Promise<number> {
  guard('SREM');
  if (members.length === 0) return 0;
  return asInteger(await client.callBuffer('SREM', key, ...members), 'SREM');
}

/** Sets: SSCAN pages (searchable with MATCH), members added, changed and removed. */
export const SET_KIND: ValueKind<'set'> = {
  type: 'set',
  sizeCommand: 'SCARD',
  pageSize: (pager) => pager.rows,
  async readPage({ client, key, pager, items }) {
    const page = await scanSet(client, key, { cursor: pager.start, match: pager.match, pageSize: this.pageSize(pager) });
    pager.recordCursor(page.done ? undefined : page.cursor);
    const limit = pageCellLimit(page.items, pager.budget.textChars);
    return { kind: 'set', rows: page.items.map((m) => items.cell(m, limit, alreadyRead(m))), paging: pager.describe() };
  },
  async clipboardText({ client, key, header }, limits) {
    const page = await scanSet(client, key, { pageSize: limits.pageSize });
    return { text: JSON.stringify(page.items.map(readableText), null, 2), copied: page.items.length, total: header.size };
  },
  edits: {
    async setAdd({ client, key, guard, items }, edit) {
      const member = bytesFromEdit(edit.member);
      const original = edit.original === undefined ? undefined : items.bytesOf(edit.original);
      if (original?.equals(member)) return 'Nothing changed.';
      // Changing a member adds the new one first, so a failure cannot lose it.
      if (!(await addSetMembers(client, key, [member], guard))) throw new ValueEditError('That member is already in the set.');
      if (original) await removeSetMembers(client, key, [original], guard);
      return original ? 'Member changed.' : 'Member added.';
    },
    async setRemove({ client, key, guard, items }, edit) {
      return (await removeSetMembers(client, key, [items.bytesOf(edit.member)], guard)) ? 'Member removed.' : 'The member was already gone.';
    },
  },
  creatingEdits: ['setAdd'],
};
