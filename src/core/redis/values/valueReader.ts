import type { RedisClient } from '../connection/clientFactory';
import { readHashField, scanHash } from './hashValue';
import { countHyperLogLog, looksLikeHyperLogLog } from './hyperLogLog';
import { readJsonDocument, REJSON_TYPE } from './jsonValue';
import { readKeyHeader, type KeyHeader } from './keyHeader';
import { elementDigest, readListElement, readListWindow } from './listValue';
import { scanSet } from './setValue';
import { readConsumerGroups, readConsumers, readStreamField, readStreamPage } from './streamValue';
import { readString, readStringRange } from './stringValue';
import { KeyNotFoundError } from './valueErrors';
import { describeValue, hexDump } from './valueText';
import { readZsetByRank, scanZset } from './zsetValue';
import type { WireBytes, WireView } from '../../protocol/keyEditor';
import { cellLimitFor, PageItems } from './pageItems';
import type { ValuePager } from './valuePager';
import { CELL_TEXT_LIMIT, wireBytes, wireHeader } from './wireValues';

/**
 * Reads what a key editor shows: the header (type, TTL, encoding, size) and the page of the value
 * the pager points at — SCAN pages for hash and set, ranks or ZSCAN for sorted sets, LRANGE
 * windows for lists, XRANGE/XREVRANGE pages plus XINFO for streams, GETRANGE pages for strings
 * over the size limit. Nothing reads a whole collection; a page is capped in items and in bytes,
 * and `items` learns how the page names what it shows (bounded ids, "load full value").
 */
export async function readValueView(client: RedisClient, key: Buffer, pager: ValuePager, items = new PageItems()): Promise<WireView> {
  let header: KeyHeader;
  try {
    header = await readKeyHeader(client, key);
  } catch (error) {
    if (error instanceof KeyNotFoundError) return { kind: 'missing', key: wireBytes(key), note: error.message };
    throw error;
  }
  return readValueBody(client, key, header, pager, items);
}

/** The page of a key whose header was just read (the editor shows the header first). */
export async function readValueBody(client: RedisClient, key: Buffer, header: KeyHeader, pager: ValuePager, items = new PageItems()): Promise<WireView> {
  const base = { key: wireBytes(key), header: wireHeader(header) };
  try {
    return { ...base, ...(await readBody(client, key, header, pager, items)) };
  } catch (error) {
    // Expired or deleted between the header and the page.
    if (error instanceof KeyNotFoundError) return { kind: 'missing', key: base.key, note: error.message };
    throw error;
  }
}

/** A view without its key and header, per kind (Omit does not distribute over a union by itself). */
type Body = Extract<WireView, { header: unknown }> extends infer V ? (V extends unknown ? Omit<V, 'key' | 'header'> : never) : never;

async function readBody(client: RedisClient, key: Buffer, header: KeyHeader, pager: ValuePager, items: PageItems): Promise<Body> {
  pager.fitRows(header);
  const count = pager.rows;
  const limitFor = (cells: Buffer[]): number => cellLimitFor(cells.map((c) => c.length), pager.budget.textChars, CELL_TEXT_LIMIT);
  const whole = (bytes: Buffer) => () => Promise.resolve(bytes);
  switch (header.type) {
    case 'string':
      return readStringBody(client, key, pager);
    case 'hash': {
      const page = await scanHash(client, key, { cursor: pager.start, match: pager.match, pageSize: count });
      pager.recordCursor(page.done ? undefined : page.cursor);
      const limit = limitFor(page.items.flatMap((i) => [i.field, i.value]));
      const rows = page.items.map((i) => ({ field: items.cell(i.field, limit, whole(i.field)), value: items.cell(i.value, limit, () => readHashField(client, key, i.field)) }));
      return { kind: 'hash', rows, paging: pager.describe('hash') };
    }
    case 'set': {
      const page = await scanSet(client, key, { cursor: pager.start, match: pager.match, pageSize: count });
      pager.recordCursor(page.done ? undefined : page.cursor);
      const limit = limitFor(page.items);
      return { kind: 'set', rows: page.items.map((m) => items.cell(m, limit, whole(m))), paging: pager.describe('set') };
    }
    case 'zset': {
      if (pager.match) {
        const page = await scanZset(client, key, { cursor: pager.start, match: pager.match, pageSize: count });
        pager.recordCursor(page.done ? undefined : page.cursor);
        const limit = limitFor(page.items.map((i) => i.member));
        return { kind: 'zset', rows: page.items.map((i) => ({ member: items.cell(i.member, limit, whole(i.member)), score: i.score })), paging: pager.describe('zset'), descending: pager.reversed };
      }
      const page = await readZsetByRank(client, key, { start: pager.position, count, descending: pager.reversed });
      pager.recordPosition(page.start + count < page.total ? page.start + count : undefined, page.total);
      const limit = limitFor(page.items.map((i) => i.member));
      const rows = page.items.map((i, n) => ({ member: items.cell(i.member, limit, whole(i.member)), score: i.score, rank: page.start + n }));
      return { kind: 'zset', rows, paging: pager.describe('zset'), descending: pager.reversed };
    }
    case 'list': {
      const window = await readListWindow(client, key, { offset: pager.position, count, fromTail: pager.reversed });
      pager.recordPosition(pager.position + count < window.length ? pager.position + count : undefined, window.length);
      const limit = limitFor(window.items);
      const rows = window.items.map((value, n) => ({ index: window.start + n, value: items.cell(value, limit, () => readListElement(client, key, window.start + n, elementDigest(value))) }));
      return { kind: 'list', rows, paging: pager.describe('list'), fromTail: pager.reversed };
    }
    case 'stream':
      return readStreamBody(client, key, pager, items);
    case REJSON_TYPE: {
      const document = await readJsonDocument(client, key);
      return { kind: 'json', ...(document.kind === 'json' ? { text: document.text } : { note: document.note }) };
    }
    default:
      return {
        kind: 'unsupported',
        note: `Keys of type "${header.type}" belong to a Redis module this editor cannot display; the header shows what Redis reports about the key.`,
      };
  }
}

async function readStringBody(client: RedisClient, key: Buffer, pager: ValuePager): Promise<Body> {
  const limit = pager.stringPageBytes;
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
    if (hll) return { kind: 'hll', ...hll };
  }
  pager.recordPosition(offset + bytes.length < total ? offset + limit : undefined, total);
  const described = describeValue(bytes);
  const binary = described.format === 'binary';
  const format = binary && pager.hex ? 'hex' : described.format;
  const text = format === 'hex' ? hexDump(bytes, offset) : described.text;
  return { kind: 'string', format, text, offset, length: bytes.length, complete, hex: pager.hex && binary };
}

async function readStreamBody(client: RedisClient, key: Buffer, pager: ValuePager, items: PageItems): Promise<Body> {
  const descending = !pager.reversed;
  const start = pager.start;
  const [page, groups] = await Promise.all([
    readStreamPage(client, key, { count: pager.rows, descending, ...(start ? (descending ? { before: start } : { after: start }) : {}) }),
    readConsumerGroups(client, key),
  ]);
  pager.recordCursor(page.nextId);
  const group = pager.consumersOf === undefined ? undefined : groups.find((g) => items.idOf(g.name) === pager.consumersOf);
  const consumers = group ? { group: items.idOf(group.name), list: (await readConsumers(client, key, group.name)).map((c) => ({ ...c, name: wireBytes(c.name) })) } : undefined;
  const limit = cellLimitFor(page.entries.flatMap((e) => e.fields.flat().map((b) => b.length)), pager.budget.textChars, CELL_TEXT_LIMIT);
  const cell = (entry: string, pair: number, part: 0 | 1, bytes: Buffer): WireBytes => items.cell(bytes, limit, () => readStreamField(client, key, entry, pair, part));
  return {
    kind: 'stream',
    entries: page.entries.map((e) => ({ id: e.id, fields: e.fields.map(([f, v], n): [WireBytes, WireBytes] => [cell(e.id, n, 0, f), cell(e.id, n, 1, v)]) })),
    paging: pager.describe('stream'),
    descending,
    groups: groups.map((g) => ({ name: { ...wireBytes(g.name), id: items.idOf(g.name) }, consumers: g.consumers, pending: g.pending, lastDeliveredId: g.lastDeliveredId, ...(g.lag !== undefined ? { lag: g.lag } : {}) })),
    ...(consumers ? { consumers } : {}),
  };
}
