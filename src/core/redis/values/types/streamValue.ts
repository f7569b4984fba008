import type { RedisClient } from '../../connection/clientFactory';
import { callOnKeyNode } from '../../cluster/clusterRouting';
import { formatKeyName } from '../../keyspace/keyName';
import type { WriteGuard } from '../../safety/writeGuard';
import { ItemGoneError } from '../valueErrors';
import type { WireBytes } from '../../../protocol/keyEditor';
import { pageCellLimit } from '../pageItems';
import { asArray, asBuffer, asInteger, asText, pairsToRecord, pairUp } from '../replies';
import { DEFAULT_PAGE_SIZE } from '../scanPage';
import type { ValueKind } from '../valueKind';
import { readableText } from '../valueText';
import type { StreamEntry } from '../valueTypes';
import { bytesFromEdit, wireBytes } from '../wireValues';

export interface StreamPage {
  entries: StreamEntry[];
  /** Pass as `after` (ascending) or `before` (descending) for the next page; undefined at the end. */
  nextId?: string;
}

/**
 * A page of entries, oldest first (XRANGE) or newest first (XREVRANGE). Paging continues after
 * the last id by incrementing it, which works on every server (the `(id` exclusive form needs 6.2).
 */
export async function readStreamPage(
  client: RedisClient,
  key: Buffer,
  options: { after?: string; before?: string; count?: number; descending?: boolean } = {},
): Promise<StreamPage> {
  const count = Math.max(1, options.count ?? DEFAULT_PAGE_SIZE);
  const reply = options.descending
    ? await client.callBuffer('XREVRANGE', key, options.before ? previousStreamId(options.before) : '+', '-', 'COUNT', String(count))
    : await client.callBuffer('XRANGE', key, options.after ? nextStreamId(options.after) : '-', '+', 'COUNT', String(count));
  const entries = asArray(reply, 'XRANGE').map(parseEntry);
  const last = entries[entries.length - 1];
  return { entries, nextId: entries.length === count && last ? last.id : undefined };
}

/** One field (part 0) or value (part 1) of an entry shown on a page, whole. */
export async function readStreamField(client: RedisClient, key: Buffer, id: string, pair: number, part: 0 | 1): Promise<Buffer> {
  const [entry] = asArray(await client.callBuffer('XRANGE', key, id, id, 'COUNT', '1'), 'XRANGE').map(parseEntry);
  const bytes = entry?.fields[pair]?.[part];
  if (!bytes) throw new ItemGoneError(`Entry ${id} of ${formatKeyName(key)}`);
  return bytes;
}

function parseEntry(raw: unknown): StreamEntry {
  const [id, fields] = asArray(raw, 'stream entry');
  return { id: asText(id, 'stream id'), fields: pairUp(asArray(fields, 'stream fields'), 'stream fields') };
}

/** The smallest id after `id` ("5-3" → "5-4"); ids are ms-seq with 64-bit parts. */
export function nextStreamId(id: string): string {
  const [ms, seq] = splitId(id);
  return seq === MAX_SEQ ? `${ms + 1n}-0` : `${ms}-${seq + 1n}`;
}

/** The largest id before `id` ("5-0" → "4-18446744073709551615"). */
export function previousStreamId(id: string): string {
  const [ms, seq] = splitId(id);
  if (seq > 0n) return `${ms}-${seq - 1n}`;
  if (ms === 0n) return '0-0';
  return `${ms - 1n}-${MAX_SEQ}`;
}

const MAX_SEQ = 2n ** 64n - 1n;

function splitId(id: string): [bigint, bigint] {
  const match = /^(\d+)(?:-(\d+))?$/.exec(id);
  if (!match) throw new RangeError(`"${id}" is not a stream id; ids look like 1700000000000-0.`);
  return [BigInt(match[1]), BigInt(match[2] ?? '0')];
}

export interface StreamSummary {
  length: number;
  groups: number;
  lastGeneratedId: string;
  firstId?: string;
  lastId?: string;
}

export interface ConsumerGroup {
  name: Buffer;
  consumers: number;
  /** Entries delivered to the group's consumers and not acknowledged yet. */
  pending: number;
  lastDeliveredId: string;
  /** Entries not yet delivered to the group (Redis 7+); undefined when unknown. */
  lag?: number;
}

export interface StreamConsumer {
  name: Buffer;
  pending: number;
  /** Milliseconds since the consumer last interacted. */
  idleMs: number;
}

/** XINFO STREAM, sent to the node owning the key (ioredis does not know XINFO's key position). */
export async function readStreamSummary(client: RedisClient, key: Buffer): Promise<StreamSummary> {
  const info = pairsToRecord(await callOnKeyNode(client, key, 'XINFO', 'STREAM', key), 'XINFO STREAM');
  const idOf = (entry: unknown): string | undefined => (entry === null || entry === undefined ? undefined : asText(asArray(entry, 'entry')[0], 'entry id'));
  return {
    length: asInteger(info.length, 'length'),
    groups: asInteger(info.groups, 'groups'),
    lastGeneratedId: asText(info['last-generated-id'], 'last-generated-id'),
    firstId: idOf(info['first-entry']),
    lastId: idOf(info['last-entry']),
  };
}

/** XINFO GROUPS: each group with its consumer and pending counts. */
export async function readConsumerGroups(client: RedisClient, key: Buffer): Promise<ConsumerGroup[]> {
  const groups = asArray(await callOnKeyNode(client, key, 'XINFO', 'GROUPS', key), 'XINFO GROUPS');
  return groups.map((raw) => {
    const g = pairsToRecord(raw, 'XINFO GROUPS');
    const lag = g.lag === undefined || g.lag === null ? undefined : asInteger(g.lag, 'lag');
    return {
      name: asBuffer(g.name, 'group name'),
      consumers: asInteger(g.consumers, 'consumers'),
      pending: asInteger(g.pending, 'pending'),
      lastDeliveredId: asText(g['last-delivered-id'], 'last-delivered-id'),
      ...(lag === undefined ? {} : { lag }),
    };
  });
}

/** XINFO CONSUMERS of one group. */
export async function readConsumers(client: RedisClient, key: Buffer, group: Buffer): Promise<StreamConsumer[]> {
  const consumers = asArray(await callOnKeyNode(client, key, 'XINFO', 'CONSUMERS', key, group), 'XINFO CONSUMERS');
  return consumers.map((raw) => {
    const c = pairsToRecord(raw, 'XINFO CONSUMERS');
    return { name: asBuffer(c.name, 'consumer name'), pending: asInteger(c.pending, 'pending'), idleMs: asInteger(c.idle, 'idle') };
  });
}

/** XADD with `id` '*' (server-assigned) or an explicit id; returns the entry's id. */
export async function addStreamEntry(client: RedisClient, key: Buffer, fields: [Buffer, Buffer][], guard: WriteGuard, id = '*'): Promise<string> {
  guard('XADD');
  if (fields.length === 0) throw new RangeError('A stream entry needs at least one field and value.');
  return asText(await client.callBuffer('XADD', key, id, ...fields.flat()), 'XADD');
}

/** XDEL; how many of the ids existed. */
export async function deleteStreamEntries(client: RedisClient, key: Buffer, ids: string[], guard: WriteGuard): Promise<number> {
  guard('XDEL');
  if (ids.length === 0) return 0;
  return asInteger(await client.callBuffer('XDEL', key, ...ids), 'XDEL');
}

/**
 * Streams: XREVRANGE/XRANGE pages (newest first unless reversed) with XINFO's groups and the
 * consumers of the group the user expanded; entries added (XADD) and deleted (XDEL).
 */
export const STREAM_KIND: ValueKind<'stream'> = {
  type: 'stream',
  sizeCommand: 'XLEN',
  pageSize: (pager) => pager.rows,
  async readPage({ client, key, pager, items }) {
    const descending = !pager.reversed;
    const start = pager.start;
    const [page, groups] = await Promise.all([
      readStreamPage(client, key, { count: this.pageSize(pager), descending, ...(start ? (descending ? { before: start } : { after: start }) : {}) }),
      readConsumerGroups(client, key),
    ]);
    pager.recordCursor(page.nextId);
    const group = pager.consumersOf === undefined ? undefined : groups.find((g) => items.idOf(g.name) === pager.consumersOf);
    const consumers = group ? { group: items.idOf(group.name), list: (await readConsumers(client, key, group.name)).map((c) => ({ ...c, name: wireBytes(c.name) })) } : undefined;
    const limit = pageCellLimit(page.entries.flatMap((e) => e.fields.flat()), pager.budget.textChars);
    const cell = (entry: string, pair: number, part: 0 | 1, bytes: Buffer): WireBytes => items.cell(bytes, limit, () => readStreamField(client, key, entry, pair, part));
    return {
      kind: 'stream',
      entries: page.entries.map((e) => ({ id: e.id, fields: e.fields.map(([f, v], n): [WireBytes, WireBytes] => [cell(e.id, n, 0, f), cell(e.id, n, 1, v)]) })),
      paging: pager.describe(),
      descending,
      groups: groups.map((g) => ({ name: { ...wireBytes(g.name), id: items.idOf(g.name) }, consumers: g.consumers, pending: g.pending, lastDeliveredId: g.lastDeliveredId, ...(g.lag !== undefined ? { lag: g.lag } : {}) })),
      ...(consumers ? { consumers } : {}),
    };
  },
  async clipboardText({ client, key, header }, limits) {
    const page = await readStreamPage(client, key, { count: limits.pageSize });
    const entries = page.entries.map((e) => ({ id: e.id, fields: Object.fromEntries(e.fields.map(([f, v]) => [readableText(f), readableText(v)])) }));
    return { text: JSON.stringify(entries, null, 2), copied: entries.length, total: header.size };
  },
  edits: {
    async streamAdd({ client, key, guard }, edit) {
      const fields = edit.fields.map(([f, v]): [Buffer, Buffer] => [bytesFromEdit(f), bytesFromEdit(v)]);
      const id = await addStreamEntry(client, key, fields, guard, edit.id.trim() || '*');
      return `Entry ${id} added.`;
    },
    async streamDelete({ client, key, guard }, edit) {
      return (await deleteStreamEntries(client, key, [edit.id], guard)) ? `Entry ${edit.id} deleted.` : 'The entry was already gone.';
    },
  },
  creatingEdits: ['streamAdd'],
};
