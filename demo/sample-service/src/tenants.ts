import Redis from 'ioredis';

/** One connection per tenant, opened on first use and kept for the life of the service. */
const tenants = new Map<string, Redis>();

export function tenantClient(tenant: string): Redis {
  let client = tenants.get(tenant);
  if (!client) {
    client = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    tenants.set(tenant, client);
  }
  return client;
}

export async function countVisit(tenant: string, page: string): Promise<number> {
  // A counter per tenant and page: written with a TTL, so old pages fade away.
  const key = `tenant:${tenant}:visits:${page}`;
  const visits = await tenantClient(tenant).incr(key);
  if (visits === 1) await tenants.get(tenant)?.expire(key, 86_400);
  return visits;
}

export async function resetTenant(tenant: string): Promise<void> {
  // The client comes out of the Map, typed: KEYS on it is certain, not a guess from its name.
  const keys = (await tenants.get(tenant)?.keys(`tenant:${tenant}:*`)) ?? [];
  if (keys.length) await tenants.get(tenant)?.del(...keys);
}
