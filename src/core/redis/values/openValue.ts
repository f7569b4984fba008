import type { RedisClient } from '../connection/clientFactory';
import { readKeyHeader, type KeyHeader } from './keyHeader';
import { scanHash } from './hashValue';
import { readJsonDocument, REJSON_TYPE, type JsonDocument } from './jsonValue';
import { readListWindow, type ListWindow } from './listValue';
import { scanSet } from './setValue';
import { readConsumerGroups, readStreamPage, type ConsumerGroup, type StreamPage } from './streamValue';
import { DEFAULT_STRING_LIMIT, readString, type StringValue } from './stringValue';
import { describeValue, type ValueText } from './valueText';
import type { HashField, ScanPage } from './valueTypes';
import { readZsetByRank, type ZsetRankPage } from './zsetValue';
import { DEFAULT_PAGE_SIZE } from './scanPage';

/** What a value editor shows when a key is opened: its header and the first page of its value. */
export type ValueView =
  /** `text` is set when the whole string was read (only then is it editable). */
  | { kind: 'string'; header: KeyHeader; value: StringValue; text?: ValueText }
  | { kind: 'hash'; header: KeyHeader; page: ScanPage<HashField> }
  | { kind: 'set'; header: KeyHeader; page: ScanPage<Buffer> }
  | { kind: 'zset'; header: KeyHeader; page: ZsetRankPage }
  | { kind: 'list'; header: KeyHeader; window: ListWindow }
  | { kind: 'stream'; header: KeyHeader; page: StreamPage; groups: ConsumerGroup[] }
  | { kind: 'json'; header: KeyHeader; document: JsonDocument }
  /** Module types other than RedisJSON: the header is all we can show. */
  | { kind: 'unsupported'; header: KeyHeader; note: string };

export interface OpenValueOptions {
  /** Bytes of a string read at most (default 1 MB). */
  stringLimit?: number;
  /** Elements per page for collections. */
  pageSize?: number;
}

/** Reads the header, then the first page in the way that suits the key's type. */
export async function openValue(client: RedisClient, key: Buffer, options: OpenValueOptions = {}): Promise<ValueView> {
  const header = await readKeyHeader(client, key);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  switch (header.type) {
    case 'string': {
      const value = await readString(client, key, options.stringLimit ?? DEFAULT_STRING_LIMIT);
      return { kind: 'string', header, value, ...(value.complete ? { text: describeValue(value.bytes) } : {}) };
    }
    case 'hash':
      return { kind: 'hash', header, page: await scanHash(client, key, { pageSize }) };
    case 'set':
      return { kind: 'set', header, page: await scanSet(client, key, { pageSize }) };
    case 'zset':
      return { kind: 'zset', header, page: await readZsetByRank(client, key, { count: pageSize }) };
    case 'list':
      return { kind: 'list', header, window: await readListWindow(client, key, { count: pageSize }) };
    case 'stream': {
      const [page, groups] = await Promise.all([readStreamPage(client, key, { count: pageSize, descending: true }), readConsumerGroups(client, key)]);
      return { kind: 'stream', header, page, groups };
    }
    case REJSON_TYPE:
      return { kind: 'json', header, document: await readJsonDocument(client, key) };
    default:
      return { kind: 'unsupported', header, note: `Keys of type "${header.type}" belong to a Redis module this extension cannot display; the header shows what Redis reports about it.` };
  }
}
