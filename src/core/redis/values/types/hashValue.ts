import type { RedisClient } from '../../connection/clientFactory';
import type { WriteGuard } from '../../safety/writeGuard';
import { formatKeyName } from '../../keyspace/keyName';
import { asInteger, asNullableBuffer, pairUp } from '../replies';
import { ItemGoneError, ValueEditError } from '../valueErrors';
import { alreadyRead, pageCellLimit } from '../pageItems';
import { collectScanPage, scanArgs } from '../scanPage';
import type { ValueKind } from '../valueKind';
import { readableText } from '../valueText';
import type { HashField, ScanOptions, ScanPage } from '../valueTypes';
import { bytesFromEdit } from '../wireValues';

/** A page of fields (HSCAN, never HGETALL), optionally only fields matching `match`. */
export function scanHash(client: RedisClient, key: Buffer, options: ScanOptions = {}): Promise<ScanPage<HashField>> {
  return collectScanPage(
    (cursor, count) => client.callBuffer('HSCAN', key, cursor, ...scanArgs(options, count)),
    (flat) => pairUp(flat, 'HSCAN').map(([field, value]) => ({ field, value })),
    (item) => item.field,
    options,
  );
}

/** HSET (or HSETNX with `onlyIfNew`); true when the field was created rather than changed. */
export async function setHashField(client: RedisClient, key: Buffer, field: Buffer, value: Buffer, guard: WriteGuard, onlyIfNew = false): Promise<boolean> {
  const command = onlyIfNew ? 'HSETNX' : 'HSET';
  guard(command);
  return asInteger(await client.callBuffer(command, key, field, value), command) === 1;
}

/** HDEL; the number of fields that existed. Deleting the last field deletes the key (Redis does). */
export async function deleteHashFields(client: RedisClient, key: Buffer, fields: Buffer[], guard: WriteGuard): Promise<number> {
  guard('HDEL');
  if (fields.length === 0) return 0;
  return asInteger(await client.callBuffer('HDEL', key, ...fields), 'HDEL');
}

/** HGET of a field shown on a page (its whole value, which the page showed cut). */
export async function readHashField(client: RedisClient, key: Buffer, field: Buffer): Promise<Buffer> {
  const value = asNullableBuffer(await client.callBuffer('HGET', key, field), 'HGET');
  if (value === null) throw new ItemGoneError(`Field ${formatKeyName(field.subarray(0, 64))} of ${formatKeyName(key)}`);
  return value;
}

/** Hashes: HSCAN pages (searchable with MATCH), values loaded whole on demand, fields set, renamed and deleted. */
export const HASH_KIND: ValueKind<'hash'> = {
  type: 'hash',
  sizeCommand: 'HLEN',
  pageSize: (pager) => pager.rows,
  async readPage({ client, key, pager, items }) {
    const page = await scanHash(client, key, { cursor: pager.start, match: pager.match, pageSize: this.pageSize(pager) });
    pager.recordCursor(page.done ? undefined : page.cursor);
    const limit = pageCellLimit(page.items.flatMap((i) => [i.field, i.value]), pager.budget.textChars);
    const rows = page.items.map((i) => ({ field: items.cell(i.field, limit, alreadyRead(i.field)), value: items.cell(i.value, limit, () => readHashField(client, key, i.field)) }));
    return { kind: 'hash', rows, paging: pager.describe() };
  },
  async clipboardText({ client, key, header }, limits) {
    const page = await scanHash(client, key, { pageSize: limits.pageSize });
    const text = JSON.stringify(Object.fromEntries(page.items.map((i) => [readableText(i.field), readableText(i.value)])), null, 2);
    return { text, copied: page.items.length, total: header.size };
  },
  edits: {
    async hashSet({ client, key, guard, items }, edit) {
      const field = bytesFromEdit(edit.field);
      const value = bytesFromEdit(edit.value);
      const original = edit.original === undefined ? undefined : items.bytesOf(edit.original);
      const renamed = original !== undefined && !original.equals(field);
      if (original === undefined || renamed) {
        // A new name must not silently overwrite another field; renaming adds first, so a failure cannot lose the value.
        if (!(await setHashField(client, key, field, value, guard, true))) throw new ValueEditError('A field with that name already exists; edit that field instead.');
        if (renamed) await deleteHashFields(client, key, [original], guard);
        return original === undefined ? 'Field added.' : 'Field renamed and saved.';
      }
      await setHashField(client, key, field, value, guard);
      return 'Field saved.';
    },
    async hashDelete({ client, key, guard, items }, edit) {
      return (await deleteHashFields(client, key, [items.bytesOf(edit.field)], guard)) ? 'Field deleted.' : 'The field was already gone.';
    },
  },
  creatingEdits: ['hashSet'],
};
