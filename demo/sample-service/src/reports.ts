import Redis, { Cluster } from 'ioredis';

/** A Cluster in production, one server in development: the same code runs on both. */
const store: Redis | Cluster = process.env.REDIS_CLUSTER_NODE
  ? new Redis.Cluster([process.env.REDIS_CLUSTER_NODE])
  : new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

/** One SCAN loop walks one node: on the Cluster this export would silently miss most reports (a warning). */
export async function exportReports(prefix: string): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await store.scan(cursor, 'MATCH', `${prefix}:report:*`, 'COUNT', 100);
    cursor = next;
    found.push(...keys);
  } while (cursor !== '0');
  return found;
}

/** Dependencies handed in as an object type: `deps.redis` is known to be a client, so this is no guess. */
export async function draftReport(deps: { redis: Redis; prefix: string }, id: string, body: string): Promise<void> {
  await deps.redis.set(`${deps.prefix}:draft:${id}`, body);
}
