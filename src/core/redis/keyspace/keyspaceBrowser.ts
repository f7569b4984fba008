import type { RedisClient } from '../connection/clientFactory';
import { isFiltered, NO_FILTER, scanPlanFor, startsWith, type KeyFilter } from './keyFilter';
import { keyFromId, keyId } from './keyName';
import { describeConnectionError } from '../connection/connectionErrors';
import { KeyspaceScanError, KeyspaceScanner, throwIfAborted } from './keyspaceScanner';
import { KeyspaceTree, type FolderLevel, type LevelOptions } from './keyspaceTree';
import type { LoadBudget } from './loadBudget';

/**
 * One database of one connection as the key tree sees it: a {@link KeyspaceTree} of the keys
 * loaded so far (for one filter) and the SCANs that fill it. Expanding a folder runs one SCAN
 * round trip for that folder (`MATCH folder*`); "Load more…" continues the same cursor. All
 * scans feed the same tree, which drops the duplicates, so counts stay right.
 */

export interface BrowserOptions {
  delimiter: string;
  /** SCAN COUNT per round trip (default 1000). */
  count?: number;
  filter?: KeyFilter;
  /** The database's key count (INFO keyspace): a bulk load sizes the tree once instead of growing it step by step. */
  expectedKeys?: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
  /** Keep scanning until this many new keys were found under the folder (default: one round trip only). */
  minNewKeys?: number;
  /** Stop once this many new keys were loaded in this call: the guard against loading a huge keyspace by accident. */
  maxNewKeys?: number;
  /** Called after every round trip with the running totals. */
  onProgress?: (progress: LoadProgress) => void;
  /** The server-load budget of this load (one per load: a folder, a "Load more…"); unpaced without. */
  budget?: LoadBudget;
}

export interface LoadProgress {
  newKeys: number;
  roundTrips: number;
  /** Keys loaded in the whole tree. */
  totalKeys: number;
}

export interface LoadResult extends LoadProgress {
  /** The folder's scan finished: its count is exact. */
  complete: boolean;
  /** Stopped because `maxNewKeys` was reached while more keys may exist. */
  stoppedAtLimit: boolean;
  /** Set when the scan had to start over (a failover moved it to another server): say so to the user. */
  restarted?: string;
}

export class KeyspaceBrowser {
  readonly tree: KeyspaceTree;
  readonly filter: KeyFilter;
  private readonly scanners = new Map<string, KeyspaceScanner>();
  private readonly count: number;
  private exactKeyChecked = false;
  private readonly expectedKeys: number;

  constructor(private readonly client: RedisClient, options: BrowserOptions) {
    this.filter = options.filter ?? NO_FILTER;
    this.tree = new KeyspaceTree(options.delimiter);
    this.expectedKeys = options.expectedKeys ?? 0;
    this.count = options.count ?? 1000;
  }

  get filtered(): boolean {
    return isFiltered(this.filter);
  }

  /** What is loaded under `prefix` ('' = top level); synchronous, no round trip. */
  level(prefix: Buffer, options?: LevelOptions): FolderLevel {
    return this.tree.level(prefix, options);
  }

  /** Key counts under `prefix`; cheap, for deciding whether to scan before showing a folder. */
  counts(prefix: Buffer): { keyCount: number; leafCount: number } {
    return this.tree.counts(prefix);
  }

  /** True while a scan could still find keys under `prefix` (show "Load more…"). */
  canLoadMore(prefix: Buffer): boolean {
    return !this.tree.isComplete(prefix);
  }

  /**
   * Loads more keys under `prefix`: one SCAN round trip, or more with `minNewKeys`, never past
   * `maxNewKeys`. Rejects with `AbortError` when `signal` aborts (keys already loaded stay) and
   * with a `KeyspaceScanError` saying what went wrong when the server fails.
   */
  async loadMore(prefix: Buffer, options: LoadOptions = {}): Promise<LoadResult> {
    const progress: LoadProgress = { newKeys: 0, roundTrips: 0, totalKeys: this.tree.size };
    let restarted: string | undefined;
    const finish = (stoppedAtLimit: boolean): LoadResult => ({
      ...progress,
      totalKeys: this.tree.size,
      complete: this.tree.isComplete(prefix),
      stoppedAtLimit,
      ...(restarted ? { restarted } : {}),
    });
    if (this.tree.isComplete(prefix)) return finish(false);
    throwIfAborted(options.signal);
    progress.newKeys += await this.checkExactKey();
    const plan = scanPlanFor(this.filter, prefix);
    const scanner = this.scannerFor(plan.scope, plan.match);
    const minNewKeys = options.minNewKeys ?? 0;
    const maxNewKeys = options.maxNewKeys ?? Number.POSITIVE_INFINITY;
    // Only a bulk load of an unfiltered view reserves room: a filter or a single page holds far fewer keys.
    if (!this.filtered && minNewKeys > this.count) this.tree.reserve(Math.min(this.expectedKeys, minNewKeys, maxNewKeys));
    for (;;) {
      // Ask for the next page before digesting this one when the caller wants more than one.
      const page = await scanner.nextPage({ signal: options.signal, prefetch: minNewKeys > 0, ...(options.budget ? { budget: options.budget } : {}) });
      progress.newKeys += this.tree.addAll(page.keys);
      progress.roundTrips++;
      if (page.restarted) restarted = page.restarted;
      progress.totalKeys = this.tree.size;
      if (page.done) this.completed(plan.scope);
      options.onProgress?.({ ...progress });
      if (page.done) return finish(false);
      if (progress.newKeys >= maxNewKeys) return finish(true);
      if (progress.newKeys >= minNewKeys) return finish(false);
    }
  }

  /** A finished scan makes its folder exact, and the scans of folders inside it pointless. */
  private completed(scope: Buffer): void {
    this.tree.markComplete(scope);
    for (const [id, scanner] of this.scanners) if (scanner.done || startsWith(keyFromId(id), scope)) this.scanners.delete(id);
  }

  /** Forgets a deleted key without rescanning. */
  forget(key: Buffer): void {
    this.tree.remove(key);
  }

  private scannerFor(scope: Buffer, match: Buffer | undefined): KeyspaceScanner {
    const id = keyId(scope);
    let scanner = this.scanners.get(id);
    if (!scanner) {
      scanner = new KeyspaceScanner(this.client, { ...(match ? { match } : {}), count: this.count, ...(this.filter.type ? { type: this.filter.type } : {}) });
      this.scanners.set(id, scanner);
    }
    return scanner;
  }

  /**
   * A plain filter names an exact key first: look it up directly so it shows at once, even when
   * the prefix scan of a large keyspace needs many round trips to reach it.
   */
  private async checkExactKey(): Promise<number> {
    if (this.exactKeyChecked || this.filter.pattern.kind !== 'prefix') return 0;
    const key = this.filter.pattern.prefix;
    let type: string;
    try {
      type = await this.client.type(key);
    } catch (error) {
      throw new KeyspaceScanError(`Looking up the key named by the filter failed: ${describeConnectionError(error).message}`, { cause: error });
    }
    this.exactKeyChecked = true;
    return type !== 'none' && (!this.filter.type || this.filter.type === type) && this.tree.add(key) ? 1 : 0;
  }
}
