import { Cluster } from 'ioredis';
import type { RedisClient } from './clientFactory';
import { parseInfo, parseKeyspace } from './info';

export interface DatabaseSummary {
  db: number;
  keys: number;
  expires: number;
}

function summaries(infoText: string): DatabaseSummary[] {
  // A server without the section (a Sentinel has no keyspace) answers INFO keyspace with nothing.
  if (infoText.trim() === '') return [];
  return parseKeyspace(parseInfo(infoText)).map(({ db, keys, expires }) => ({ db, keys, expires }));
}

/**
 * Key and expiry counts per database. A Cluster has only db0, and its count is the sum over
 * every master (INFO sent to one node would describe only that node's slots).
 */
export async function readKeyspace(client: RedisClient): Promise<DatabaseSummary[]> {
  if (client instanceof Cluster) {
    const perMaster = await Promise.all(client.nodes('master').map(async (node) => summaries(await node.info('keyspace'))));
    const db0 = perMaster.flat().filter((d) => d.db === 0);
    return [{ db: 0, keys: sum(db0.map((d) => d.keys)), expires: sum(db0.map((d) => d.expires)) }];
  }
  return summaries(await client.info('keyspace'));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
