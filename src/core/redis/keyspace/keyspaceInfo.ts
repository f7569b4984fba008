import { Cluster } from 'ioredis';
import type { RedisClient } from '../connection/clientFactory';
import { keyHoldingTargets } from '../cluster/clusterRouting';
import { parseInfo, parseKeyspace } from '../server/info';

export interface DatabaseSummary {
  db: number;
  keys: number;
  expires: number;
  /** Cluster: some masters did not answer, so the counts miss their keys. */
  partial?: boolean;
}

function summaries(infoText: string): DatabaseSummary[] {
  // A server without the section (a Sentinel has no keyspace) answers INFO keyspace with nothing.
  if (infoText.trim() === '') return [];
  return parseKeyspace(parseInfo(infoText)).map(({ db, keys, expires }) => ({ db, keys, expires }));
}

/**
 * Key and expiry counts per database. A Cluster has only db0, and its count is the sum over
 * every master (INFO sent to one node would describe only that node's slots); when some masters
 * do not answer, the sum of the others is marked partial (and when none answers, it fails).
 */
export async function readKeyspace(client: RedisClient): Promise<DatabaseSummary[]> {
  if (client instanceof Cluster) {
    // The slot map's owners, not just the connected masters: a master that died has left the pool and would be skipped silently.
    const settled = await Promise.allSettled(
      keyHoldingTargets(client).map(async ({ address, node }) => {
        if (!node) throw new Error(`${address} is not connected`);
        return summaries(await node.info('keyspace'));
      }),
    );
    const answered = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed && answered.length === 0) throw failed.reason;
    const db0 = answered.flat().filter((d) => d.db === 0);
    return [{ db: 0, keys: sum(db0.map((d) => d.keys)), expires: sum(db0.map((d) => d.expires)), ...(failed ? { partial: true } : {}) }];
  }
  return summaries(await client.info('keyspace'));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
