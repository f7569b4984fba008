import { createHash } from 'node:crypto';
import { keyFromId, keyId } from '../keyspace/keyName';
import type { WireBytes } from '../../protocol/keyEditor';
import { CELL_TEXT_LIMIT, wireBytes } from './wireValues';

/** Bytes up to this size are named by their base64; bigger ones by a digest the host resolves. */
export const INLINE_ID_BYTES = 256;
const DIGEST_PREFIX = 'sha1:';

/** Reads the whole bytes of one cell again, for "Load full value". */
export type CellLoader = () => Promise<Buffer>;

/** The loader of a cell whose whole bytes are already in hand (a field or member name). */
export function alreadyRead(bytes: Buffer): CellLoader {
  return () => Promise.resolve(bytes);
}

/**
 * The identity of an element a key editor shows: SHA-1 of its bytes, the digest Lua's
 * `redis.sha1hex` computes, so a script can compare without the element being sent back.
 */
export function elementDigest(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

/** The page names an item the host no longer knows (a newer page replaced it, or the host restarted). */
export class StaleItemError extends Error {
  override readonly name = 'StaleItemError';
  constructor() {
    super('That item is no longer on the page shown (the page was read again since). Refresh and try again.');
  }
}

/**
 * The items of the page a key editor shows, and how the page names them. A name is bounded
 * whatever the item's size: base64 for small bytes, otherwise `sha1:<hex>` that this page
 * resolves back to the bytes it read (a 10 MB element is never sent back and forth as its own
 * name). Cut cells get a `ref` with which the page asks for the whole value later.
 */
export class PageItems {
  private readonly digests = new Map<string, Buffer>();
  private readonly loaders = new Map<string, CellLoader>();

  /** The bytes as a page cell, at most `limit` characters; `load` reads the whole value again when the cell is cut. */
  cell(bytes: Buffer, limit: number, load?: CellLoader): WireBytes {
    const wire = { ...wireBytes(bytes, limit), id: this.idOf(bytes) };
    if (!wire.truncated || !load) return wire;
    const ref = `cell${this.loaders.size + 1}`;
    this.loaders.set(ref, load);
    return { ...wire, ref };
  }

  /** The name of these bytes; digests are remembered so {@link bytesOf} can resolve them. */
  idOf(bytes: Buffer): string {
    if (bytes.length <= INLINE_ID_BYTES) return keyId(bytes);
    const id = DIGEST_PREFIX + elementDigest(bytes);
    this.digests.set(id, bytes);
    return id;
  }

  /** The bytes a page names by an id of this page. */
  bytesOf(id: string): Buffer {
    if (!id.startsWith(DIGEST_PREFIX)) return keyFromId(id);
    const bytes = this.digests.get(id);
    if (!bytes) throw new StaleItemError();
    return bytes;
  }

  /** The whole value of a cut cell. */
  load(ref: string): Promise<Buffer> {
    const load = this.loaders.get(ref);
    if (!load) throw new StaleItemError();
    return load();
  }
}

/** SHA-1 (hex) of the bytes an id names, as Lua's `redis.sha1hex` computes it; resolving needs no page for digests. */
export function digestOfId(id: string, items: PageItems): string {
  return id.startsWith(DIGEST_PREFIX) ? id.slice(DIGEST_PREFIX.length) : elementDigest(items.bytesOf(id));
}

/** The longest cell of a page of these cells within `textChars` characters (see {@link cellLimitFor}). */
export function pageCellLimit(cells: readonly Buffer[], textChars: number): number {
  return cellLimitFor(cells.map((c) => c.length), textChars, CELL_TEXT_LIMIT);
}

/**
 * The longest cell (in characters) that keeps a page within `budget`: small cells are sent
 * whole, and what is left is shared evenly by the big ones (water-filling). At least `floor`
 * characters per cell, so a page of huge cells still shows the start of each.
 */
export function cellLimitFor(sizes: number[], budget: number, ceiling: number, floor = 256): number {
  const sorted = sizes.map((s) => Math.min(s, ceiling)).sort((a, b) => a - b);
  let left = budget;
  for (let i = 0; i < sorted.length; i++) {
    const share = left / (sorted.length - i);
    if (sorted[i] > share) return Math.max(floor, Math.floor(share));
    left -= sorted[i];
  }
  return ceiling;
}
