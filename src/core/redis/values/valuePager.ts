import type { WirePaging, WireViewKind } from '../../protocol/keyEditor';

export interface PageBudget {
  /** Estimated bytes of elements read from Redis for one page. */
  readBytes: number;
  /** Characters of cell text posted to the page for one page (big cells are cut to share it). */
  textChars: number;
}

export const DEFAULT_PAGE_BUDGET: PageBudget = { readBytes: 32 * 1024 * 1024, textChars: 2 * 1024 * 1024 };

/** How a kind of value pages: by SCAN cursor, by position (rank, index, byte offset) or by stream id. */
type PagingMode = 'cursor' | 'position' | 'streamId' | 'none';

/**
 * Where a key editor is in its value: the page it shows, the search, the order. The host keeps
 * this (the page only sends "next", "previous", "search…"), and the reader records what it
 * learnt while reading (the cursor or id where the next page starts, the total).
 */
export class ValuePager {
  /** MATCH pattern for hash, set and sorted-set searches; '' for none. */
  match = '';
  /** zset by descending score, list from the tail, stream oldest first. */
  reversed = false;
  /** Binary strings as a hex dump. */
  hex = false;
  /** Group (WireBytes id) whose consumers are shown. */
  consumersOf: string | undefined;
  /** Rank, list offset or byte offset of the current page. */
  position = 0;
  /** Cursor (SCAN) or id (stream) that starts each page so far; the last one is the current page. */
  private starts: (string | undefined)[] = [undefined];
  /** Learnt by the reader: where the next page starts (undefined: no next page). */
  private nextStart: string | undefined;
  private nextPosition: number | undefined;
  private total: number | undefined;

  /** Items on the current page: `pageSize`, or fewer when the key's elements are big (see {@link fitRows}). */
  private rowCount: number;

  constructor(
    /** Items per page of collections. */
    readonly pageSize: number,
    /** Bytes per page of a string. */
    readonly stringPageBytes: number,
    /** What one page may weigh: bytes read from Redis (estimated) and characters posted to the page. */
    readonly budget: PageBudget = DEFAULT_PAGE_BUDGET,
  ) {
    this.rowCount = pageSize;
  }

  /** Items to read for the current page. */
  get rows(): number {
    return this.rowCount;
  }

  /**
   * Caps a page in bytes as well as in items: from the key's MEMORY USAGE per element, as many
   * items as fit the read budget (at least one), so 30 elements of 10 MB are not read as one page.
   */
  fitRows(header: { size?: number; memoryBytes?: number }): void {
    const perItem = header.size && header.memoryBytes ? header.memoryBytes / header.size : 0;
    this.rowCount = perItem > 0 ? Math.max(1, Math.min(this.pageSize, Math.floor(this.budget.readBytes / perItem))) : this.pageSize;
  }

  /** The SCAN cursor or stream id that starts the current page. */
  get start(): string | undefined {
    return this.starts[this.starts.length - 1];
  }

  /** Called by the reader after reading a cursor or id page. */
  recordCursor(next: string | undefined): void {
    this.nextStart = next;
    this.nextPosition = undefined;
  }

  /** Called by the reader after reading a positioned page: where the next page starts, if any, and the total. */
  recordPosition(next: number | undefined, total?: number): void {
    this.nextPosition = next;
    this.nextStart = undefined;
    this.total = total;
  }

  first(): void {
    this.starts = [undefined];
    this.position = 0;
    this.nextStart = undefined;
    this.nextPosition = undefined;
  }

  next(kind: WireViewKind): void {
    const mode = this.mode(kind);
    if (mode === 'position' && this.nextPosition !== undefined) this.position = this.nextPosition;
    else if ((mode === 'cursor' || mode === 'streamId') && this.nextStart !== undefined) this.starts.push(this.nextStart);
  }

  previous(kind: WireViewKind): void {
    const mode = this.mode(kind);
    if (mode === 'position') this.position = Math.max(0, this.position - (kind === 'string' ? this.stringPageBytes : this.rowCount));
    else if (this.starts.length > 1) this.starts.pop();
  }

  search(match: string): void {
    this.match = match;
    this.first();
  }

  reverse(reversed: boolean): void {
    this.reversed = reversed;
    this.first();
  }

  /** The paging facts the page shows (page number, whether there is a previous and a next page). */
  describe(kind: WireViewKind): WirePaging {
    const mode = this.mode(kind);
    const size = kind === 'string' ? this.stringPageBytes : this.rowCount;
    if (mode === 'position') {
      return {
        page: Math.floor(this.position / size) + 1,
        hasPrevious: this.position > 0,
        hasNext: this.nextPosition !== undefined,
        match: this.match,
        from: this.position,
        ...(this.total !== undefined ? { total: this.total } : {}),
      };
    }
    return { page: this.starts.length, hasPrevious: this.starts.length > 1, hasNext: this.nextStart !== undefined, match: this.match };
  }

  private mode(kind: WireViewKind): PagingMode {
    switch (kind) {
      case 'hash':
      case 'set':
        return 'cursor';
      case 'zset':
        return this.match ? 'cursor' : 'position';
      case 'list':
      case 'string':
        return 'position';
      case 'stream':
        return 'streamId';
      default:
        return 'none';
    }
  }
}
