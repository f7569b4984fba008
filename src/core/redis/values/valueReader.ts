import type { RedisClient } from '../connection/clientFactory';
import { readKeyHeader } from './keyHeader';
import { KeyNotFoundError } from './valueErrors';
import type { WireView } from '../../protocol/keyEditor';
import { PageItems } from './pageItems';
import type { ValuePager } from './valuePager';
import { kindOf } from './valueKinds';
import type { KeyHeader } from './valueTypes';
import { wireBytes, wireHeader } from './wireValues';

/**
 * Reads what a key editor shows: the header (type, TTL, encoding, size) and the page of the value
 * the pager points at, read by the key's kind (`VALUE_KINDS`). Nothing reads a whole collection;
 * a page is capped in items and in bytes, and `items` learns how the page names what it shows
 * (bounded ids, "load full value").
 */
export async function readValueView(client: RedisClient, key: Buffer, pager: ValuePager, items = new PageItems()): Promise<WireView> {
  let header: KeyHeader;
  try {
    header = await readKeyHeader(client, key);
  } catch (error) {
    if (error instanceof KeyNotFoundError) return missing(key, error, pager);
    throw error;
  }
  return readValueBody(client, key, header, pager, items);
}

/** The page of a key whose header was just read (the editor shows the header first). */
export async function readValueBody(client: RedisClient, key: Buffer, header: KeyHeader, pager: ValuePager, items = new PageItems()): Promise<WireView> {
  const base = { key: wireBytes(key), header: wireHeader(header) };
  pager.fitRows(header);
  const kind = kindOf(header.type);
  try {
    if (kind) return { ...base, ...(await kind.readPage({ client, key, header, pager, items })) };
  } catch (error) {
    // Expired or deleted between the header and the page.
    if (error instanceof KeyNotFoundError) return missing(key, error, pager);
    throw error;
  }
  pager.recordUnpaged();
  return {
    ...base,
    kind: 'unsupported',
    note: `Keys of type "${header.type}" belong to a Redis module this editor cannot display; the header shows what Redis reports about the key.`,
  };
}

function missing(key: Buffer, error: KeyNotFoundError, pager: ValuePager): WireView {
  pager.recordUnpaged();
  return { kind: 'missing', key: wireBytes(key), note: error.message };
}
