import type { WirePaging } from '../../protocol/keyEditor';

export interface PageBudget {
  /** Estimated bytes of elements read from Redis for one page. */
  readBytes: number;
  /** Characters of cell text posted to the page for one page (big cells are cut to share it). */
  textChars: number;
}

export const DEFAULT_PAGE_BUDGET: PageBudget = { readBytes: 32 * 1024 * 1024, textChars: 2 * 1024 * 1024 };

/**
 * How the page shown pages, as its reader recorded it: from a start it was given (a SCAN cursor or
 * a stream id), by position (rank, index, byte offset), or not at all (a JSON document, a
 * HyperLogLog, a missing key).
 */
type PagingMode = 'start' | 'position' | 'none';

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
  /** How the page last read pages, and by how much a positioned page moves (rows, or bytes of a string). */
  private mode: PagingMode = 'none';
  private step = 0;

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
    this.mode = 'start';
    this.nextStart = next;
    this.nextPosition = undefined;
  }

  /**
   * Called by the reader after reading a positioned page: where the next page starts, if any, the
   * total, and the size of a page (`step`: rows, or bytes of a string) that Previous moves back by.
   */
  recordPosition(next: number | undefined, total?: number, step = this.rowCount): void {
    this.mode = 'position';
    this.step = step;
    this.nextPosition = next;
    this.nextStart = undefined;
    this.total = total;
  }

  /** Called by the reader after reading a value that does not page (a JSON document, a HyperLogLog, a missing key). */
  recordUnpaged(): void {
    this.mode = 'none';
  }

  first(): void {
    this.starts = [undefined];
    this.position = 0;
    this.nextStart = undefined;
    this.nextPosition = undefined;
  }

  /** The page after the one last read (as that one paged). */
  next(): void {
    if (this.mode === 'position' && this.nextPosition !== undefined) this.position = this.nextPosition;
    else if (this.mode === 'start' && this.nextStart !== undefined) this.starts.push(this.nextStart);
  }

  previous(): void {
    if (this.mode === 'position') this.position = Math.max(0, this.position - this.step);
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

  /** The paging facts the page shows (page number, whether there is a previous and a next page), right after a record…() call. */
  describe(): WirePaging {
    if (this.mode === 'position') {
      return {
        page: Math.floor(this.position / this.step) + 1,
        hasPrevious: this.position > 0,
        hasNext: this.nextPosition !== undefined,
        match: this.match,
        from: this.position,
        ...(this.total !== undefined ? { total: this.total } : {}),
      };
    }
    return { page: this.starts.length, hasPrevious: this.starts.length > 1, hasNext: this.nextStart !== undefined, match: this.match };
  }
}
