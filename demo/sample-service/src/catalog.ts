import { redis } from '@/redis';

// Key helpers: the Key Patterns view (Redis container) resolves `productKey(id)` to cache:product:{id}.
export const productKey = (id: number): string => `cache:product:${id}`;
const priceKey = (id: string): string => 'price:' + id;

export async function cacheProduct(id: number, product: object): Promise<void> {
  await redis.set(productKey(id), JSON.stringify(product), 'EX', 300);
}

export async function cachedProduct(id: number): Promise<string | null> {
  return redis.get(productKey(id));
}

export async function setPrice(id: string, price: number): Promise<void> {
  // No TTL here, while the data shows who else writes prices: the view and CodeLens compare.
  await redis.set(priceKey(id), String(price));
}
