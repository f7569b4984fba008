// An edge handler on Bun's built-in Redis client (`RedisClient` and `redis` from 'bun').
import { RedisClient, redis } from 'bun';

export async function visit(page: string): Promise<Response> {
  // A new connection per request: the shared `redis` client is the one to use.
  const counter = new RedisClient(process.env.REDIS_URL);
  await counter.set(`visits:last:${page}`, new Date().toISOString());
  const cached = await redis.get(`page:${page}`);
  return new Response(cached ?? 'miss');
}
