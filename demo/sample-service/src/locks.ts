import Redis from 'ioredis';

const redis = new Redis();

export async function acquireLock(name: string): Promise<boolean> {
  // A lock without expiry stays forever if the holder crashes.
  return (await redis.setnx(`lock:${name}`, '1')) === 1;
}

export async function countVisit(page: string): Promise<number> {
  const count = await redis.incr(`visits:${page}`);
  await redis.expire(`visits:${page}`, 3600); // not atomic with the INCR
  return count;
}
