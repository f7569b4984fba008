import { redis } from './redis';

/** Records kept in Redis on purpose: a user lives as long as the account, so no TTL (reported as a hint only). */
export async function saveUser(user: { id: string; email: string; name: string }): Promise<void> {
  await redis.set(`profile:${user.id}`, JSON.stringify(user));
  await redis.set(`email:${user.email}`, user.id);
}

/** A login token is meant to expire: the same write without a TTL is a warning. */
export async function issueToken(userId: string, token: string): Promise<void> {
  await redis.set(`token:${token}`, userId);
}

/** An in-process LRU in front of Redis: a Map, not a client, whatever it is called. */
const cache = new Map<string, string>();

export async function userName(id: string): Promise<string | null> {
  if (cache.has(id)) return cache.get(id) ?? null;
  const raw = await redis.get(`profile:${id}`);
  const name = raw ? (JSON.parse(raw) as { name: string }).name : null;
  if (name) cache.set(id, name);
  return name;
}
