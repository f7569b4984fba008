import { displayBytes } from '../bytes/bytesDisplay';
import type { RedisClient } from '../connection/clientFactory';
import { formatBytes } from '../keyspace/keyMetadata';
import { formatKeyName } from '../keyspace/keyName';
import { scanHash } from './hashValue';
import { readJsonDocument, REJSON_TYPE } from './jsonValue';
import { readKeyHeader } from './keyHeader';
import { readListWindow } from './listValue';
import { scanSet } from './setValue';
import { readStreamPage } from './streamValue';
import { readString } from './stringValue';
import { describeValue } from './valueText';
import { readZsetByRank } from './zsetValue';

export interface ClipboardValue {
  text: string;
  /** Items copied, and the total when only the first page was (a big collection is never read whole). */
  copied?: number;
  total?: number;
}

/** Readable text for bytes: UTF-8 as it is, anything else with redis-cli escapes. */
function asText(bytes: Buffer): string {
  return describeValue(bytes).format === 'binary' ? displayBytes(bytes) : bytes.toString('utf8');
}

/**
 * A key's value as clipboard text: a string as stored (escaped when binary), a collection as JSON
 * of its first `pageSize` items, read with the same paged commands as the editor.
 */
export async function clipboardValue(client: RedisClient, key: Buffer, limits: { stringBytes: number; pageSize: number }): Promise<ClipboardValue> {
  const header = await readKeyHeader(client, key);
  const count = limits.pageSize;
  const json = (value: unknown): string => JSON.stringify(value, null, 2);
  switch (header.type) {
    case 'string': {
      const value = await readString(client, key, limits.stringBytes);
      if (!value.complete) {
        throw new Error(`${formatKeyName(key)} holds ${formatBytes(value.totalBytes)}, more than the ${formatBytes(limits.stringBytes)} limit (redisSpecialist.values.stringLimitBytes); open the key to page through it.`);
      }
      return { text: asText(value.bytes) };
    }
    case 'hash': {
      const page = await scanHash(client, key, { pageSize: count });
      return { text: json(Object.fromEntries(page.items.map((i) => [asText(i.field), asText(i.value)]))), copied: page.items.length, total: header.size };
    }
    case 'set': {
      const page = await scanSet(client, key, { pageSize: count });
      return { text: json(page.items.map(asText)), copied: page.items.length, total: header.size };
    }
    case 'zset': {
      const page = await readZsetByRank(client, key, { count });
      return { text: json(page.items.map((i) => ({ member: asText(i.member), score: i.score }))), copied: page.items.length, total: page.total };
    }
    case 'list': {
      const window = await readListWindow(client, key, { count });
      return { text: json(window.items.map(asText)), copied: window.items.length, total: window.length };
    }
    case 'stream': {
      const page = await readStreamPage(client, key, { count });
      const entries = page.entries.map((e) => ({ id: e.id, fields: Object.fromEntries(e.fields.map(([f, v]) => [asText(f), asText(v)])) }));
      return { text: json(entries), copied: entries.length, total: header.size };
    }
    case REJSON_TYPE: {
      const document = await readJsonDocument(client, key);
      if (document.kind !== 'json') throw new Error(document.note);
      return { text: document.text };
    }
    default:
      throw new Error(`Keys of type "${header.type}" cannot be copied as text.`);
  }
}
