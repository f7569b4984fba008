import { Cluster, type Redis } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { connectedServer } from '../cluster/clusterRouting';
import { describeConnectionError } from '../connection/connectionErrors';
import type { LoadBudget } from './loadBudget';

/** How long a scan waits for a reconnecting client before it reports the failure. */
const RECONNECT_WAIT_MS = 10_000;

/** ioredis refuses a command at once while it reconnects (the offline queue is off). */
function isRefusedWhileReconnecting(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return cause instanceof Error && /Stream isn't writeable/.test(cause.message);
}

/** Resolves true when `client` is (or becomes) ready within `ms`, false otherwise. */
function whenReady(client: RedisClient, ms: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  if (client.status === 'end') return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (ready: boolean): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      resolve(ready);
    };
    const onReady = (): void => done(true);
    const timer = setTimeout(() => done(false), ms);
    client.on('ready', onReady);
  });
}

/**
 * SCAN paging over a whole keyspace — never KEYS, which blocks the server for the length of the
 * keyspace. Keys come back as Buffers (`SCAN` through `callBuffer`) so binary names survive. On a
 * Cluster every master is scanned with its own cursor, because a key-less command sent to the
 * Cluster client reaches one random node and would silently show a fraction of the keys.
 */

export interface KeyspaceScanOptions {
  /** `MATCH` pattern (already a glob: escape literal prefixes with `prefixGlob`); omit for every key. */
  match?: Buffer | string;
  /** `COUNT` hint per round trip (default 1000). */
  count?: number;
  /** `TYPE` filter (Redis 6+). */
  type?: string;
}

export interface ScanPage {
  /** Keys of this page; SCAN may return a key more than once across pages. */
  keys: Buffer[];
  /** True once every node's cursor is back at 0. */
  done: boolean;
  /** Set when a node's scan had to start over (failover): what happened, for the user. */
  restarted?: string;
}

export interface NextPageOptions {
  signal?: AbortSignal;
  /** Send the next SCAN as soon as this page arrives, so the server works while the caller digests the page. */
  prefetch?: boolean;
  /** Paces this page's SCAN calls (and a prefetched next page's) under the caller's walk's load budget. */
  budget?: LoadBudget;
}

export class KeyspaceScanError extends Error {
  override readonly name = 'KeyspaceScanError';
}

/** A rejection that means "the caller cancelled", not "the scan failed". */
export class ScanCancelledError extends Error {
  override readonly name = 'AbortError';
  constructor() {
    super('The scan was cancelled.');
  }
}

interface NodeCursor {
  node: Redis;
  cursor: string;
  done: boolean;
  /** The server that issued `cursor` (host:port actually connected), for Sentinel clients. */
  issuedBy?: string;
}

export class KeyspaceScanner {
  private nodes: NodeCursor[] | undefined;
  private inFlight: Promise<ScanPage> | undefined;
  private finished = false;
  private readonly args: (string | Buffer | number)[];

  constructor(private readonly client: RedisClient, options: KeyspaceScanOptions = {}) {
    const count = options.count ?? 1000;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`SCAN COUNT must be a positive integer, got ${count}.`);
    this.args = [
      ...(options.match !== undefined ? ['MATCH', options.match] : []),
      'COUNT',
      count,
      ...(options.type ? ['TYPE', options.type] : []),
    ];
  }

  /** True once the whole keyspace has been covered and every page handed out. */
  get done(): boolean {
    return this.finished && !this.inFlight;
  }

  /**
   * One round trip: a SCAN on every node whose cursor is not finished, merged. Cancelling through
   * `signal` rejects at once with {@link ScanCancelledError}; the reply still in flight is kept
   * for the next call, so no key is lost and no cursor is skipped.
   */
  async nextPage(options: NextPageOptions = {}): Promise<ScanPage> {
    // Calls run one after another: two callers sharing one cursor would otherwise drop a page.
    const previous = this.queue;
    const run = previous.then(() => this.takePage(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private queue: Promise<unknown> = Promise.resolve();

  private async takePage(options: NextPageOptions): Promise<ScanPage> {
    // A prefetched last page may have finished the scan already: hand it out before saying "done".
    if (this.finished && !this.inFlight) return { keys: [], done: true };
    throwIfAborted(options.signal);
    const flight = (this.inFlight ??= this.fetchPage(options.budget));
    let page: ScanPage;
    try {
      page = await abortable(flight, options.signal);
    } catch (error) {
      // After a failure the same cursors are sent again on the next call; after a cancel the reply is kept.
      if (!(error instanceof ScanCancelledError)) this.inFlight = undefined;
      throw error;
    }
    this.inFlight = undefined;
    if (options.prefetch && !page.done) {
      this.inFlight = this.fetchPage(options.budget);
      // Observed here so a failure while nobody waits is not an unhandled rejection; the next call rethrows it.
      this.inFlight.catch(() => undefined);
    }
    return page;
  }

  private async fetchPage(budget: LoadBudget | undefined, retried = false): Promise<ScanPage> {
    const restarted: string[] = [];
    const nodes = (this.nodes = this.follow(this.nodes, restarted));
    const pending = nodes.filter((n) => !n.done);
    let replies: Array<[string, Buffer[], string | undefined]>;
    try {
      replies = await Promise.all(pending.map((n) => (budget ? this.scanUnderBudget(n, budget) : this.scanNode(n))));
    } catch (error) {
      // A client that is reconnecting (a failover, a blip) refuses commands at once: wait for it once,
      // then follow again, so a master that changed meanwhile restarts the scan instead of failing it.
      if (!retried && isRefusedWhileReconnecting(error) && (await whenReady(this.client, RECONNECT_WAIT_MS))) return this.fetchPage(budget, true);
      throw error;
    }
    // Cursors move only when every node answered, so a retry after an error repeats (never skips) keys.
    const keys: Buffer[] = [];
    replies.forEach(([cursor, nodeKeys, issuedBy], i) => {
      pending[i].cursor = cursor;
      pending[i].done = cursor === '0';
      pending[i].issuedBy = issuedBy;
      for (const key of nodeKeys) keys.push(key);
    });
    this.finished = nodes.every((n) => n.done);
    return { keys, done: this.finished, ...(restarted.length ? { restarted: restarted.join(' ') } : {}) };
  }

  /** The cursors to use now: masters re-read on a Cluster, a cursor reset when a Sentinel client moved to another master. */
  private follow(previous: NodeCursor[] | undefined, restarted: string[]): NodeCursor[] {
    if (!(this.client instanceof Cluster)) {
      const current = previous?.[0] ?? { node: this.client, cursor: '0', done: false };
      const now = connectedServer(this.client);
      if (current.cursor !== '0' && current.issuedBy && now && now !== current.issuedBy) {
        restarted.push(`The scan started over on ${now}: the master changed (it was ${current.issuedBy}), and a SCAN cursor only means something on the server that issued it.`);
        return [{ node: this.client, cursor: '0', done: false }];
      }
      return [current];
    }
    const masters = this.masters();
    if (!previous) return masters;
    const byNode = new Map(previous.map((n) => [n.node, n]));
    const next = masters.map((m) => byNode.get(m.node) ?? m);
    const left = previous.filter((n) => !n.done && !masters.some((m) => m.node === n.node)).map((n) => nodeAddress(n.node));
    const joined = masters.filter((m) => !byNode.has(m.node)).map((m) => nodeAddress(m.node));
    if (left.length || joined.length) {
      restarted.push(`The cluster's masters changed during the scan${left.length ? ` (${left.join(', ')} left)` : ''}${joined.length ? `; ${joined.join(', ')} ${joined.length === 1 ? 'is' : 'are'} scanned from the start` : ''}.`);
    }
    return next;
  }

  /**
   * One node's SCAN once the budget lets it go. No signal is passed: a cancel rejects the caller at
   * once (see takePage) while this call goes on, so its reply is kept for the next page.
   */
  private async scanUnderBudget(n: NodeCursor, budget: LoadBudget): Promise<[string, Buffer[], string | undefined]> {
    const reply = await budget.request('scan', () => this.scanNode(n), undefined, (page) => page[1].length);
    return reply as [string, Buffer[], string | undefined];
  }

  private async scanNode(n: NodeCursor): Promise<[string, Buffer[], string | undefined]> {
    let reply: unknown;
    let issuedBy: string | undefined;
    try {
      reply = await n.node.callBuffer('SCAN', n.cursor, ...this.args);
      issuedBy = connectedServer(n.node);
    } catch (error) {
      const where = nodeAddress(n.node);
      throw new KeyspaceScanError(`Scanning keys on ${where} failed: ${describeConnectionError(error, { where }).message}`, { cause: error });
    }
    if (!Array.isArray(reply) || reply.length !== 2 || !Array.isArray(reply[1])) {
      throw new KeyspaceScanError(`${nodeAddress(n.node)} sent an unexpected SCAN reply; is this a Redis-compatible server?`);
    }
    return [String(reply[0]), reply[1] as Buffer[], issuedBy];
  }

  private masters(): NodeCursor[] {
    if (!(this.client instanceof Cluster)) return [{ node: this.client, cursor: '0', done: false }];
    const masters = this.client.nodes('master');
    if (masters.length === 0) {
      throw new KeyspaceScanError('No cluster masters are known yet (the cluster connection is not ready). Connect, then retry.');
    }
    return masters.map((node) => ({ node, cursor: '0', done: false }));
  }
}

/** `host:port` (or the socket path) of one node, for messages. */
export function nodeAddress(node: Redis): string {
  const options = node.options;
  if (options.path) return options.path;
  const stream = (node as unknown as { stream?: { remoteAddress?: string; remotePort?: number } }).stream;
  if (options.sentinels?.length && stream?.remoteAddress) return `${stream.remoteAddress}:${stream.remotePort} (master "${options.name}")`;
  return `${options.host}:${options.port}`;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ScanCancelledError();
}

/** `promise`, or a {@link ScanCancelledError} as soon as `signal` aborts (the promise keeps running). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new ScanCancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: Error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
