import Redis from 'ioredis';

const redis = new Redis();

export async function saveSession(id: string, data: object): Promise<void> {
  // A session key with no TTL: never evicted under volatile-* policies.
  await redis.set(`session:${id}`, JSON.stringify(data));
}

export async function activeSessions(): Promise<string[]> {
  // KEYS blocks the server while it walks the whole keyspace.
  const keys = await redis.keys('session:*');
  return keys;
}

export async function clearSessions(): Promise<void> {
  const keys = await redis.keys('session:*');
  if (keys.length) await redis.del(...keys);
}
