import Redis from 'ioredis';

export async function handleProfile(userId: string): Promise<Record<string, string>> {
  // A new connection for every request exhausts the server's clients.
  const client = new Redis();
  const profile = await client.hgetall(`user:${userId}`);
  client.disconnect();
  return profile;
}

export async function resetEverything(): Promise<void> {
  const redis = new Redis();
  await redis.flushall();
}
