import { redis } from './redis';

// The client comes from another file (./redis): the analyzer follows the import.

export async function pricesFor(ids: string[]): Promise<Array<string | null>> {
  const prices: Array<string | null> = [];
  // One round trip per id: a pipeline or MGET does it in one.
  for (const id of ids) {
    prices.push(await redis.get(`price:${id}`));
  }
  return prices;
}

export async function nextEmail(): Promise<string | null> {
  // A blocking pop on the client every other request shares: they all wait behind it.
  const popped = await redis.brpop('queue:emails', 5);
  await redis.incr('stats:emails:popped');
  return popped ? popped[1] : null;
}

export async function acquireLock(name: string, token: string): Promise<boolean> {
  return (await redis.set(`lock:${name}`, token, 'PX', 30_000, 'NX')) === 'OK';
}

export async function releaseLock(name: string, token: string): Promise<void> {
  // GET then DEL: between the two, the lock may expire and be taken by someone else, whose lock this deletes.
  if ((await redis.get(`lock:${name}`)) === token) {
    await redis.del(`lock:${name}`);
  }
}

export async function clearCache(): Promise<unknown> {
  // KEYS inside Lua blocks the server just like KEYS from the client.
  return redis.eval("for _, k in ipairs(redis.call('KEYS', 'cache:*')) do redis.call('DEL', k) end return 1", 0);
}
