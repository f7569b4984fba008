import type { Redis } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { connectedServer, keyHoldingTargets } from './clusterRouting';
import { describeConnectionError } from '../connection/connectionErrors';
import type { LoadBudget } from '../keyspace/loadBudget';

/**
 * SCAN walks over every node that holds keys (each master of a Cluster), in parallel, with one
 * report per node. A walk that fails can stop its siblings (a delete must not go on after it
 * reported failure); every walk is awaited before this returns, so nothing keeps running in the
 * background. A master the slot map names but no connection reaches counts as unreachable.
 */

export interface NodeReport {
  /** `host:port` of the master. */
  node: string;
  /** Keys this node's walk handled (counted or deleted). */
  done: number;
  /** `done`: its scan finished; `stopped`: cancelled or stopped because another node failed. */
  state: 'done' | 'stopped' | 'failed' | 'unreachable';
  /** Why it failed, in one sentence. */
  error?: string;
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** `MATCH …`, `COUNT …`, `TYPE …` after the cursor. */
  scanArgs: (string | Buffer)[];
  /** Stop every other walk as soon as one node fails or is unreachable. */
  stopOnFailure: boolean;
  /** Drops keys SCAN MATCH cannot exclude (the tree's filter). */
  keep?: (key: Buffer) => boolean;
  /** Paces every SCAN under the server-load budget (shared by the parallel walks). */
  budget?: LoadBudget;
  /**
   * Where to continue a cancelled walk, by node address: the cursor to send next, or `done` for a
   * node already walked to its end. The caller checked that the servers did not restart since.
   */
  from?: ReadonlyMap<string, string>;
}

/** The cursor value in {@link WalkOptions.from} of a node whose walk is finished. */
export const WALK_DONE = 'done';

export interface WalkOutcome {
  reports: NodeReport[];
  /** The caller's signal aborted. */
  cancelled: boolean;
}

/**
 * `onBatch` handles one SCAN page of one node and says how many keys it handled; `next` is the
 * cursor that follows the page (a resumable caller records it once the page is applied).
 */
export async function walkKeyHoldingNodes(client: RedisClient, options: WalkOptions, onBatch: (node: Redis, keys: Buffer[], next: string) => Promise<number>): Promise<WalkOutcome> {
  const stop = new AbortController();
  const onAbort = (): void => stop.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) stop.abort();
  const targets = keyHoldingTargets(client);
  const reports = targets.map<NodeReport>(({ address, node }) =>
    node ? { node: address, done: 0, state: 'stopped' } : { node: address, done: 0, state: 'unreachable', error: `${address} is not connected (the master is down or unreachable).` },
  );
  if (options.stopOnFailure && reports.some((r) => r.state === 'unreachable')) stop.abort();
  try {
    await Promise.all(
      targets.map(async ({ node, address }, i) => {
        if (!node) return;
        const report = reports[i];
        const start = options.from?.get(address) ?? '0';
        if (start === WALK_DONE) {
          report.state = 'done';
          return;
        }
        try {
          let cursor = start;
          let issuedBy: string | undefined;
          do {
            if (stop.signal.aborted) return;
            // A cursor only means something on the server that issued it: after a Sentinel failover, walk the new master from the start.
            const now = connectedServer(node);
            if (cursor !== '0' && issuedBy && now && now !== issuedBy) cursor = '0';
            const scan = (): Promise<[Buffer, Buffer[]]> => node.callBuffer('SCAN', cursor, ...options.scanArgs) as Promise<[Buffer, Buffer[]]>;
            const reply = options.budget ? await options.budget.request('scan', scan, stop.signal, (page) => page[1].length) : await scan();
            if (!reply) return;
            const [next, scanned] = reply;
            issuedBy = connectedServer(node);
            cursor = next.toString();
            const keys = options.keep ? scanned.filter(options.keep) : scanned;
            if (keys.length > 0 && !stop.signal.aborted) report.done += await onBatch(node, keys, cursor);
          } while (cursor !== '0');
          report.state = 'done';
        } catch (error) {
          report.state = 'failed';
          report.error = describeConnectionError(error, { where: report.node }).message;
          if (options.stopOnFailure) stop.abort();
        }
      }),
    );
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return { reports, cancelled: options.signal?.aborted ?? false };
}

/** "10.0.0.1:7000 120 deleted (done), 10.0.0.2:7000 35 deleted (failed)". */
export function describeReports(reports: readonly NodeReport[], verb: string): string {
  return reports.map((r) => `${r.node} ${r.done} ${verb} (${r.state})`).join(', ');
}
