import { Cluster } from 'ioredis';
import type { RedisClient } from './clientFactory';

export interface DatabaseSummary {
  db: number;
  keys: number;
  expires: number;
}

/** Parses the `# Keyspace` section: `db0:keys=12,expires=3,avg_ttl=0`. */
export function parseKeyspaceSection(info: string): DatabaseSummary[] {
  const result: DatabaseSummary[] = [];
  for (const line of info.split(/\r?\n/)) {
    const match = /^db(\d+):keys=(\d+),expires=(\d+)/.exec(line);
    if (match) result.push({ db: Number(match[1]), keys: Number(match[2]), expires: Number(match[3]) });
  }
  return result;
}

/**
 * Key and expiry counts per database. A Cluster has only db0, and its count is the sum over
 * every master (INFO sent to one node would describe only that node's slots).
 */
export async function readKeyspace(client: RedisClient): Promise<DatabaseSummary[]> {
  if (client instanceof Cluster) {
    const perMaster = await Promise.all(client.nodes('master').map(async (node) => parseKeyspaceSection(await node.info('keyspace'))));
    const db0 = perMaster.flat().filter((d) => d.db === 0);
    return [{ db: 0, keys: sum(db0.map((d) => d.keys)), expires: sum(db0.map((d) => d.expires)) }];
  }
  return parseKeyspaceSection(await client.info('keyspace'));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
